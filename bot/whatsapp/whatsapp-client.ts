// The only file that imports whatsapp-web.js (a CommonJS package: its default export holds
// the classes). Everything else in bot/whatsapp/ sees the narrow ClientSurface below, which
// the real Client satisfies (checked by the compiler here) and the tests' fake implements,
// so the fake cannot drift from the library's interface. The library is loaded on first use:
// a bot without WhatsApp never loads it and puppeteer (about 25 MB of memory).
import { createRequire } from 'node:module';
import type WAWebJS from 'whatsapp-web.js';

let library: typeof WAWebJS | undefined;

function whatsappWeb(): typeof WAWebJS {
  return (library ??= createRequire(import.meta.url)('whatsapp-web.js') as typeof WAWebJS);
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

/** The memory of the browser's WhatsApp Web page (JS heap), in MB. */
export async function measureBrowserMemoryMb(client: ClientSurface): Promise<number | undefined> {
  const page = (client as Partial<Client>).pupPage;
  if (!page) return undefined;
  const metrics = await page.metrics().catch(() => undefined);
  return metrics?.JSHeapTotalSize !== undefined ? metrics.JSHeapTotalSize / 1_048_576 : undefined;
}

/** Calls `onCrash` when the WhatsApp Web page crashes or the browser goes away. */
export function watchBrowserPage(client: ClientSurface, onCrash: (error: unknown) => void): void {
  const real = client as Partial<Client>;
  real.pupPage?.on('error', onCrash);
  real.pupBrowser?.on('disconnected', () => onCrash(new Error('browser disconnected')));
}
