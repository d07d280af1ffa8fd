// The contract every adapter passes: the same scenarios, through each platform's real
// adapter and a fake of the platform at its edge, asserting the same neutral outcome: what
// the group and each person see, and what the bot recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plainStyle, renderMarkup } from '../../bot/render-markup.ts';
import { findPersonByIdentity } from '../../db/queries/people.ts';
import type { Feature } from '../../handlers/feature.ts';
import type { Platform } from '../../handlers/events.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';
import { createProbe, LONG_TEXTS, type Probe } from './probe-feature.ts';

export type Who = 'admin' | 'member';

/** Something the bot sent, as a person sees it, whatever the platform. */
export interface Seen {
  to: 'group' | Who;
  kind: 'text' | 'poll' | 'document';
  /** Plain text (markup removed), the poll's question, or the document's caption. */
  text: string;
  /** Button labels, numbered options, or poll options. */
  options: string[];
  filename?: string;
}

export interface ContractDriver {
  platform: Platform;
  /** The platform ids of the admin (Alice) and the member (Bruno). */
  ids: Record<Who, string>;
  start(database: TestDatabase, features: Feature[]): Promise<void>;
  stop(): Promise<void>;
  /** A person writes, in the group or privately; resolves once the bot has handled it. */
  say(who: Who, where: 'group' | 'private', text: string): Promise<void>;
  /** A person picks option `n` (from 1) of the latest choices sent to the group. */
  choose(who: Who, n: number): Promise<void>;
  /** A person's full selection on the latest poll sent to the group (empty: withdrawn). */
  vote(who: Who, optionIndexes: number[]): Promise<void>;
  /** The platform delivers the last inbound event again. */
  redeliverLast(): Promise<void>;
  seen(): Seen[];
}

export function describeAdapterContract(name: string, createDriver: () => ContractDriver): void {
  describe(`adapter contract: ${name}`, () => {
    let database: TestDatabase;
    let driver: ContractDriver;
    let probe: Probe;

    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(() => database.drop());
    beforeEach(async () => {
      await resetDatabase(database);
      probe = createProbe();
      driver = createDriver();
      await driver.start(database, [probe.feature]);
      return () => driver.stop();
    });

    const last = (to: Seen['to']) =>
      driver
        .seen()
        .filter((s) => s.to === to)
        .at(-1);

    it('answers a command in the group, in the group', async () => {
      await driver.say('member', 'group', '/aide');
      expect(last('group')?.text).toContain('Ce que je sais faire');
      expect(driver.seen().filter((s) => s.to !== 'group')).toEqual([]);
    });

    it('offers choices and takes a choice', async () => {
      await driver.say('admin', 'group', '/choix');
      expect(last('group')).toMatchObject({
        kind: 'text',
        text: expect.stringContaining('Choisissez'),
        options: ['Un', 'Deux', 'Trois'],
      });
      await driver.choose('member', 2);
      expect(last('group')?.text).toContain('Bruno → Deux');
    });

    it('sends a native poll and records each voter’s full selection', async () => {
      await driver.say('admin', 'group', '/sondage');
      expect(last('group')).toMatchObject({
        kind: 'poll',
        text: 'Quel soir ?',
        options: ['Vendredi', 'Samedi', 'Dimanche'],
      });
      await driver.say('member', 'group', '/aide'); // the member is known by their messages
      await driver.vote('member', [0, 2]);
      await driver.vote('member', []);
      await driver.vote('admin', [1]);
      const member = await findPersonByIdentity(database.db, driver.platform, driver.ids.member);
      const admin = await findPersonByIdentity(database.db, driver.platform, driver.ids.admin);
      expect(probe.votes).toEqual([
        { personId: member!.id, optionIndexes: [0, 2] },
        { personId: member!.id, optionIndexes: [] },
        { personId: admin!.id, optionIndexes: [1] },
      ]);
    });

    it('delivers a long text whole, cut into messages the platform takes', async () => {
      await driver.say('member', 'group', '/long');
      const seen = driver.seen().filter((s) => s.to === 'group');
      // What people read, whitespace and formatting marks aside: nothing lost, no apology,
      // no "�" where an emoji was cut in half.
      const read = (text: string) => text.replace(/[\s*\u2060]/g, '');
      expect(read(seen.map((s) => s.text).join(''))).toBe(
        read(LONG_TEXTS.map((text) => renderMarkup(text, plainStyle)).join('')),
      );
    });

    it('sends a document', async () => {
      await driver.say('member', 'group', '/document');
      expect(last('group')).toMatchObject({ kind: 'document', filename: 'essai.pdf' });
    });

    it('answers a private message privately', async () => {
      await driver.say('member', 'private', '/aide');
      expect(last('member')?.text).toContain('Ce que je sais faire');
      expect(driver.seen().filter((s) => s.to === 'group')).toEqual([]);
    });

    it('refuses an organiser command from a non-admin and accepts it from an admin', async () => {
      await driver.say('member', 'group', '/parametres');
      expect(last('group')?.text).toContain('seuls les administrateurs');
      await driver.say('admin', 'group', '/parametres');
      expect(last('group')?.text).toContain('Paramètres du groupe');
    });

    it('processes a redelivered event once', async () => {
      await driver.say('member', 'group', '/aide');
      const before = driver.seen().length;
      await driver.redeliverLast();
      expect(driver.seen()).toHaveLength(before);
    });
  });
}
