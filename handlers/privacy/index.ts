// /mesdonnees and /oublier: anyone can see, privately, everything the bot holds about them,
// and erase it after a confirmation. Every feature contributes a PrivacySection; the
// foundation's own section (name, ids, groups) comes last because erasing it removes the
// person row the others hang from.
import {
  createFindPrivacyExport,
  type FindPrivacyExport,
} from '../../db/queries/privacy-export.ts';
import { forgetPerson } from '../../db/identity-cache.ts';
import { ownThings } from '../access.ts';
import { UserFacingError } from '../errors.ts';
import type { Feature, ChoiceContext, MessageContext } from '../feature.ts';
import type { OutboundMessage } from '../events.ts';
import type { T } from '../i18n.ts';
import { replyPrivately } from '../private-chat.ts';
import type { PersonData } from '../../db/queries/privacy-export.ts';
import { coreSection } from './core-section.ts';
import type { PrivacySection } from './registry.ts';

export function createPrivacyFeature(allSections: () => PrivacySection[]): Feature {
  // The features are all built before the first event, and never change afterwards: the
  // sections and the export's statement are settled on first use, once.
  let settled: { sections: PrivacySection[]; findExport: FindPrivacyExport } | undefined;
  const registry = () => {
    if (!settled) {
      const sections = [...allSections(), coreSection];
      settled = { sections, findExport: createFindPrivacyExport(sections.map((s) => s.dataSql)) };
    }
    return settled;
  };

  async function showMyData(ctx: MessageContext): Promise<void> {
    await replyPrivately(ctx, 'mydata', (t) => exportAll(ctx, t));
  }

  async function exportAll(ctx: MessageContext, t: T): Promise<OutboundMessage[]> {
    const { sections, findExport } = registry();
    const found = await findExport(ctx.deps.db, ctx.person.id);
    const parts: string[] = [];
    const data: Record<string, unknown> = {};
    let kept = 0;
    sections.forEach((section, i) => {
      const exported = section.format(found[i], { t, locale: ctx.locale });
      data[section.key] = exported.data;
      if (exported.lines.length > 0) {
        parts.push(`<b>${t(section.titleKey)}</b>\n${exported.lines.join('\n')}`);
        if (section !== coreSection) kept++;
      }
    });
    // Nothing but what answering them takes (after /oublier, or before joining any group):
    // said plainly, not as "everything I keep" over an empty list.
    const person = found[sections.indexOf(coreSection)] as PersonData | null | undefined;
    const minimal = kept === 0 && (person?.groups.length ?? 0) === 0;
    const intro = t(minimal ? 'privacy.export_intro_minimal' : 'privacy.export_intro');
    const messages: OutboundMessage[] = [
      {
        kind: 'text',
        text: `${intro}\n\n${parts.join('\n\n')}\n\n${t('privacy.export_outro')}`,
      },
    ];
    if (ctx.messenger.capabilities.documents) {
      messages.push({
        kind: 'document',
        filename: 'mes-donnees.json',
        data: new TextEncoder().encode(JSON.stringify(data, null, 2)),
        caption: t('privacy.export_file'),
      });
    }
    return messages;
  }

  async function askToForget(ctx: MessageContext): Promise<void> {
    await replyPrivately(ctx, 'forgetme', async (t) => {
      // What others must take over first (a referent's neighbours): said, and asked whom to.
      const handovers = await Promise.all(
        registry().sections.flatMap((s) =>
          s.handover?.describe ? [s.handover.describe(ctx.deps, ctx.person.id, t)] : [],
        ),
      );
      const lines = handovers.flatMap((h) => h.lines);
      const id = ctx.person.id;
      if (lines.length === 0) {
        return [
          {
            kind: 'text',
            text: t('privacy.forget_confirm'),
            choices: [
              [
                { label: t('privacy.forget_yes'), data: `privacy:forget:${id}` },
                { label: t('privacy.forget_no'), data: 'privacy:keep' },
              ],
            ],
          },
        ];
      }
      const backup = handovers.some((h) => h.backup);
      return [
        {
          kind: 'text',
          text: [...lines, t('privacy.forget_handover_question')].join('\n\n'),
          choices: [
            ...(backup
              ? [[{ label: t('privacy.forget_to_backup'), data: `privacy:forget:${id}:backup` }]]
              : []),
            [{ label: t('privacy.forget_to_organisers'), data: `privacy:forget:${id}:organisers` }],
            [{ label: t('privacy.forget_no'), data: 'privacy:keep' }],
          ],
        },
      ];
    });
  }

  async function answerForget(ctx: ChoiceContext, rest: string): Promise<void> {
    if (rest === 'keep') {
      await ctx.reply(ctx.t('privacy.forget_cancelled'));
      return;
    }
    // The button is only ever sent in the person's own private chat; anything else is forged.
    const [verb, id, to = ''] = rest.split(':');
    if (
      verb !== 'forget' ||
      id !== String(ctx.person.id) ||
      !['', 'backup', 'organisers'].includes(to)
    ) {
      throw new UserFacingError('router.stale_choice');
    }
    // Said before erasing: afterwards the bot no longer knows the person, and WhatsApp's
    // rule (never write first to someone unknown) would forbid the answer. If the erasure
    // fails, the apology follows and nothing was erased.
    await ctx.reply(ctx.t('privacy.forget_done'));
    // Handed over first (whoever takes over is told, and the organisers, without health data):
    // the erasure must not leave neighbours without anyone to check on them.
    for (const section of registry().sections) {
      await section.handover?.run(ctx.deps, ctx.person.id, to !== 'organisers');
    }
    await ctx.deps.db.transaction(async (tx) => {
      for (const section of registry().sections) await section.erase(ctx.person.id, tx);
    });
    // Other instances hear of it from the database; this one forgets at once.
    forgetPerson(ctx.deps.db, ctx.person.id);
    ctx.deps.logger.info({ platform: ctx.chat.platform }, 'a person erased their data');
  }

  return {
    name: 'privacy',
    commands: [
      {
        names: { fr: 'mesdonnees', en: 'mydata' },
        descriptionKey: 'privacy.mydata_description',
        where: 'any',
        run: showMyData,
      },
      {
        names: { fr: 'oublier', en: 'forgetme' },
        aliases: ['oubliez-moi', 'oubliezmoi'],
        descriptionKey: 'privacy.forget_description',
        where: 'any',
        run: askToForget,
      },
    ],
    // Only ever the person's own data: the buttons and links name nobody else's.
    choices: [
      {
        prefix: 'privacy',
        where: 'private',
        reaches: ownThings,
        run: (ctx, _, rest) => answerForget(ctx, rest),
      },
    ],
    startPayloads: {
      mydata: { reaches: ownThings, run: showMyData },
      forgetme: { reaches: ownThings, run: askToForget },
    },
  };
}
