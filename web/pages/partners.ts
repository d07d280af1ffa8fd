// The association's pages (bot administrators only): partners, their staff, invitations.
import type { Hono } from 'hono';
import {
  createStaffInvitation,
  removeStaff,
  staffRoles,
  type StaffRole,
} from '../../db/queries/console-access.ts';
import { listPartnerStaff } from '../../db/queries/console-directory.ts';
import { createPartner, findPartner, listPartners } from '../../db/queries/partners.ts';
import { refreshCommuneFigures } from '../../db/queries/rollups.ts';
import type { CommunesTable } from '../../handlers/groups/communes-by-postcode.ts';
import {
  page,
  type ConsoleContext,
  type ConsoleEnv,
  type ConsoleOptions,
} from '../console-context.ts';
import { formatMoment } from '../figure-words.ts';
import { html, type Html } from '../html.ts';

const INVITATION_DAYS = 7;
export const MAX_PARTNER_NAME = 120;

/** Splits a textarea's INSEE codes (one per line or comma-separated). */
export function toInseeCodes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

export function registerPartnerRoutes(
  app: Hono<ConsoleEnv>,
  options: ConsoleOptions,
  communes: () => Promise<CommunesTable>,
): void {
  const db = options.db;
  const adminOnly = (c: ConsoleContext) => c.get('viewer')!.isAdmin;

  async function partnersPage(
    c: ConsoleContext,
    form?: { name: string; communes: string; quartiers: string; error: string },
    status: 200 | 400 = 200,
  ) {
    const t = c.get('t');
    const csrf = c.get('viewer')!.session.csrfToken;
    const partners = await listPartners(db);
    return page(
      c,
      t('web.partners.title'),
      html`${
          partners.length === 0
            ? html`<p class="empty">${t('web.partners.none')}</p>`
            : html`<ul>
                ${partners.map((p) => html`<li><a href="/console/villes/${p.id}">${p.name}</a> · <a href="/console/partenaires/${p.id}">${t('web.partners.manage')}</a></li>`)}
              </ul>`
        }
        <h2>${t('web.partners.create_title')}</h2>
        ${form?.error ? html`<p class="error" role="alert">${form.error}</p>` : ''}
        <form method="post" action="/console/partenaires">
          <input type="hidden" name="_csrf" value="${csrf}" />
          <label for="name">${t('web.partners.name')}</label
          ><input
            type="text"
            id="name"
            name="name"
            maxlength="${MAX_PARTNER_NAME}"
            required
            value="${form?.name ?? ''}"
          />
          <label for="communes">${t('web.partners.communes')}</label
          ><textarea
            id="communes"
            name="communes"
            rows="4"
            required
            aria-describedby="communes-hint"
          >
${form?.communes ?? ''}</textarea>
          <p id="communes-hint">${t('web.partners.communes_hint')}</p>
          <label for="quartiers">${t('web.partners.quartiers')}</label
          ><textarea id="quartiers" name="quartiers" rows="4" aria-describedby="quartiers-hint">
${form?.quartiers ?? ''}</textarea>
          <p id="quartiers-hint">${t('web.partners.quartiers_hint')}</p>
          <p><button type="submit" class="primary">${t('web.partners.create')}</button></p>
        </form>`,
      status,
    );
  }

  app.get('/console/partenaires', (c) => (adminOnly(c) ? partnersPage(c) : c.notFound()));

  app.post('/console/partenaires', async (c) => {
    if (!adminOnly(c)) return c.notFound();
    const t = c.get('t');
    const body = await c.req.parseBody();
    const form = {
      name: text(body.name).trim(),
      communes: text(body.communes),
      quartiers: text(body.quartiers),
    };
    const codes = toInseeCodes(form.communes);
    const quartiers = [
      ...new Set(
        form.quartiers
          .split(/\r?\n/)
          .map((q) => q.trim())
          .filter(Boolean),
      ),
    ];
    if (form.name === '' || form.name.length > MAX_PARTNER_NAME) {
      return partnersPage(
        c,
        { ...form, error: t('web.partners.bad_name', { max: MAX_PARTNER_NAME }) },
        400,
      );
    }
    const table = await communes();
    const bad = codes.filter((code) => !table.communeByInsee(code));
    if (codes.length === 0 || bad.length > 0) {
      return partnersPage(
        c,
        {
          ...form,
          error:
            codes.length === 0
              ? t('web.partners.no_communes')
              : t('web.partners.bad_communes', { codes: bad.join(', ') }),
        },
        400,
      );
    }
    const id = await createPartner(db, { name: form.name, communes: codes, quartiers });
    // Its groups are counted now, not at the next hourly refresh: its first page shows them.
    await refreshCommuneFigures(db, options.clock.now(), codes);
    options.logger.info({ partnerId: id }, 'console partner created');
    return c.redirect(`/console/partenaires/${id}`, 303);
  });

  async function partnerPage(c: ConsoleContext, id: number, invitation?: Html) {
    const t = c.get('t');
    const csrf = c.get('viewer')!.session.csrfToken;
    const partner = await findPartner(db, id);
    if (!partner) return c.notFound();
    const table = await communes();
    const staff = await listPartnerStaff(db, id);
    return page(
      c,
      partner.name,
      html`${invitation ?? ''}
        <p><a href="/console/villes/${id}">${t('web.partners.open_city')}</a></p>
        <h2>${t('web.partners.communes_title')}</h2>
        <ul>
          ${partner.communes.map((code) => html`<li>${table.communeByInsee(code)?.name ?? code} (${code})</li>`)}
        </ul>
        ${
          partner.quartiers.length > 0
            ? html`<h2>${t('web.partners.quartiers_title')}</h2>
                <ul>
                  ${partner.quartiers.map((q) => html`<li>${q.name}</li>`)}
                </ul>`
            : ''
        }
        <h2>${t('web.partners.staff_title')}</h2>
        ${
          staff.length === 0
            ? html`<p>${t('web.partners.no_staff')}</p>`
            : html`<ul>
                ${staff.map(
                  (s) =>
                    html`<li>
                      ${s.displayName} – ${t(`web.role.${s.role}`)}
                      <form
                        method="post"
                        action="/console/partenaires/${id}/equipe/${s.personId}/retirer"
                        class="inline"
                      >
                        <input type="hidden" name="_csrf" value="${csrf}" /><button type="submit">
                          ${t('web.partners.remove', { name: s.displayName })}
                        </button>
                      </form>
                    </li>`,
                )}
              </ul>`
        }
        <h2>${t('web.partners.invite_title')}</h2>
        <form method="post" action="/console/partenaires/${id}/invitations">
          <input type="hidden" name="_csrf" value="${csrf}" />
          <label for="role">${t('web.partners.role')}</label
          ><select id="role" name="role">
            ${staffRoles.map((r) => html`<option value="${r}">${t(`web.role.${r}`)}</option>`)}
          </select>
          <p><button type="submit">${t('web.partners.invite')}</button></p>
        </form>`,
    );
  }

  const idOf = (c: ConsoleContext, name = 'id') => {
    const text = c.req.param(name) ?? '';
    return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
  };

  app.get('/console/partenaires/:id', async (c) => {
    const id = idOf(c);
    if (!adminOnly(c) || id === undefined) return c.notFound();
    return partnerPage(c, id);
  });

  app.post('/console/partenaires/:id/invitations', async (c) => {
    const id = idOf(c);
    if (!adminOnly(c) || id === undefined || !(await findPartner(db, id))) return c.notFound();
    const t = c.get('t');
    const body = await c.req.parseBody();
    const role = staffRoles.find((r): r is StaffRole => r === body.role);
    if (!role) return c.notFound();
    const now = options.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    const token = await createStaffInvitation(db, { partnerId: id, role, expiresAt });
    const links = options.inviteLinks(token);
    const when = formatMoment(expiresAt, c.get('locale'), t, 'long');
    return partnerPage(
      c,
      id,
      html`<section class="notice" aria-labelledby="invite-done">
        <h2 id="invite-done">
          ${t('web.partners.invitation_ready', { role: t(`web.role.${role}`) })}
        </h2>
        <p>${t('web.partners.invitation_explain', { date: when })}</p>
        ${
          links.length === 0
            ? ''
            : html`<ul>
                ${links.map((l) => html`<li>${l.platform} – <a href="${l.url}">${l.url}</a></li>`)}
              </ul>`
        }
        <p>${t('web.partners.invitation_by_command')}</p>
        <p><code class="invitation-code">/console ${token}</code></p>
      </section>`,
    );
  });

  app.post('/console/partenaires/:id/equipe/:person/retirer', async (c) => {
    const id = idOf(c);
    const person = idOf(c, 'person');
    if (!adminOnly(c) || id === undefined || person === undefined) return c.notFound();
    await removeStaff(db, id, person);
    options.logger.info({ partnerId: id, personId: person }, 'console staff removed');
    return c.redirect(`/console/partenaires/${id}`, 303);
  });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
