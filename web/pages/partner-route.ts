// The partner a /console/villes/:id/… route names, when the viewer may see it: unknown and
// forbidden look the same (404). Forms never carry a partner id of their own: the partner is
// the URL's, checked here, and every row a form names is looked up within that partner.
import { findPartner, type PartnerDetails } from '../../db/queries/partners.ts';
import type { ConsoleContext, ConsoleOptions } from '../console-context.ts';
import { html, type Html } from '../html.ts';
import { canSeePartner, type Viewer } from '../viewer.ts';

export function routeId(c: ConsoleContext, name = 'id'): number | undefined {
  const text = c.req.param(name) ?? '';
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

export async function partnerOfRoute(
  c: ConsoleContext,
  options: ConsoleOptions,
  may: (viewer: Viewer, partnerId: number) => boolean = canSeePartner,
): Promise<PartnerDetails | undefined> {
  const id = routeId(c);
  if (id === undefined || !may(c.get('viewer')!, id)) return undefined;
  return findPartner(options.db, id);
}

export function formText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The city's pages, as links under its title. */
export function cityLinks(partnerId: number, t: (key: string) => string, withCcas: boolean) {
  const base = `/console/villes/${partnerId}`;
  return [
    { href: base, label: t('cityprogramme.nav.figures') },
    { href: `${base}/programme`, label: t('cityprogramme.nav.programme') },
    ...(withCcas ? [{ href: `${base}/ccas`, label: t('cityprogramme.nav.ccas') }] : []),
    { href: `${base}/label`, label: t('cityprogramme.nav.label') },
  ];
}

export function renderCityNav(
  partnerId: number,
  t: (key: string) => string,
  withCcas: boolean,
  current: string,
): Html {
  return html`<nav aria-label="${t('cityprogramme.nav.label')}" class="city-nav">
    <ul>
      ${cityLinks(partnerId, t, withCcas).map((l) =>
        l.href === current
          ? html`<li><a href="${l.href}" aria-current="page">${l.label}</a></li>`
          : html`<li><a href="${l.href}">${l.label}</a></li>`,
      )}
    </ul>
  </nav>`;
}
