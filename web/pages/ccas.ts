// A partner's CCAS in the heat and cold watch: its number and how to register someone (the
// watch of the partner's groups gives them instead of a generic "call the CCAS"), the
// vigilance it may declare for its communes' départements, and the registry requests the
// referents of its groups send with the neighbours' consent.
//
// Who sees what: the page exists for the partner's CCAS staff and the association (settings,
// vigilance). The requests, which name people, only for the partner's CCAS staff: never an
// `agent`, never another partner (a request is looked up within the URL's partner, whatever
// id a form carries), and not the association either (the registry is the CCAS's).
import type { Hono } from 'hono';
import { saveCcasSettings, type PartnerDetails } from '../../db/queries/partners.ts';
import {
  findRegistryRequest,
  listRegistryRequests,
  markRegistryRequestHandled,
} from '../../db/queries/registry-requests.ts';
import { findVigilance } from '../../db/queries/watch.ts';
import { toDepartementOfInsee } from '../../handlers/groups/departements.ts';
import { formatFrenchPhone, toFrenchPhone } from '../../handlers/watch/ccas-phone.ts';
import type { CommunesTable } from '../../handlers/groups/communes-by-postcode.ts';
import {
  page,
  type ConsoleContext,
  type ConsoleEnv,
  type ConsoleOptions,
  type VigilanceLevel,
} from '../console-context.ts';
import { formatMoment } from '../figure-words.ts';
import { html } from '../html.ts';
import { canSeeRegistry, canSeeWatch } from '../viewer.ts';
import { formText, partnerOfRoute, renderCityNav, routeId } from './partner-route.ts';

export const MAX_HOWTO = 300;
const LEVELS: readonly VigilanceLevel[] = ['green', 'yellow', 'orange', 'red'];
const HAZARDS = ['heat', 'cold'] as const;

export function registerCcasRoutes(
  app: Hono<ConsoleEnv>,
  options: ConsoleOptions,
  communes: () => Promise<CommunesTable>,
): void {
  const db = options.db;
  const departementsOf = (partner: PartnerDetails) =>
    [...new Set(partner.communes.map(toDepartementOfInsee))].sort();

  async function ccasPage(
    c: ConsoleContext,
    partner: PartnerDetails,
    notice?: { error?: string; done?: string; phone?: string; howto?: string },
  ) {
    const t = c.get('t');
    const locale = c.get('locale');
    const viewer = c.get('viewer')!;
    const csrf = viewer.session.csrfToken;
    const base = `/console/villes/${partner.id}/ccas`;
    const table = await communes();
    const departements = departementsOf(partner);
    const levels = await Promise.all(departements.map((d) => findVigilance(db, d)));
    const withRequests = canSeeRegistry(viewer, partner.id);
    const requests = withRequests ? await listRegistryRequests(db, partner.id) : [];
    const when = { format: (at: Date) => formatMoment(at, locale, t, 'long') };
    const depName = (d: string) => `${table.departementName(d) ?? d} (${d})`;
    const open = requests.filter((r) => r.status === 'open');
    const handled = requests.filter((r) => r.status === 'handled');
    const requestItem = (r: (typeof requests)[number]) =>
      html`<li class="request">
        <h4>${r.name}</h4>
        <dl>
          <dt>${t('cityprogramme.ccas.address')}</dt>
          <dd>${r.address}</dd>
          <dt>${t('cityprogramme.ccas.reach')}</dt>
          <dd>${r.reach ?? '—'}</dd>
          <dt>${t('cityprogramme.ccas.contact')}</dt>
          <dd>${r.emergencyContact ?? '—'}</dd>
          <dt>${t('cityprogramme.ccas.filed_by')}</dt>
          <dd>${t('cityprogramme.ccas.filed_by_referent', { name: r.referentName ?? '—' })}</dd>
          <dt>${t('cityprogramme.ccas.consent')}</dt>
          <dd>
            ${t(`cityprogramme.ccas.consent_${r.consentBy ?? 'self'}`, { date: r.consentAt ? when.format(r.consentAt) : '—' })}
          </dd>
          ${
            r.handledAt
              ? html`<dt>${t('cityprogramme.ccas.handled_at')}</dt>
                  <dd>${when.format(r.handledAt)}</dd>`
              : ''
          }
        </dl>
        ${
          r.status === 'open'
            ? html`<form method="post" action="${base}/demandes/${r.id}/traitee">
                <input type="hidden" name="_csrf" value="${csrf}" /><button type="submit">
                  ${t('cityprogramme.ccas.mark_handled', { name: r.name })}
                </button>
              </form>`
            : ''
        }
      </li>`;
    const main = html`${renderCityNav(partner.id, t, true, base)}
      ${notice?.error ? html`<p class="error" role="alert">${notice.error}</p>` : ''}
      ${notice?.done ? html`<p class="notice" role="status">${notice.done}</p>` : ''}
      <h2>${t('cityprogramme.ccas.settings_title')}</h2>
      <p>${t('cityprogramme.ccas.settings_explain')}</p>
      <form method="post" action="${base}/reglages">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <label for="ccas-phone">${t('cityprogramme.ccas.phone')}</label
        ><input
          type="text"
          id="ccas-phone"
          name="phone"
          inputmode="tel"
          autocomplete="off"
          aria-describedby="ccas-phone-hint"
          value="${notice?.phone ?? (partner.ccasPhone ? formatFrenchPhone(partner.ccasPhone) : '')}"
        />
        <p id="ccas-phone-hint">${t('cityprogramme.ccas.phone_hint')}</p>
        <label for="ccas-howto">${t('cityprogramme.ccas.howto')}</label
        ><textarea id="ccas-howto" name="howto" rows="3" maxlength="${MAX_HOWTO}">
${notice?.howto ?? partner.ccasRegistryHowto ?? ''}</textarea>
        <p><button type="submit" class="primary">${t('cityprogramme.ccas.save')}</button></p>
      </form>
      ${
        options.declareVigilance
          ? html`<h2>${t('cityprogramme.ccas.vigilance_title')}</h2>
              <p>${t('cityprogramme.ccas.vigilance_explain')}</p>
              <ul>
                ${departements.map((d, i) => {
                  const level = (h: 'heat' | 'cold') =>
                    t(
                      `cityprogramme.ccas.level.${levels[i]!.find((r) => r.hazard === h)?.level ?? 'green'}`,
                    );
                  return html`<li>
                    ${t('cityprogramme.ccas.vigilance_now', { departement: depName(d), heat: level('heat'), cold: level('cold') })}
                  </li>`;
                })}
              </ul>
              <form method="post" action="${base}/vigilance">
                <input type="hidden" name="_csrf" value="${csrf}" />
                <label for="vig-dep">${t('cityprogramme.ccas.departement')}</label
                ><select id="vig-dep" name="departement">
                  ${departements.map((d) => html`<option value="${d}">${depName(d)}</option>`)}
                </select>
                <label for="vig-hazard">${t('cityprogramme.ccas.hazard')}</label
                ><select id="vig-hazard" name="hazard">
                  ${HAZARDS.map((h) => html`<option value="${h}">${t(`cityprogramme.ccas.hazards.${h}`)}</option>`)}
                </select>
                <label for="vig-level">${t('cityprogramme.ccas.level_label')}</label
                ><select id="vig-level" name="level">
                  ${LEVELS.map((l) => html`<option value="${l}">${t(`cityprogramme.ccas.level.${l}`)}</option>`)}
                </select>
                <p><button type="submit">${t('cityprogramme.ccas.declare')}</button></p>
              </form>`
          : ''
      }
      ${
        withRequests
          ? html`<h2>${t('cityprogramme.ccas.requests_title')}</h2>
              <p>${t('cityprogramme.ccas.requests_explain')}</p>
              <h3>${t('cityprogramme.ccas.open_title', { count: open.length })}</h3>
              ${
                open.length === 0
                  ? html`<p class="empty">${t('cityprogramme.ccas.no_open')}</p>`
                  : html`<ul class="requests">
                      ${open.map(requestItem)}
                    </ul>`
              }
              ${
                handled.length === 0
                  ? ''
                  : html`<h3>${t('cityprogramme.ccas.handled_title')}</h3>
                      <ul class="requests">
                        ${handled.map(requestItem)}
                      </ul>`
              }`
          : html`<p class="notice">${t('cityprogramme.ccas.requests_ccas_only')}</p>`
      }`;
    return page(
      c,
      t('cityprogramme.ccas.title', { name: partner.name }),
      main,
      notice?.error ? 400 : 200,
    );
  }

  app.get('/console/villes/:id/ccas', async (c) => {
    const partner = await partnerOfRoute(c, options, canSeeWatch);
    return partner ? ccasPage(c, partner) : c.notFound();
  });

  app.post('/console/villes/:id/ccas/reglages', async (c) => {
    const partner = await partnerOfRoute(c, options, canSeeWatch);
    if (!partner) return c.notFound();
    const t = c.get('t');
    const body = await c.req.parseBody();
    const phoneText = formText(body.phone).trim();
    const howto = formText(body.howto).replace(/\s+/g, ' ').trim();
    const phone = phoneText === '' ? null : toFrenchPhone(phoneText);
    if (phone === undefined) {
      return ccasPage(c, partner, {
        error: t('cityprogramme.ccas.bad_phone', { phone: phoneText.slice(0, 40) }),
        phone: phoneText,
        howto,
      });
    }
    if (howto.length > MAX_HOWTO) {
      return ccasPage(c, partner, {
        error: t('cityprogramme.ccas.howto_too_long', { max: MAX_HOWTO }),
        phone: phoneText,
        howto,
      });
    }
    await saveCcasSettings(db, partner.id, {
      ccasPhone: phone,
      ccasRegistryHowto: howto === '' ? null : howto,
    });
    options.logger.info({ partnerId: partner.id }, 'console ccas settings saved');
    return c.redirect(`/console/villes/${partner.id}/ccas`, 303);
  });

  app.post('/console/villes/:id/ccas/vigilance', async (c) => {
    const partner = await partnerOfRoute(c, options, canSeeWatch);
    if (!partner || !options.declareVigilance) return c.notFound();
    const t = c.get('t');
    const body = await c.req.parseBody();
    // Only the départements of the partner's own communes (a forged one is refused).
    const departement = departementsOf(partner).find((d) => d === body.departement);
    const hazard = HAZARDS.find((h) => h === body.hazard);
    const level = LEVELS.find((l) => l === body.level);
    if (!departement || !hazard || !level) {
      return ccasPage(c, partner, { error: t('cityprogramme.ccas.bad_vigilance') });
    }
    const viewer = c.get('viewer')!;
    const { changed } = await options.declareVigilance(
      { departement, hazard, level },
      `console:${viewer.personId}`,
    );
    options.logger.info({ partnerId: partner.id, departement, hazard, level }, 'console vigilance');
    const words = {
      departement,
      hazard: t(`cityprogramme.ccas.hazards.${hazard}`),
      level: t(`cityprogramme.ccas.level.${level}`),
    };
    return ccasPage(c, partner, {
      done: t(
        changed ? 'cityprogramme.ccas.vigilance_set' : 'cityprogramme.ccas.vigilance_same',
        words,
      ),
    });
  });

  app.post('/console/villes/:id/ccas/demandes/:request/traitee', async (c) => {
    const partner = await partnerOfRoute(c, options, canSeeRegistry);
    const requestId = routeId(c, 'request');
    if (!partner || requestId === undefined) return c.notFound();
    const done = await markRegistryRequestHandled(db, {
      partnerId: partner.id,
      id: requestId,
      by: c.get('viewer')!.personId,
      now: options.clock.now(),
    });
    if (!done) {
      // A second click on the same button: already handled, nothing more to do (and the
      // referent was told once). Anything else (another partner's, gone) is not found.
      const request = await findRegistryRequest(db, requestId);
      if (request?.partnerId !== partner.id || request.status !== 'handled') return c.notFound();
    } else {
      options.logger.info({ partnerId: partner.id, requestId }, 'registry request handled');
    }
    return c.redirect(`/console/villes/${partner.id}/ccas`, 303);
  });
}
