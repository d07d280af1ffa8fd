// The built-in HTTP server: Telegram's webhook (POST to the path of TELEGRAM_WEBHOOK_URL,
// bot/telegram/webhook.ts), GET /healthz for load balancers, when enabled GET /metrics for
// Prometheus (bot/metrics.ts, behind a Bearer token when one is set), and the partner
// cities' console under /console (web/create-console.ts). Slow clients are cut off:
// headers must come within 10 s and a whole request within 30 s.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../handlers/ports.ts';

export interface HealthReport {
  ok: boolean;
  database: boolean;
  adapters: Record<string, boolean>;
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  logger: Logger;
  health(): Promise<HealthReport>;
  metrics?: {
    /** Required as `Authorization: Bearer <token>` when set. */
    token?: string;
    render(): Promise<{ contentType: string; body: string }>;
  };
  telegramWebhook?: {
    path: string;
    handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  };
  /** The partner cities' console (web/create-console.ts): every path under /console. */
  console?: {
    handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  };
}

export interface HttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (req, res) => {
    route(req, res).catch((err: unknown) => {
      options.logger.error({ err, url: req.url }, 'http request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      const report = await options.health();
      res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(report));
      return;
    }
    const metrics = options.metrics;
    if (req.method === 'GET' && metrics && path === '/metrics') {
      if (metrics.token && !isBearer(req.headers.authorization, metrics.token)) {
        res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
        return;
      }
      const { contentType, body } = await metrics.render();
      res.writeHead(200, { 'content-type': contentType }).end(body);
      return;
    }
    const webhook = options.telegramWebhook;
    if (req.method === 'POST' && webhook && path === webhook.path) {
      await webhook.handle(req, res);
      return;
    }
    if (options.console && (path === '/console' || path?.startsWith('/console/'))) {
      await options.console.handle(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.logger.info({ port }, 'http server listening');
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** The Authorization header carries this token (compared in constant time). */
function isBearer(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type BodyRead =
  { status: 'ok'; body: Buffer } | { status: 'too_large' | 'timeout' | 'aborted' };

/**
 * Reads a request's body, up to `maxBytes` and within `timeoutMs`; past either, the request
 * is abandoned (and its socket closed once answered).
 */
export function readBody(
  req: IncomingMessage,
  limits: { maxBytes: number; timeoutMs: number },
): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    req.resume();
    return Promise.resolve({ status: 'too_large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (read: BodyRead) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      if (read.status !== 'ok') req.resume();
      resolve(read);
    };
    const timer = setTimeout(() => finish({ status: 'timeout' }), limits.timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) return finish({ status: 'too_large' });
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish({ status: 'ok', body: Buffer.concat(chunks) }));
    req.once('error', () => finish({ status: 'aborted' }));
    req.once('close', () => finish({ status: 'aborted' }));
  });
}
