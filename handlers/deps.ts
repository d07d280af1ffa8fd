// What every handler and job receives: one object built once in bot/main.ts.
import type { Db } from '../db/client.ts';
import type { Platform } from './events.ts';
import type { I18n } from './i18n.ts';
import type { Clock, Logger, Messenger } from './ports.ts';
import type { WatchConfig } from './watch/rounds.ts';

export interface HandlerConfig {
  /** Refuse messages longer than this (characters); Telegram's own limit is 4096. */
  maxInputLength: number;
  /** How long a numbered question stays answerable on platforms without buttons. */
  numberedChoiceTtlSeconds: number;
  /** Inbound event ids are kept this long for de-duplication. */
  processedEventRetentionDays: number;
  /** People who administer the bot itself (`platform:id`): official dates, vigilance. */
  botAdmins: string[];
  /** On platforms without edits, the RSVP count is re-posted at most this often. */
  gatheringSummaryMinutes: number;
  /** Estimated euros per service rendered, by help category (/stats). */
  helpServiceValues: Record<string, number>;
  /** Heat and cold watch: when rounds start, their times, the ladder's delays. */
  watch: WatchConfig;
  /** Partner cities' accounts (`platform:id`) and the départements they declare for. */
  vigilanceAccounts: Record<string, string[]>;
  /** The partner cities' web console, where one is served (WEB_URL): /console links to it. */
  webUrl?: string;
  /** City messages and their delivery reports are purged this many days after going out. */
  cityMessageRetentionDays: number;
}

export interface Deps {
  db: Db;
  clock: Clock;
  logger: Logger;
  i18n: I18n;
  config: HandlerConfig;
  /** The connected platforms; jobs use them to send. */
  messengers: Map<Platform, Messenger>;
}

export function messengerFor(deps: Deps, platform: Platform): Messenger {
  const messenger = deps.messengers.get(platform);
  if (!messenger) throw new Error(`no messenger connected for ${platform}`);
  return messenger;
}
