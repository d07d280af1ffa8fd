// A TCP proxy in front of the PostgreSQL server, for tests of a database outage: `cut()`
// drops every connection and closes new ones at once (as a network cut), `restart()` drops
// them and answers new ones as a server starting up does, `restore()` lets them through
// again.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  cut(): void;
  restart(): void;
  restore(): void;
  /**
   * Resolves when the proxy has turned a connection away (cut or restarting) and none is
   * left half-answered: the client's attempt has failed, and no other is under way.
   */
  nextRefusal(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What PostgreSQL answers a connection while it starts up (after a restart, before it
 * accepts queries): an ErrorResponse, FATAL 57P03, then it closes the connection.
 */
const startingUp = errorResponse({
  S: 'FATAL',
  V: 'FATAL',
  C: '57P03',
  M: 'the database system is starting up',
});

/** A proxy in front of the server of a postgres:// URL, and the same URL through it. */
export async function proxyInFrontOf(url: string): Promise<{ proxy: TcpProxy; url: string }> {
  const target = new URL(url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  target.port = String(proxy.port);
  return { proxy, url: target.toString() };
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let state: 'up' | 'cut' | 'starting' = 'up';
  let refusing = 0;
  let waiters: (() => void)[] = [];
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (state !== 'up') {
      refusing++;
      client.on('close', () => {
        if (--refusing > 0) return;
        for (const resolve of waiters.splice(0)) resolve();
      });
      // A server starting up reads the startup message before it answers.
      if (state === 'cut') client.destroy();
      else client.once('data', () => client.end(startingUp));
      return;
    }
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => undefined);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    cut() {
      state = 'cut';
      dropAll();
    },
    restart() {
      state = 'starting';
      dropAll();
    },
    restore() {
      state = 'up';
    },
    nextRefusal: () => new Promise<void>((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        waiters = [];
        dropAll();
        server.close(() => resolve());
      }),
  };
}

/** A protocol v3 ErrorResponse: 'E', its length, then each field's code and text. */
function errorResponse(fields: Record<string, string>): Buffer {
  const body = Buffer.concat([
    ...Object.entries(fields).map(([code, text]) => Buffer.from(`${code}${text}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
