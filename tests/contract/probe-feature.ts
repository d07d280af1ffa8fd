// A feature used only by the contract suite: it sends a choice, a poll and a document, and
// records the votes it receives, so every adapter can be held to the same outcomes.
import { ownThings } from '../../handlers/access.ts';
import { savePersonSeen } from '../../db/queries/people.ts';
import type { Feature } from '../../handlers/feature.ts';

/** Texts longer than any platform's messages, hard to cut: an emoji, an entity, a tag. */
export const LONG_TEXTS = [
  'a' + '😀'.repeat(3000),
  '&amp;'.repeat(1000),
  '<b>' + 'mot '.repeat(1100) + '</b>',
];

export interface RecordedVote {
  personId: number;
  optionIndexes: number[];
}

export interface Probe {
  feature: Feature;
  votes: RecordedVote[];
  /** Polls this probe sent; votes on any other poll are ignored. */
  pollIds: Set<string>;
}

export function createProbe(): Probe {
  const votes: RecordedVote[] = [];
  const pollIds = new Set<string>();
  const feature: Feature = {
    name: 'contract-probe',
    commands: [
      {
        names: { fr: 'choix', en: 'choice' },
        descriptionKey: 'help.description',
        where: 'group',
        hidden: true,
        run: async (ctx) => {
          await ctx.reply({
            kind: 'text',
            text: 'Choisissez :',
            choices: [
              [1, 2, 3].map((n) => ({
                label: ['Un', 'Deux', 'Trois'][n - 1]!,
                data: `probe:${n}`,
              })),
            ],
          });
        },
      },
      {
        names: { fr: 'sondage', en: 'poll' },
        descriptionKey: 'help.description',
        where: 'group',
        hidden: true,
        run: async (ctx) => {
          const sent = await ctx.reply({
            kind: 'poll',
            question: 'Quel soir ?',
            options: ['Vendredi', 'Samedi', 'Dimanche'],
            multipleAnswers: true,
          });
          if (sent.pollId) pollIds.add(sent.pollId);
        },
      },
      {
        names: { fr: 'long', en: 'long' },
        descriptionKey: 'help.description',
        where: 'group',
        hidden: true,
        run: async (ctx) => {
          for (const text of LONG_TEXTS) await ctx.reply({ kind: 'text', text });
        },
      },
      {
        names: { fr: 'document', en: 'file' },
        descriptionKey: 'help.description',
        where: 'any',
        hidden: true,
        run: async (ctx) => {
          await ctx.reply({
            kind: 'document',
            filename: 'essai.pdf',
            data: new TextEncoder().encode('%PDF-1.4\n%essai\n'),
            caption: 'Un document',
          });
        },
      },
    ],
    choices: [
      {
        prefix: 'probe',
        where: 'any',
        reaches: ownThings,
        run: async (ctx, _found, rest) => {
          const label = ['Un', 'Deux', 'Trois'][Number(rest) - 1];
          if (!label) throw new Error(`forged probe choice ${rest}`);
          await ctx.reply(
            ctx.t('privacy.core_name', { name: `${ctx.person.displayName} → ${label}` }),
          );
        },
      },
    ],
    async onPollVote(event, deps) {
      if (!pollIds.has(event.pollId)) {
        deps.logger.info({ pollId: event.pollId }, 'vote on an unknown poll ignored');
        return;
      }
      const person = await savePersonSeen(deps.db, {
        platform: event.voter.platform,
        externalId: event.voter.id,
        aliases: event.voter.aliases,
        displayName: event.voter.displayName,
      });
      votes.push({ personId: person.id, optionIndexes: event.optionIndexes });
    },
  };
  return { feature, votes, pollIds };
}
