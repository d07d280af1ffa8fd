// Words the December 2026 tryout found wrong in what the bot says of gatherings, through the
// real bot and the fake Bot API:
// - "Galette est annulée" lacked its article (and "Apéro est annulée" its agreement): an
//   event is "L'événement « Galette » est annulé", the fête "La fête des voisins 2027 est
//   annulée", in every language, in the group and in the calendar file's caption;
// - a missing time's example named /fete for /evenement: each example names the command used,
//   and so does the hint under an event's open poll;
// - "c'est quand la galette ?" named one galette of several: each is named, with its date and
//   time, its count and the command that answers it.
import { describe, expect, it } from 'vitest';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { BOT, people, privateChat } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, bruno } = people;

// Thursday 26 November 2026: 12 and 19 December 2026 are Saturdays.
const { chat, h } = useLilasOnTelegram(database);
const { say, documentsTo, answerTo: said, cancel } = chat;

const asked = (words: string) => `@${BOT.username} ${words}`;

describe('a cancelled gathering, as the group is told', () => {
  it('says "L’événement « … » est annulé" of an event and "La fête des voisins" of the fête', async () => {
    await say(alice, '/evenement apéro 12/12 19h cour');
    expect(await cancel(alice, '/evenement annuler')).toContain(
      "L'événement « <b>Apéro</b> » est annulé. Les rappels prévus sont supprimés.",
    );
    await say(alice, '/fete 29/05/2027');
    expect(await cancel(alice, '/fete annuler')).toContain(
      'La <b>fête des voisins 2027</b> est annulée.',
    );
  });

  it('says it in the calendar file’s caption too', async () => {
    await say(alice, '/evenement apéro 12/12 19h cour');
    await say(bruno, '/aide');
    await say(bruno, '/start', privateChat(bruno));
    await say(bruno, '/jeviens');
    await say(bruno, '/agenda', privateChat(bruno));
    await cancel(alice, '/evenement annuler');
    expect(documentsTo(bruno).at(-1)?.params.caption).toContain(
      "L'événement «\u202f<b>Apéro</b>\u202f» est annulé.",
    );
  });

  it('says it with the article in the other languages', async () => {
    const expected = {
      en: 'The event “<b>Apéro</b>” is cancelled.',
      // A Latin name in an Arabic sentence is isolated (U+2068…U+2069).
      ar: 'تم إلغاء لقاء «<b>\u2068Apéro\u2069</b>».',
      pt: 'O evento «<b>Apéro</b>» foi cancelado.',
      es: 'El evento «<b>Apéro</b>» se ha cancelado.',
      tr: '«<b>Apéro</b>» etkinliği iptal edildi.',
    };
    for (const [language, sentence] of Object.entries(expected)) {
      await say(alice, `/parametres langue ${language}`);
      await say(alice, '/evenement apéro 12/12 19h cour');
      expect(await cancel(alice, '/evenement annuler')).toContain(sentence);
    }
  });
});

describe('the examples of a sub-command', () => {
  it('names /evenement for an event and /fete for the fête', async () => {
    await say(alice, '/evenement galette 12/12 16h');
    expect(await said(alice, '/evenement heure')).toContain(
      'Quelle heure ? Exemple : /evenement heure 19h',
    );
    expect(await said(alice, '/evenement lieu')).toContain(
      'Quel lieu ? Exemple : /evenement lieu cour intérieure',
    );
    expect(await said(alice, '/evenement date')).toContain('Exemple : /evenement date 28/05');
    await say(alice, '/fete 29/05/2027');
    expect(await said(alice, '/fete heure')).toContain('Quelle heure ? Exemple : /fete heure 19h');

    // With several events coming, the time is asked before which one.
    await say(alice, '/evenement apéro 19/12 19h');
    expect(await said(alice, '/evenement heure')).toContain('Exemple : /evenement heure 19h');

    await say(alice, '/parametres langue en');
    expect(await said(alice, '/event time')).toContain('What time? Example: /event time 7pm');
  });

  it('ends an event’s open poll with /evenement, the fête’s with /fete', async () => {
    await say(alice, '/evenement apéro sondage 12/12, 19/12');
    expect(await said(bruno, '/evenement')).toContain('/evenement');
    expect(await said(bruno, asked("c'est quand l'apéro ?"))).toContain(
      'Organisateurs : /evenement clore pour clore le sondage maintenant',
    );
    await say(alice, '/fete');
    expect(await said(bruno, '/fete')).toContain('Organisateurs : /fete clore');
  });
});

describe('"c’est quand la galette ?" with several coming', () => {
  it('names each galette with its date and time, its count and its command', async () => {
    await say(alice, '/evenement galette 12/12 16h salle commune');
    await say(alice, '/evenement galette 19/12 15h cour');
    await say(alice, '/evenement apéro 05/12 19h');
    await say(bruno, '/jeviens galette2 1');

    const answer = await said(bruno, asked("c'est quand la galette ?"));
    expect(answer).toContain('<b>Les prochaines sorties du groupe</b>');
    expect(answer).toContain(
      '• <b>Galette</b> — samedi 12 décembre 2026, 16 h, salle commune — ✅ 0 · 🤔 0 · ❌ 0 — je viens : /jeviens galette1',
    );
    expect(answer).toContain(
      '• <b>Galette</b> — samedi 19 décembre 2026, 15 h, cour — ✅ 2 · 🤔 0 · ❌ 0 — je viens : /jeviens galette2',
    );
    // Only the galettes: the apéro was not asked about.
    expect(answer).not.toContain('Apéro');

    // Asked about the apéro alone: its own status, as before.
    expect(await said(bruno, asked("c'est quand l'apéro ?"))).toMatch(/^📅 <b>Apéro<\/b> — /);
    // Nothing named: all of them.
    const all = await said(bruno, asked('on est combien ?'));
    expect(all.match(/^• /gm)).toHaveLength(3);
    expect(all.indexOf('Apéro')).toBeLessThan(all.indexOf('Galette'));
    expect(h.sentTo(alice.id)).toEqual([]);
  });
});
