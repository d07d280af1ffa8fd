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

  it('starts at 1 when nothing is open, else at the lowest numbers free', () => {
    expect(placeMenu([], menu(3)).first).toBe(1);
    expect(placeMenu([open(1, 6)], menu(3)).first).toBe(7);
    // The menu of 1–6 is over; 7–9 is still open: a menu of 6 fits before it, one of 7 not.
    expect(placeMenu([open(7, 3)], menu(6)).first).toBe(1);
    expect(placeMenu([open(7, 3)], menu(7)).first).toBe(10);
    expect(placeMenu([open(4, 3), open(1, 3)], menu(2)).first).toBe(7);
  });

  it("lets two people's questions share numbers, never a question and a menu for everyone", () => {
    expect(placeMenu([open(1, 4, 'alice')], menu(2, 'bruno')).first).toBe(1);
    expect(placeMenu([open(1, 4, 'alice')], menu(2)).first).toBe(5);
    expect(placeMenu([open(1, 4)], menu(2, 'bruno')).first).toBe(5);
  });

  it("replaces a person's earlier question, and the same list shown before", () => {
    const alice = open(5, 9, 'alice');
    expect(placeMenu([open(1, 4), alice], menu(6, 'alice'))).toEqual({
      first: 5,
      replacing: [alice.id],
    });
    const kits = open(3, 6);
    const shownAgain = { kind: 'choices' as const, options: kits.options, audience: null };
    expect(placeMenu([open(1, 2), kits], shownAgain)).toEqual({ first: 3, replacing: [kits.id] });
    // A poll is never the same list: each has its own votes.
    expect(placeMenu([kits], { ...shownAgain, kind: 'poll' }).first).toBe(9);
  });
});
