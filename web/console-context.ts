// What every console route receives: the options given to createConsoleApp, and per request
// the viewer (once logged in), the language and its translation function.
import type { Context } from 'hono';
import type { Db } from '../db/client.ts';
import type { CommunesTable } from '../handlers/groups/communes-by-postcode.ts';
import type { I18n, Locale, T } from '../handlers/i18n.ts';
import type { Clock, Logger } from '../handlers/ports.ts';
import { renderPage } from './layout.ts';
import type { Html } from './html.ts';
import type { Viewer } from './viewer.ts';

export interface ConsoleOptions {
  db: Db;
  i18n: I18n;
  clock: Clock;
  logger: Logger;
  /** BOT_ADMINS, as `platform:id`: the association's people. */
  botAdmins: readonly string[];
  /** Euros per service category (HELP_SERVICE_VALUES, as /stats). */
  helpServiceValues: Record<string, number>;
  /** The console's public base URL (https in production: the cookie is then `Secure`). */
  publicUrl: string;
  sessionIdleMinutes?: number;
  sessionMaxHours?: number;
  /**
   * Links that bring an invitation's code to the bot on each platform: Telegram's deep link
   * (`staff-<code>`), WhatsApp's chat link with "/console <code>" written in advance.
   */
  inviteLinks(code: string): { platform: string; url: string }[];
  /** A kit's title in a language (the kit's id when omitted or unknown). */
  kitTitle?(kitId: string, locale: Locale): string | undefined;
  /** The catalogue's kits (the national page reads their figures by name). */
  kitIds?: readonly string[];
  /** The kit the bot suggests this month (omitted: the city page does not name one). */
  kitOfTheMoment?(now: Date, locale: Locale): string | undefined;
  /**
   * How long a city's figures are kept before they are read again (default
   * web/pages/city.ts's CITY_FIGURES_TTL_MS, a minute); 0 reads them at every load.
   */
  cityFiguresTtlMs?: number;
  /** The communes table (default: handlers/groups/communes-by-postcode.ts's). */
  communes?(): Promise<CommunesTable>;
  /** Legal populations by INSEE code (default: handlers/groups/commune-populations.ts's). */
  populations?(): Promise<Map<string, number>>;
  /**
   * Declares a heat or cold vigilance level for a département, as /vigilance does (bot/ wires
   * the watch's applyVigilance: recorded, announced to the département's groups). Omitted: the
   * CCAS page does not offer it.
   */
  declareVigilance?(
    reading: { departement: string; hazard: 'heat' | 'cold'; level: VigilanceLevel },
    source: string,
  ): Promise<{ changed: boolean }>;
  /**
   * How each platform shows a message, for the city messages' preview (bot/ knows the
   * platforms' markup and limits; the console does not). Omitted: no preview by platform.
   */
  previewPlatforms?: PreviewPlatform[];
}

/** One platform's way of showing our markup (see OutboundMessage), for a preview. */
export interface PreviewPlatform {
  platform: string;
  /** Its name as people know it (Telegram, WhatsApp, Terminal). */
  name: string;
  /** Longest message, in characters: longer texts go in parts. */
  maxLength: number;
  /** The text as it shows: HTML to embed (Telegram's formatting), or plain text (the rest). */
  render(markup: string): { html: string } | { text: string };
  /** How many messages a text becomes there. */
  parts(markup: string): number;
}

export type VigilanceLevel = 'green' | 'yellow' | 'orange' | 'red';

export interface ConsoleEnv {
  Variables: {
    viewer: Viewer | undefined;
    locale: Locale;
    t: T;
    /** The languages the console offers (the bot's). */
    languages: readonly Locale[];
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's context
export type ConsoleContext = Context<ConsoleEnv, any, any>;

export function page(
  c: ConsoleContext,
  title: string,
  main: Html,
  status: 200 | 400 | 401 | 403 | 404 | 500 = 200,
  footer?: Html,
  /** Reloads the page every so many seconds (a city message's progress; no JavaScript). */
  refreshSeconds?: number,
) {
  const viewer = c.get('viewer');
  const url = new URL(c.req.url);
  const body = renderPage(
    {
      t: c.get('t'),
      locale: c.get('locale'),
      languages: c.get('languages'),
      title,
      ...(c.req.method === 'GET' ? { path: url.pathname + url.search } : {}),
      ...(viewer
        ? { session: { csrfToken: viewer.session.csrfToken, isAdmin: viewer.isAdmin } }
        : {}),
      ...(footer ? { footer } : {}),
      ...(refreshSeconds ? { refreshSeconds } : {}),
    },
    main,
  );
  return c.html(body, status);
}

/** Values go into texts unescaped here: the page's `html` template escapes the whole text. */
export function plainValues(t: T): T {
  const plain = (key: string, options?: Record<string, unknown>) =>
    options === undefined ? t(key) : t(key, { ...options, interpolation: { escapeValue: false } });
  return plain as unknown as T;
}
