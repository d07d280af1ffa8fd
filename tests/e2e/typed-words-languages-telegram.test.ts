// What neighbours type in Spanish, Portuguese, Turkish and Arabic to answer a gathering
// (December 2026 tryout): the people who come with them counted ("vamos ser 3", "seremos
// dos", "eu vou na festa com meu marido", "üç kişiyiz", "سنكون ثلاثة"), Brazilian "vou na
// festa" understood, and a private "eu vou" told where to answer rather than not understood.
// Through the real bot and the fake Bot API.
import { describe, expect, it } from 'vitest';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { BOT, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, bruno } = people;
const { chat } = useLilasOnTelegram(database);
const { say, answerTo: said, sayPrivately, lastPrivate } = chat;
const bot = `@${BOT.username}`;

async function eventIn(language: string): Promise<void> {
  await say(alice, `/parametres langue ${language}`);
  await say(alice, '/evenement Festa 9/01 16h');
}

describe('answering a gathering in other languages', () => {
  it.each([
    ['pt', 'vamos ser 3', 'vai com 2 pessoas'],
    ['pt', 'vamos ser três', 'vai com 2 pessoas'],
    ['pt', 'eu vou na festa com meu marido', 'vai com 1 pessoa'],
    ['pt', 'eu e meu marido vamos', 'vai com 1 pessoa'],
    ['pt', 'vou na festa', 'Bruno: vai (Festa)'],
    ['pt', 'confirmo presença na festa', 'Bruno: vai (Festa)'],
    ['es', 'seremos dos', 'viene con 1 persona'],
    ['es', 'vamos a ser 3', 'viene con 2 personas'],
    ['tr', 'üç kişiyiz', '2 kişiyle'],
    ['tr', 'eşimle geliyorum', '1 kişiyle'],
    // Arabic's dual says "two people" without the figure.
    ['ar', 'سنكون ثلاثة', 'مع شخصين'],
    ['en', 'I will come with my wife', 'with 1 guest'],
  ])('%s: "%s"', async (language, typed, expected) => {
    await eventIn(language);
    const answer = await said(bruno, `${bot} ${typed}`);
    expect(answer).toContain(expected);
  });

  it('tells where to answer when it is said privately', async () => {
    await eventIn('pt');
    await sayPrivately(bruno, 'eu vou');
    expect(lastPrivate(bruno)).toContain('/jeviens');
    expect(lastPrivate(bruno)).not.toContain('compris');
    await sayPrivately(bruno, 'I will come with my wife');
    expect(lastPrivate(bruno)).toMatch(/Festa/);
    expect(lastPrivate(bruno)).not.toContain('compris');
  });
});

describe('the bring list in Spanish', () => {
  it('reads a category and a quantity, and "quién trae qué"; "yo" starts a sentence, no greeting', async () => {
    await eventIn('es');
    expect(await said(alice, '/liste añadir dulce 3 roscones')).toContain('roscones ×3');
    // "dulce de leche" is an item, not the sweet category with "de leche".
    expect(await said(alice, '/liste añadir dulce de leche')).toContain('dulce de leche');
    const list = await said(bruno, `${bot} quién trae qué?`);
    expect(list).toMatch(/<b>Dulce<\/b>\n1\. roscones ×3/u);
    expect(list).toContain('dulce de leche');
    expect(await said(bruno, `${bot} yo llevo la sidra`)).not.toContain('Bruno !');
    expect(await said(bruno, `${bot} hola a todos`)).toContain('Bruno');
  });
});
