// /aide marks what only the group's admins may do (December 2026 tryout: its footer spoke of
// commands "marquées « administrateurs »", and none was). Through the real bot and the fake
// Bot API, in the group and privately, in the six languages.
import { describe, expect, it } from 'vitest';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { people, privateChat } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, bruno } = people;

const { chat } = useLilasOnTelegram(database);
const { say, lastInGroup, lastPrivate } = chat;

/** The help's line of a command, French spaces read as plain ones. */
const lineOf = (help: string, command: string) =>
  help
    .replace(/\u202f/g, ' ')
    .split('\n')
    .find((line) => line.replace('\u200f', '').startsWith(`/${command} —`));

describe('/aide and the organisers’ commands', () => {
  it('marks in the group what only admins may do, and nothing else', async () => {
    await say(bruno, '/aide');
    const help = lastInGroup();
    expect(lineOf(help, 'parametres')).toBe(
      '/parametres — présenter le groupe : type, nom, code postal, langue (🔑 administrateurs)',
    );
    expect(lineOf(help, 'fete')).toMatch(
      /^\/fete — organiser la fête des voisins .* \(🔑 administrateurs : la lancer, la changer, l'annuler\)$/,
    );
    expect(lineOf(help, 'evenement')).toMatch(/\(🔑 administrateurs : créer, changer, annuler\)$/);
    expect(lineOf(help, 'liste')).toMatch(/\(🔑 administrateurs : retirer un article\)$/);
    expect(lineOf(help, 'langue')).toMatch(/\(🔑 administrateurs : celle du groupe\)$/);
    for (const command of ['jeviens', 'japporte', 'besoin', 'kit', 'mesdonnees']) {
      expect(lineOf(help, command)).toBeDefined();
      expect(lineOf(help, command)).not.toContain('🔑');
    }
    expect(help).toContain('Ce qui est marqué 🔑 est réservé aux administrateurs du groupe.');
  });

  it('marks them privately too, where they apply to a group', async () => {
    await say(bruno, '/start', privateChat(bruno));
    const help = lastPrivate(bruno);
    expect(lineOf(help, 'langue')).toMatch(/\(🔑 administrateurs : celle du groupe\)$/);
    expect(lineOf(help, 'mesdonnees')).not.toContain('🔑');
  });

  it('marks the same five commands in every language', async () => {
    for (const language of ['en', 'ar', 'pt', 'es', 'tr']) {
      await say(alice, `/parametres langue ${language}`);
      await say(bruno, language === 'en' ? '/help' : '/aide');
      const marked = lastInGroup()
        .split('\n')
        .filter((line) => /^\u200f?\//.test(line) && line.includes('🔑'));
      expect(marked.map((line) => line.replace('\u200f', '').split(' ')[0]).sort()).toEqual(
        language === 'en'
          ? ['/event', '/language', '/list', '/party', '/settings']
          : ['/evenement', '/fete', '/langue', '/liste', '/parametres'],
      );
      expect(lastInGroup().split('\n').at(-1)).toContain('🔑');
    }
  });
});
