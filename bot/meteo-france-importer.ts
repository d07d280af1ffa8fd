// Fetches Météo-France's vigilance map from the public API portal and reads it with the pure
// parser in handlers/watch/meteo-france.ts.
//
// Authentication: the portal (portail-api.meteofrance.fr) offers an API key, sent as the
// `apikey` header, or an OAuth2 client-credentials token that lasts one hour. The key is the
// simpler one and is what this importer supports; it is generated per application subscribed
// to the vigilance API, with a validity chosen at creation (it can expire: a 401 says so).
// The key never appears in an error message; the URL is shown without its query string.
import { parseVigilanceMap, type VigilanceReading } from '../handlers/watch/meteo-france.ts';

export const DEFAULT_VIGILANCE_URL =
  'https://public-api.meteofrance.fr/public/DPVigilance/v1/cartevigilance/encours';

export type VigilanceFetchFailure = 'timeout' | 'network' | 'http' | 'invalid-json' | 'format';

/** Why an import failed, for the one log line the polling job writes. */
export class VigilanceFetchError extends Error {
  constructor(
    readonly failure: VigilanceFetchFailure,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VigilanceFetchError';
  }
}

export interface FetchVigilanceOptions {
  url: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Covers the whole exchange, body included. */
  timeoutMs?: number;
  /** Reads the period that covers this instant when the map was not re-issued at midnight. */
  now?: Date;
}

export async function fetchVigilance(options: FetchVigilanceOptions): Promise<VigilanceReading[]> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const where = describe(options.url);
  const signal = AbortSignal.timeout(timeoutMs);
  let status: number;
  let body: string;
  try {
    const response = await doFetch(options.url, {
      headers: { apikey: options.apiKey, accept: 'application/json' },
      signal,
    });
    status = response.status;
    body = await response.text();
  } catch (error) {
    if (signal.aborted) {
      throw new VigilanceFetchError(
        'timeout',
        `Météo-France vigilance: no answer from ${where} within ${timeoutMs} ms`,
      );
    }
    throw new VigilanceFetchError(
      'network',
      `Météo-France vigilance: could not reach ${where}: ${redact(reason(error), options.apiKey)}`,
      undefined,
      { cause: error },
    );
  }
  if (status < 200 || status >= 300) {
    throw new VigilanceFetchError(
      'http',
      `Météo-France vigilance: ${where} answered HTTP ${status}${hint(status)}${excerpt(body, options.apiKey)}`,
      status,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new VigilanceFetchError(
      'invalid-json',
      `Météo-France vigilance: ${where} answered HTTP ${status} with a body that is not JSON${excerpt(body, options.apiKey)}`,
      status,
      { cause: error },
    );
  }
  try {
    return parseVigilanceMap(json, options.now);
  } catch (error) {
    throw new VigilanceFetchError('format', reason(error), status, { cause: error });
  }
}

function hint(status: number): string {
  if (status === 401 || status === 403) {
    return ': the API key was refused (check it, its expiry, and that its application is subscribed to the vigilance API on portail-api.meteofrance.fr)';
  }
  if (status === 404) return ': no map at this URL (check the vigilance URL)';
  if (status === 429) return ': too many requests (poll less often)';
  if (status >= 500) return ': the service is failing (the next poll will try again)';
  return '';
}

function excerpt(body: string, apiKey: string): string {
  const text = redact(body.replace(/\s+/g, ' ').trim(), apiKey);
  if (text === '') return '';
  return `; body: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}`;
}

function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'the vigilance URL';
  }
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

function redact(text: string, apiKey: string): string {
  return apiKey.length >= 4 ? text.split(apiKey).join('***') : text;
}
