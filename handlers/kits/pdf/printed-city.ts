// A partner city on a kit's printed documents: the same words the chat summary gives
// (../city-lines.ts), put where each document already prints the kit's words, so no layout
// changes: the CCAS's number joins the useful numbers (the numbers box of the tips sheet and
// the large cells of the watch posters) and follows every sentence that names the CCAS; the
// city's programme line and how to register someone on its registry open and close the tips;
// the invitation ends with the programme line, the poster has it above its call to action
// (poster.ts); the easy-to-read sheet gets one
// line each when it has room. Layouts shrink text that runs long, so a city's words never add
// a page (the kit schema's limits are for the association's own words).
import type { Kit } from '../kit-schema.ts';

export interface PrintedCity {
  /** The city's lines for the kit's moment, as printed: "Lyon 1er : la mairie prête…". */
  programmeLines: string[];
  /** The CCAS of the group's city, for the kits that name the CCAS. */
  ccas?: {
    /** "CCAS de Lyon 1er" */
    label: string;
    /** "04 78 12 34 56" */
    number: string;
    /** "CCAS de Lyon 1er : 04 78 12 34 56" */
    line: string;
    /** "Pour l'inscription, le CCAS indique : …" */
    howto?: string;
  };
}

const MAX_EASY_LINES = 9;
const MAX_EASY_TEXT = 90;
const MAX_NUMBER_LABEL = 80;

const cut = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** The kit as the group's documents print it. */
export function withPrintedCity(kit: Kit, city: PrintedCity): Kit {
  const { ccas } = city;
  const lines = city.programmeLines;
  // A sentence of the kit that names the CCAS is followed by the city's CCAS and its number.
  const withCcas = (text: string) =>
    ccas && text.includes('CCAS') ? `${text} ${ccas.line}.` : text;
  const withLines = (text: string) => [withCcas(text), ...lines].join('\n');
  const easy = kit.easyRead && {
    ...kit.easyRead,
    lines: [
      ...kit.easyRead.lines,
      ...(ccas ? [{ pictogram: 'phone' as const, text: cut(ccas.line, MAX_EASY_TEXT) }] : []),
      ...lines.map((line) => ({ pictogram: 'house' as const, text: cut(line, MAX_EASY_TEXT) })),
    ].slice(0, MAX_EASY_LINES),
  };
  return {
    ...kit,
    numbers: ccas
      ? [...kit.numbers, { label: cut(ccas.label, MAX_NUMBER_LABEL), number: ccas.number }]
      : kit.numbers,
    flyer: { ...kit.flyer, body: withLines(kit.flyer.body) },
    tips: {
      ...kit.tips,
      items: [...lines, ...kit.tips.items.map(withCcas), ...(ccas?.howto ? [ccas.howto] : [])],
    },
    ...(easy ? { easyRead: easy } : {}),
  };
}
