// What reads as a numbered answer where choices are typed numbers (WhatsApp, the terminal).
import { describe, expect, it } from 'vitest';
import { isNumberedReply, placeMenu } from '../../handlers/numbered-choices.ts';
import { sortMenus } from '../../handlers/numbered-answer.ts';
import type { NumberedPrompt } from '../../db/queries/numbered-prompts.ts';

describe('a numbered reply', () => {
  it('is one or several menu numbers, "0" to withdraw a vote', () => {
    for (const text of ['2', ' 12 ', '1 3 5', '1,3;5', '0', '120']) {
      expect(isNumberedReply(text), text).toBe(true);
    }
  });

  it('is not a phone number, a year, a code or words', () => {
    for (const text of ['06 12 34 56 78', '06', '0612345678', '2027', '1 2 3 4567', '2e', 'un']) {
      expect(isNumberedReply(text), text).toBe(false);
    }
  });
});

let lastId = 0;
/** A menu remembered in a chat, as the database gives it. */
const promptOf = (options: string[], audience: string | null, firstNumber = 1) =>
  ({
    id: ++lastId,
    chatId: 1,
    messageId: '',
    kind: 'choices',
    options,
    firstNumber,
    audience,
    once: false,
    pollId: null,
    multiple: false,
    expiresAt: new Date(),
  }) satisfies NumberedPrompt;

describe('where a new menu of a group is numbered', () => {
  const open = (firstNumber: number, size: number, audience: string | null = null) =>
    promptOf(
      Array.from({ length: size }, (_, i) => `o:${lastId + 1}:${i}`),
      audience,
      firstNumber,
    );
  const menu = (size: number, audience: string | null = null) => ({
    kind: 'choices' as const,
    options: Array.from({ length: size }, (_, i) => `new:${i}`),
    audience,
  });

  it('starts every list at 1: the newest list has the low numbers', () => {
    expect(placeMenu([], menu(3)).first).toBe(1);
    expect(placeMenu([open(1, 6)], menu(3)).first).toBe(1);
    expect(placeMenu([open(1, 4, 'alice')], menu(2)).first).toBe(1);
    expect(placeMenu([open(1, 4)], menu(2, 'bruno'))).toEqual({ first: 1, replacing: [] });
  });

  it('takes the place of the same list shown before, never of a poll', () => {
    const kits = open(1, 6);
    const shownAgain = { kind: 'choices' as const, options: kits.options, audience: null };
    expect(placeMenu([open(1, 2), kits], shownAgain)).toEqual({ first: 1, replacing: [kits.id] });
    // A poll is never the same list: each has its own votes.
    expect(placeMenu([kits], { ...shownAgain, kind: 'poll' }).replacing).toEqual([]);
    // A person's earlier question is not removed: it is replaced (sortMenus), and kept to say so.
    const alice = open(1, 9, 'alice');
    expect(placeMenu([open(1, 4), alice], menu(6, 'alice'))).toEqual({ first: 1, replacing: [] });
  });
});

describe('which menus of a chat still wait for an answer', () => {
  const prompt = (audience: string | null, options = ['o:1', 'o:2']) => promptOf(options, audience);
  // Newest first, as the database gives them.
  const newestFirst = (...prompts: NumberedPrompt[]) => [...prompts].reverse();

  it("in a group, a person's newer question replaces their earlier one; lists for everyone stay", () => {
    const rsvp = prompt(null);
    const first = prompt('alice');
    const bruno = prompt('bruno');
    const second = prompt('alice');
    const { current, replacedBy } = sortMenus(newestFirst(rsvp, first, bruno, second), 'group');
    expect(current).toEqual([second, bruno, rsvp]);
    expect(replacedBy.get(first.id)).toBe(second);
  });

  it('keeps the safety offer and "which list?" beside a newer question of the same person', () => {
    const offer = prompt('bruno', ['distress:tell:1:self:fr']);
    const which = prompt('bruno', ['menu:5:3', 'menu:6:3']);
    const question = prompt('bruno');
    const { current, replacedBy } = sortMenus(newestFirst(offer, which, question), 'group');
    expect(current).toEqual([question, which, offer]);
    expect(replacedBy.size).toBe(0);
    // Each is replaced by one of its kind.
    const offerAgain = prompt('bruno', ['distress:tell:1:self:fr']);
    expect(
      sortMenus(newestFirst(offer, question, offerAgain), 'group').replacedBy.get(offer.id),
    ).toBe(offerAgain);
  });

  it('in a private chat, the latest menu replaces the others but for the safety offer', () => {
    const older = prompt(null);
    const offer = prompt('bruno', ['distress:tell:1:self:fr']);
    const latest = prompt(null);
    const { current, replacedBy } = sortMenus(newestFirst(older, offer, latest), 'private');
    expect(current).toEqual([latest, offer]);
    expect(replacedBy.get(older.id)).toBe(latest);
  });
});
