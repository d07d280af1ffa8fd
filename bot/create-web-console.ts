// Builds the partner cities' console (web/) from the app's config and deps, when WEB_URL is
// set: invitation links come from the messengers (each platform's private-chat deep link),
// kit titles and the kit of the moment from the kit catalogue (handlers/kits/seasonal-order.ts).
import type { Deps } from '../handlers/deps.ts';
import type { Platform } from '../handlers/events.ts';
import { loadKits } from '../handlers/kits/load-kits.ts';
import { isInSeason, orderBySeason } from '../handlers/kits/seasonal-order.ts';
import { applyVigilance } from '../handlers/watch/vigilance.ts';
import type { Messenger } from '../handlers/ports.ts';
import { createConsoleApp, type ConsoleApp } from '../web/create-console.ts';
import type { Config } from './config.ts';
import { previewPlatforms } from './preview-platforms.ts';

const PLATFORM_NAMES: Partial<Record<Platform, string>> = {
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  console: 'Terminal',
};

export function createWebConsole(
  web: NonNullable<Config['web']>,
  deps: Deps,
  messengers: ReadonlyMap<Platform, Messenger>,
): ConsoleApp {
  const catalogue = loadKits();
  const timeZone = 'Europe/Paris';
  return createConsoleApp({
    db: deps.db,
    i18n: deps.i18n,
    clock: deps.clock,
    logger: deps.logger.child({ component: 'web-console' }),
    botAdmins: deps.config.botAdmins,
    helpServiceValues: deps.config.helpServiceValues,
    publicUrl: web.url,
    sessionIdleMinutes: web.sessionIdleMinutes,
    sessionMaxHours: web.sessionMaxHours,
    inviteLinks: (code) =>
      [...messengers].flatMap(([platform, messenger]) => {
        // A deep link where the platform has one (Telegram); else the bot's chat with the
        // command written in advance (WhatsApp's wa.me link takes a text).
        const bot = messenger.botLink();
        const url =
          messenger.privateChatLink(`staff-${code}`) ??
          (bot?.startsWith('https://wa.me/')
            ? `${bot}?text=${encodeURIComponent(`/console ${code}`)}`
            : undefined);
        return url ? [{ platform: PLATFORM_NAMES[platform] ?? platform, url }] : [];
      }),
    declareVigilance: (reading, source) => applyVigilance(deps, reading, source, deps.clock.now()),
    kitIds: catalogue.ids,
    previewPlatforms,
    kitTitle: (id, locale) =>
      catalogue.ids.includes(id) ? catalogue.get(id, locale).title : undefined,
    kitOfTheMoment: (now, locale) => {
      const [id] = orderBySeason(catalogue, now, timeZone);
      return id && isInSeason(catalogue, id, now, timeZone)
        ? catalogue.get(id, locale).title
        : undefined;
    },
  });
}
