// Pacing for WhatsApp sends. Unofficial clients get banned for bursts, so every send waits
// for a minimum gap (plus random jitter) since the previous send to the same chat, and for a
// place under a global cap per minute. Sends to one chat keep their order.

export interface PacerOptions {
  minGapMs: number;
  jitterMs: number;
  maxPerMinute: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface Pacer {
  /** Runs `send` when pacing allows; resolves or rejects with its result. */
  schedule<T>(chatId: string, send: () => Promise<T>): Promise<T>;
  /** Resolves when every scheduled send has settled. */
  idle(): Promise<void>;
}

const MINUTE = 60_000;

export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const chains = new Map<string, Promise<unknown>>();
  const lastSent = new Map<string, number>();
  const recent: number[] = [];
  let globalTurn: Promise<void> = Promise.resolve();

  /** Takes the next place under the global cap; places are handed out one at a time. */
  function takeGlobalPlace(): Promise<void> {
    const place = globalTurn.then(async () => {
      while (recent.length > 0 && recent[0]! <= now() - MINUTE) recent.shift();
      if (recent.length >= options.maxPerMinute) await sleep(recent[0]! + MINUTE - now());
      recent.push(now());
      if (recent.length > options.maxPerMinute) recent.shift();
    });
    globalTurn = place.catch(() => undefined);
    return place;
  }

  function schedule<T>(chatId: string, send: () => Promise<T>): Promise<T> {
    const previous = chains.get(chatId) ?? Promise.resolve();
    const turn = previous
      .catch(() => undefined)
      .then(async () => {
        const gap = options.minGapMs + Math.floor(random() * options.jitterMs);
        const wait = (lastSent.get(chatId) ?? -Infinity) + gap - now();
        if (wait > 0) await sleep(wait);
        await takeGlobalPlace();
        try {
          return await send();
        } finally {
          lastSent.set(chatId, now());
        }
      });
    chains.set(chatId, turn);
    // Forget idle chats so the maps stay small.
    void turn
      .catch(() => undefined)
      .then(() => {
        if (chains.get(chatId) === turn) {
          chains.delete(chatId);
          setTimeout(() => {
            if (!chains.has(chatId)) lastSent.delete(chatId);
          }, options.minGapMs + options.jitterMs).unref?.();
        }
      });
    return turn;
  }

  return {
    schedule,
    async idle() {
      await Promise.allSettled([...chains.values()]);
    },
  };
}
