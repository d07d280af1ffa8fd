// What reads as a numbered answer where choices are typed numbers (WhatsApp, the terminal).
import { describe, expect, it } from 'vitest';
import { isNumberedReply } from '../../handlers/numbered-choices.ts';

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
