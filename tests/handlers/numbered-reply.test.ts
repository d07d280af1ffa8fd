// What reads as a numbered answer where choices are typed numbers (WhatsApp, the terminal).
import { describe, expect, it } from 'vitest';
import { isNumberedReply, placeMenu } from '../../handlers/numbered-choices.ts';
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

describe('where a new menu of a group is numbered', () => {
  let id = 0;
  const open = (firstNumber: number, size: number, audience: string | null = null) =>
    ({
      id: ++id,
      chatId: 1,
      messageId: '',
      kind: 'choices',
      options: Array.from({ length: size }, (_, i) => `o:${id}:${i}`),
      firstNumber,
      audience,
      once: false,
      pollId: null,
      multiple: false,
      expiresAt: new Date(),
    }) satisfies NumberedPrompt;
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

  it("replaces a person's earlier question, and the same list shown before", () => {
    const alice = open(1, 9, 'alice');
    expect(placeMenu([open(1, 4), alice], menu(6, 'alice'))).toEqual({
      first: 1,
      replacing: [alice.id],
    });
    const kits = open(1, 6);
    const shownAgain = { kind: 'choices' as const, options: kits.options, audience: null };
    expect(placeMenu([open(1, 2), kits], shownAgain)).toEqual({ first: 1, replacing: [kits.id] });
    // A poll is never the same list: each has its own votes.
    expect(placeMenu([kits], { ...shownAgain, kind: 'poll' }).replacing).toEqual([]);
  });
});
