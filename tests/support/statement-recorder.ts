// Records the text of every statement the database driver receives (Drizzle's queries, raw
// statements and transactions alike), on PGlite and on postgres.js: for tests that count
// round trips.
import type { Db } from '../../db/client.ts';

export function recordStatements(db: Db): { texts: string[]; stop(): void } {
  const client = (db as unknown as { $client: Record<string, unknown> }).$client;
  const texts: string[] = [];
  const restores: (() => void)[] = [];
  for (const name of ['query', 'exec', 'transaction', 'unsafe', 'begin']) {
    if (typeof client[name] !== 'function') continue;
    // The own property of postgres.js's function, past the proxy of db/client.ts that
    // forwards `unsafe` to it; PGlite's methods live on its prototype.
    const own = Object.getOwnPropertyDescriptor(client, name);
    const original = (own?.value ?? client[name]) as (...args: unknown[]) => unknown;
    client[name] = (...args: unknown[]) => {
      texts.push(typeof args[0] === 'string' ? args[0] : name);
      return original.apply(client, args);
    };
    restores.push(() => {
      if (own) Object.defineProperty(client, name, own);
      else delete client[name];
    });
  }
  return { texts, stop: () => restores.forEach((restore) => restore()) };
}

/** The statements `action` sends, and what it returned. */
export async function statementsOf<T>(
  db: Db,
  action: () => Promise<T>,
): Promise<{ texts: string[]; result: T }> {
  const recording = recordStatements(db);
  try {
    const result = await action();
    return { texts: recording.texts, result };
  } finally {
    recording.stop();
  }
}
