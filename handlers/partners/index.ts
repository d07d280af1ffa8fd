// Villes solidaires: the bot's side of the partner cities' web console (web/). `/console`
// in a private chat sends a one-time link that opens the console (single use, 10 minutes);
// the association's invitation link (`staff-<token>`, a deep link into the private chat)
// makes the person who opens it a member of a partner's staff. The console itself is at the
// edge (web/): this feature knows nothing of it but its address.
import {
  acceptStaffInvitation,
  CONSOLE_DATA_OF_PERSON,
  createLoginToken,
  eraseConsoleDataOfPerson,
  findStaffMemberships,
  type ConsoleDataOfPerson,
} from '../../db/queries/console-access.ts';
import { ownThings } from '../access.ts';
import { formatDate } from '../calendar/french-dates.ts';
import { escapeHtml } from '../events.ts';
import type { Feature, MessageContext } from '../feature.ts';

/** How long a /console link opens the console. */
export const LOGIN_LINK_MINUTES = 10;

/**
 * `/console`: sends the person a one-time link to the console, if they may open it.
 * `/console CODE`: accepts the association's invitation first (where no deep link can carry
 * it: WhatsApp, the terminal), then sends the link.
 */
async function sendConsoleLink(ctx: MessageContext): Promise<void> {
  const code = (ctx.event.command?.args ?? '').trim();
  if (code !== '') {
    if (!(await acceptInvitation(ctx, code))) return;
  }
  const { deps, t } = ctx;
  const base = deps.config.webUrl;
  if (!base) {
    await ctx.reply(t('partners.console_off'));
    return;
  }
  const staff = await findStaffMemberships(deps.db, ctx.person.id);
  if (staff.length === 0 && !ctx.isBotAdmin()) {
    await ctx.reply(t('partners.console_not_staff'));
    return;
  }
  const token = await createLoginToken(
    deps.db,
    ctx.person.id,
    new Date(ctx.now.getTime() + LOGIN_LINK_MINUTES * 60_000),
  );
  await ctx.reply(
    t('partners.console_link', {
      // The console opens in the person's language; the URL is escaped as markup (&amp;).
      url: `${base}/console/login?token=${token}&lang=${ctx.locale}`,
      minutes: LOGIN_LINK_MINUTES,
    }),
  );
}

/** The association's invitation, opened in the private chat: the person joins the staff. */
async function acceptInvitation(ctx: MessageContext, token: string): Promise<boolean> {
  const { deps, t } = ctx;
  // A code is 43 URL-safe characters; anything else is not one (and is not looked up).
  const joined = /^[\w-]{20,64}$/.test(token)
    ? await acceptStaffInvitation(deps.db, token, ctx.person.id, ctx.now)
    : undefined;
  if (!joined) {
    await ctx.reply(t('partners.invitation_invalid'));
    return false;
  }
  await ctx.reply(
    t('partners.invitation_accepted', {
      partner: escapeHtml(joined.partnerName),
      role: t(`partners.roles.${joined.role}`),
      interpolation: { escapeValue: false },
    }) + (deps.config.webUrl ? '' : `\n\n${t('partners.console_off')}`),
  );
  return true;
}

export function createPartnersFeature(): Feature {
  return {
    name: 'partners',
    commands: [
      {
        names: { fr: 'console', en: 'console' },
        descriptionKey: 'partners.console_description',
        where: 'private',
        run: sendConsoleLink,
      },
    ],
    startPayloads: {
      // The token is the person's own business: it names no group.
      staff: {
        reaches: ownThings,
        run: async (ctx, _, rest) => {
          await acceptInvitation(ctx, rest);
        },
      },
    },
    privacy: {
      key: 'partnerConsole',
      titleKey: 'partners.privacy_title',
      dataSql: CONSOLE_DATA_OF_PERSON,
      format(data: ConsoleDataOfPerson, { t, locale }) {
        const lines = [
          ...data.staff.map((s) =>
            t('partners.privacy_staff', {
              partner: escapeHtml(s.partner),
              role: t(`partners.roles.${s.role}`),
              date: formatDate(s.since.slice(0, 10), locale, 'long'),
              interpolation: { escapeValue: false },
            }),
          ),
          ...(data.openSessions > 0
            ? [t('partners.privacy_sessions', { count: data.openSessions })]
            : []),
        ];
        return { lines, data };
      },
      erase: (personId, tx) => eraseConsoleDataOfPerson(tx, personId),
    },
  };
}
