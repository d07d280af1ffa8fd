// The first page after login: the cities the person may open (and, for the association,
// the way to every partner and the national page).
import type { Hono } from 'hono';

import { page, type ConsoleEnv } from '../console-context.ts';
import { html } from '../html.ts';

export function registerHomeRoute(app: Hono<ConsoleEnv>): void {
  app.get('/console', (c) => {
    const viewer = c.get('viewer')!;
    const t = c.get('t');
    if (viewer.isAdmin) return c.redirect('/console/partenaires', 303);
    const cities = viewer.memberships;
    if (cities.length === 1) return c.redirect(`/console/villes/${cities[0]!.partnerId}`, 303);
    return page(
      c,
      t('web.home.title'),
      cities.length === 0
        ? html`<p class="notice">${t('web.home.no_access')}</p>`
        : html`<ul>
            ${cities.map((m) => html`<li><a href="/console/villes/${m.partnerId}">${m.partnerName}</a></li>`)}
          </ul>`,
    );
  });
}
