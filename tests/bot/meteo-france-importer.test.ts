import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchVigilance, VigilanceFetchError } from '../../bot/meteo-france-importer.ts';

// A local stand-in for public-api.meteofrance.fr: it records what it receives and answers
// what each test asks. The map is a sample built from the documented format
// (tests/fixtures/meteo-france/README.md).
const map = readFileSync(
  new URL('../fixtures/meteo-france/canicule-orange-red.json', import.meta.url),
  'utf8',
);
const apiKey = 'eyJ4NXQiOiJZV1kx-secret-key';
const path = '/public/DPVigilance/v1/cartevigilance/encours';

type Answer = { status: number; body?: string; type?: string } | 'hang';

let server: Server | undefined;

async function serve(answer: Answer): Promise<{ url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  server = createServer((request, response) => {
    seen.push(request.headers);
    if (answer === 'hang') return;
    response.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
    response.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${path}`, seen };
}

afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<VigilanceFetchError> {
  const error = await promise.then(
    () => expect.unreachable('the import should have failed'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VigilanceFetchError);
  const fetchError = error as VigilanceFetchError;
  expect(fetchError.message).not.toContain(apiKey);
  return fetchError;
}

describe('fetchVigilance', () => {
  it('sends the key in the apikey header and reads today’s map', async () => {
    const { url, seen } = await serve({ status: 200, body: map });
    const readings = await fetchVigilance({ url, apiKey });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ apikey: apiKey, accept: 'application/json' });
    expect(seen[0]!.authorization).toBeUndefined();
    expect(readings).toContainEqual({
      departement: '2A',
      hazard: 'heat',
      level: 'orange',
      validFrom: '2025-08-12T14:00:00Z',
      validTo: '2025-08-12T22:00:00Z',
    });
  });

  it('reads the period covering now when given one', async () => {
    const { url } = await serve({ status: 200, body: map });
    const readings = await fetchVigilance({ url, apiKey, now: new Date('2025-08-13T08:00:00Z') });
    expect(readings.find((r) => r.departement === '69' && r.hazard === 'heat')?.level).toBe('red');
  });

  it('says when the key is refused, without repeating it', async () => {
    const { url } = await serve({
      status: 401,
      body: JSON.stringify({
        code: '900901',
        message: 'Invalid Credentials',
        description: `Invalid Credentials. Make sure you have provided the correct security credentials (${apiKey})`,
      }),
    });
    const error = await failure(fetchVigilance({ url, apiKey }));
    expect(error.failure).toBe('http');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/answered HTTP 401: the API key was refused/);
    expect(error.message).toMatch(/Invalid Credentials/);
    expect(error.message).toContain('***');
  });

  it('says when the service fails', async () => {
    const { url } = await serve({ status: 500, body: 'Internal Server Error', type: 'text/plain' });
    const error = await failure(fetchVigilance({ url, apiKey }));
    expect(error).toMatchObject({ failure: 'http', status: 500 });
    expect(error.message).toMatch(
      new RegExp(`${path} answered HTTP 500: the service is failing.*Internal Server Error`),
    );
  });

  it('says when the body is not JSON', async () => {
    const { url } = await serve({
      status: 200,
      body: '<html>Maintenance</html>',
      type: 'text/html',
    });
    const error = await failure(fetchVigilance({ url, apiKey }));
    expect(error).toMatchObject({ failure: 'invalid-json', status: 200 });
    expect(error.message).toMatch(/a body that is not JSON; body: <html>Maintenance<\/html>/);
  });

  it('says when the JSON is not a vigilance map', async () => {
    const { url } = await serve({ status: 200, body: '{"product":{"periods":[]}}' });
    const error = await failure(fetchVigilance({ url, apiKey }));
    expect(error.failure).toBe('format');
    expect(error.message).toMatch(/unexpected shape \(product\.periods: /);
  });

  it('gives up after the timeout', async () => {
    const { url, seen } = await serve('hang');
    const started = Date.now();
    const error = await failure(fetchVigilance({ url, apiKey, timeoutMs: 200 }));
    expect(seen).toHaveLength(1);
    expect(error.failure).toBe('timeout');
    expect(error.message).toMatch(
      /no answer from http:\/\/127\.0\.0\.1:\d+\/public\/.* within 200 ms/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says when the server cannot be reached, and never shows the query string', async () => {
    const { url } = await serve({ status: 200, body: map });
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const error = await failure(fetchVigilance({ url: `${url}?apikey=${apiKey}`, apiKey }));
    expect(error.failure).toBe('network');
    expect(error.message).toMatch(
      /could not reach http:\/\/127\.0\.0\.1:\d+\/public\/\S+encours: /,
    );
    expect(error.message).not.toContain('?');
  });

  it('uses the fetch it is given', async () => {
    const calls: unknown[] = [];
    const fakeFetch: typeof fetch = (input) => {
      calls.push(input);
      return Promise.resolve(new Response(map, { status: 200 }));
    };
    const readings = await fetchVigilance({
      url: 'https://example.test/map',
      apiKey,
      fetch: fakeFetch,
    });
    expect(calls).toEqual(['https://example.test/map']);
    expect(readings).toHaveLength(96 * 2);
  });
});
