// The shape of a kit's content file, kits/<locale>/<id>.json. Adding a kit means adding its
// two files (fr and en); they are validated at startup and in the tests, and a broken file
// stops startup with a message naming the file and the field.
import { z } from 'zod';

export const documentKinds = [
  'poster',
  'flyer',
  'panneau',
  'annuaire',
  'planning',
  'tips',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** The pictograms drawn for easy-to-read documents (handlers/kits/pdf/pictograms.ts). */
export const pictogramNames = [
  'sun',
  'thermometer',
  'water',
  'house',
  'phone',
  'people',
  'snowflake',
  'calendar',
  'food',
  'coat',
] as const;

export const kitSchema = z
  .object({
    /** Same as the file name: lower case, digits and hyphens. */
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: text(2, 60),
    /** Other names people type for it (without accents or with, any case). */
    aliases: z.array(text(2, 40)).default([]),
    /** Months (1–12) when this kit fits the season; empty means all year. */
    months: z.array(z.number().int().min(1).max(12)),
    /** Month in which groups get it suggested once a year; absent: never suggested. */
    suggestMonth: z.number().int().min(1).max(12).optional(),
    /**
     * What the printables are about: a gathering (date, time and place, or lines to write
     * them on; a reply slip), a watch over neighbours (emergency numbers in large type, the
     * relay's name and door), or a notice (neither).
     */
    kind: z.enum(['gathering', 'watch', 'notice']).default('notice'),
    /** What it is for, in one or two sentences. */
    summary: text(20, 400),
    /** The step-by-step checklist shown in the chat. */
    steps: z.array(text(3, 200)).min(3).max(10),
    /** Useful numbers, where relevant (emergencies, help lines). */
    numbers: z.array(z.object({ label: text(2, 80), number: text(2, 20) }).strict()).default([]),
    /** The printable documents of this kit. */
    documents: z.array(z.enum(documentKinds)).min(1),
    poster: z
      .object({
        headline: text(3, 60),
        subtitle: text(3, 120),
        body: text(10, 600),
        callToAction: text(3, 120),
      })
      .strict(),
    flyer: z
      .object({ headline: text(3, 60), body: text(10, 700), callToAction: text(3, 120) })
      .strict(),
    tips: z.object({ title: text(3, 80), items: z.array(text(5, 240)).min(3).max(12) }).strict(),
    /** The rota grid: its title, column headings and number of blank rows. */
    planning: z
      .object({
        title: text(3, 80),
        columns: z.array(text(1, 30)).min(2).max(6),
        rows: z.number().int().min(5).max(30),
        /** It holds people's details: a phone column, and "not for the hall". */
        private: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /**
     * The easy-to-read (FALC) version: short sentences, one idea per line, each with a
     * pictogram; no abbreviations.
     */
    easyRead: z
      .object({
        title: text(3, 60),
        lines: z
          .array(z.object({ pictogram: z.enum(pictogramNames), text: text(3, 90) }).strict())
          .min(3)
          .max(9),
        /**
         * The useful numbers in easy-to-read words ("Les urgences, partout en Europe" rather
         * than "Numéro d'urgence européen"): the same numbers, in the same order.
         */
        numbers: z.array(z.object({ label: text(2, 80), number: text(2, 20) }).strict()).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((kit, ctx) => {
    const easyNumbers = kit.easyRead?.numbers?.map((entry) => entry.number);
    if (easyNumbers && easyNumbers.join('|') !== kit.numbers.map((n) => n.number).join('|')) {
      ctx.addIssue({
        code: 'custom',
        path: ['easyRead', 'numbers'],
        message: 'must give the same numbers as "numbers", in the same order',
      });
    }
    if (kit.documents.includes('planning') && !kit.planning) {
      ctx.addIssue({
        code: 'custom',
        path: ['planning'],
        message: 'is required when documents include "planning"',
      });
    }
  });

export type Kit = z.infer<typeof kitSchema>;
export type PictogramName = (typeof pictogramNames)[number];
