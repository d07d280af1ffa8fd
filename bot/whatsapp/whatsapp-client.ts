// The only file that imports whatsapp-web.js (a CommonJS package: its default export holds
// the classes). Everything else in bot/whatsapp/ sees the narrow ClientSurface below, which
// the real Client satisfies (checked by the compiler here) and the tests' fake implements,
// so the fake cannot drift from the library's interface. The library is loaded on first use:
// a bot without WhatsApp never loads it and puppeteer (about 25 MB of memory).
import { createRequire } from 'node:module';
import type WAWebJS from 'whatsapp-web.js';
import { processTreeMemoryMb } from './browser-process.ts';

let library: typeof WAWebJS | undefined;

/** The library, loaded once, with the vote guard below in place. */
export function whatsappWeb(): typeof WAWebJS {
  if (!library) {
    library = createRequire(import.meta.url)('whatsapp-web.js') as typeof WAWebJS;
    guardPollVotes(requireStructures());
  }
  return library;
}

const requireStructures = () =>
  createRequire(import.meta.url)('whatsapp-web.js/src/structures') as Structures;

/**
 * The library's structure classes, including those its index does not export (PollVote,
 * GroupNotification): the very classes its Client instantiates.
 */
export function libraryStructures(): Structures {
  whatsappWeb();
  return requireStructures();
}

type StructureClass = new (client: unknown, data: unknown) => unknown;

export interface Structures {
  Message: StructureClass;
  PollVote: StructureClass & { prototype: Record<string, unknown> };
  GroupNotification: StructureClass;
}

/** Set on a PollVote whose own constructor failed (see guardPollVotes). */
export const VOTE_PATCH_ERROR = Symbol('whatsapp-web.js PollVote constructor error');

/**
 * whatsapp-web.js 1.34's PollVote constructor throws when a selected option is not among the
 * options of the poll message it found (`….find(…).name` of undefined): the exception goes
 * back into the page, and 'vote_update' is never emitted, so the vote would be lost without a
 * trace. The guard wraps the constructor's `_patch`: when it throws, the fields are filled
 * from the same raw data without the option names (which the bot does not use: it counts by
 * `localId`), and the error is kept on the vote under VOTE_PATCH_ERROR for the adapter to log.
 * What cannot be saved: a vote whose raw data has no voter or no selection list at all.
 */
function guardPollVotes({ PollVote, Message }: Structures): void {
  const original = PollVote.prototype._patch as
    ((this: Record<PropertyKey, unknown>, data: RawVote) => unknown) | undefined;
  if (!original || (original as { guarded?: true }).guarded) return;
  const guarded = function (this: Record<PropertyKey, unknown>, data: RawVote) {
    try {
      return original.call(this, data);
    } catch (error) {
      this[VOTE_PATCH_ERROR] = error;
      this.voter = data.sender;
      this.selectedOptions = (data.selectedOptionLocalIds ?? []).map((localId) => ({
        name: undefined,
        localId,
      }));
      this.interractedAtTs = data.senderTimestampMs;
      this.parentMessage = new Message(this.client, data.parentMessage ?? undefined);
      this.parentMsgKey = data.parentMsgKey;
      return this;
    }
  };
  Object.assign(guarded, { guarded: true });
  PollVote.prototype._patch = guarded;
}

interface RawVote {
  sender?: unknown;
  selectedOptionLocalIds?: number[];
  senderTimestampMs?: number;
  parentMessage?: unknown;
  parentMsgKey?: unknown;
}

export type Client = WAWebJS.Client;
export type WhatsAppMessage = WAWebJS.Message;
export type WhatsAppPollVote = WAWebJS.PollVote;
export type WhatsAppGroupNotification = WAWebJS.GroupNotification;
export type MessageContent = WAWebJS.MessageContent;
export type MessageSendOptions = WAWebJS.MessageSendOptions;

/**
 * What the adapter uses of a Client: events, sending, group metadata, lifecycle. The methods
 * are taken from the real type as they are; only the event methods are restated, because
 * the library types them as returning the Client itself, which a fake cannot be.
 */
export interface ClientSurface extends Pick<
  Client,
  | 'initialize'
  | 'destroy'
  | 'sendMessage'
  | 'getChatById'
  | 'getMessageById'
  | 'getState'
  | 'getContactLidAndPhone'
  | 'info'
> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the library's own listener type
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
}

// The real Client must keep satisfying the surface: a compile error here means the
// library changed under us.
const _realClientFits = (client: Client): ClientSurface => client;
void _realClientFits;

export interface RealClientOptions {
  /** LocalAuth folder: the linked session lives here and survives restarts. */
  sessionDir: string;
  /** Folder for WhatsApp Web's cached page versions. */
  cacheDir: string;
  chromiumPath: string;
  /** International number without "+", to log in by pairing code instead of a QR code. */
  pairingPhoneNumber?: string;
}

/** Flags a root process needs to run Debian's Chromium headless in this kind of machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-setuid-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function createRealClient(options: RealClientOptions): Client {
  const wweb = whatsappWeb();
  return new wweb.Client({
    authStrategy: new wweb.LocalAuth({ dataPath: options.sessionDir }),
    webVersionCache: { type: 'local', path: options.cacheDir },
    puppeteer: {
      headless: true,
      executablePath: options.chromiumPath,
      args: CHROMIUM_ARGS,
      // The bot's own shutdown closes the browser; puppeteer's handlers would exit first.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    },
    ...(options.pairingPhoneNumber
      ? { pairWithPhoneNumber: { phoneNumber: options.pairingPhoneNumber, showNotification: true } }
      : {}),
  });
}

/** A poll to send: non-anonymous by nature on WhatsApp. */
export function createPoll(question: string, options: string[], multipleAnswers: boolean) {
  return new (whatsappWeb().Poll)(question, options, {
    allowMultipleAnswers: multipleAnswers,
    messageSecret: undefined,
  });
}

export function createDocument(data: Uint8Array, filename: string, mimetype: string) {
  return new (whatsappWeb().MessageMedia)(mimetype, Buffer.from(data).toString('base64'), filename);
}

/**
 * The resident memory of the browser and all its processes (renderers, GPU, zygote), in MB:
 * what grows over days, and what the OOM killer looks at (the page's JS heap is a fraction).
 */
export async function measureBrowserMemoryMb(client: ClientSurface): Promise<number | undefined> {
  const pid = (client as Partial<Client>).pupBrowser?.process()?.pid;
  return pid === undefined ? undefined : processTreeMemoryMb(pid);
}

/**
 * The bot's own ids, as WhatsApp Web knows them (its number's @c.us and its @lid); without a
 * page (a test's client), asked like anyone's.
 */
export async function readOwnIds(client: ClientSurface): Promise<string[]> {
  const wid = client.info.wid._serialized;
  const page = (client as Partial<Client>).pupPage;
  if (page) {
    const ids: unknown = await page.evaluate(`(() => {
      const me = window.require('WAWebUserPrefsMeUser');
      return [me.getMaybeMePnUser?.()?._serialized, me.getMaybeMeLidUser?.()?._serialized];
    })()`);
    return [wid, ...(Array.isArray(ids) ? (ids as unknown[]) : [])].filter(
      (id): id is string => typeof id === 'string' && id !== '',
    );
  }
  const [pair] = await client.getContactLidAndPhone([wid]);
  return [wid, pair?.pn, pair?.lid].filter((id): id is string => typeof id === 'string' && !!id);
}

/** Calls `onCrash` when the WhatsApp Web page crashes or the browser goes away. */
export function watchBrowserPage(client: ClientSurface, onCrash: (error: unknown) => void): void {
  const real = client as Partial<Client>;
  real.pupPage?.on('error', onCrash);
  real.pupBrowser?.on('disconnected', () => onCrash(new Error('browser disconnected')));
}
