// Rendered documents kept in memory: most groups ask for the same kit with the same details,
// often several people at once after an announcement. An LRU of promises, so concurrent
// identical requests share one render; a failed render is forgotten, so the next request
// tries again. Callers share the returned bytes and must not modify them.
import { createHash } from 'node:crypto';
import type { DocumentKind, Kit } from '../kit-schema.ts';
import type { DocumentLabels, Personalisation, renderDocument } from './render-document.ts';

export interface DocumentCache {
  get(
    kind: DocumentKind,
    kit: Kit,
    personalisation: Personalisation,
    labels: DocumentLabels,
    locale: string,
  ): Promise<Uint8Array>;
  /** How many documents (rendered or being rendered) are held. */
  readonly size: number;
}

/**
 * The key of a document: kit id, kind, locale and a hash of the personalisation and labels.
 * Kit contents are not hashed: they are loaded once at startup and fixed per (id, locale).
 */
export function cacheKey(
  kind: DocumentKind,
  kit: Pick<Kit, 'id'>,
  personalisation: Personalisation,
  labels: DocumentLabels,
  locale: string,
): string {
  const hash = createHash('sha256')
    .update(stableJson({ personalisation, labels }))
    .digest('base64url')
    .slice(0, 22);
  return `${kit.id}/${kind}/${locale}/${hash}`;
}

/** JSON with object keys sorted and undefined members left out, so equal values hash alike. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${stableJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function createDocumentCache(options: {
  maxEntries: number;
  render?: typeof renderDocument;
}): DocumentCache {
  // The renderer (pdfkit, fontkit, bidi-js, qrcode: about 20 MB resident) is loaded with the
  // first document, not at startup: many bots never print one.
  const render: typeof renderDocument =
    options.render ??
    (async (...args) => (await import('./render-document.ts')).renderDocument(...args));
  const maxEntries = Math.max(1, Math.floor(options.maxEntries));
  const entries = new Map<string, Promise<Uint8Array>>();

  return {
    get(kind, kit, personalisation, labels, locale) {
      const key = cacheKey(kind, kit, personalisation, labels, locale);
      const cached = entries.get(key);
      if (cached) {
        entries.delete(key);
        entries.set(key, cached);
        return cached;
      }
      // Called inside an async function so that a render that throws still gives a promise.
      const rendering = (async () => render(kind, kit, personalisation, labels))();
      entries.set(key, rendering);
      void rendering.catch(() => {
        if (entries.get(key) === rendering) entries.delete(key);
      });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return rendering;
    },
    get size() {
      return entries.size;
    },
  };
}
