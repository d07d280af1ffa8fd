// City messages in the console: a partner's agents (and the association) write a message to
// the groups of the city (text in French and/or English, an optional PDF or image), choose
// communes, quartiers and kinds of group, see it as each platform will show it, then send it
// now or at a set time; the message's page shows its progress and delivery report, and can
// cancel it while it goes out. The sending itself is the bot's (handlers/city-messages/).
//
// Access: only the association and the partner's `agent` staff; anyone else gets the same
// 404 as for an unknown city or message. Form fields are untrusted: communes and quartiers
// must be the partner's own (else the form is refused), and the queries reaching groups go
// through the partner's communes whatever they are given.
import type { Hono } from 'hono';
import {
  countCityTargets,
  createCityMessageDraft,
  findCityMessage,
  findCityMessageAttachment,
  finishCityMessageIfDone,
  listCityMessages,
  readDeliveryReport,
  type CityMessageRow,
  type DeliveryStatus,
} from '../../db/queries/city-messages.ts';
import { findPartner, type PartnerDetails } from '../../db/queries/partners.ts';
import {
  attachmentKind,
  cleanFileName,
  composeCityMessage,
  MAX_CITY_TEXT,
  type CityMessageContent,
} from '../../handlers/city-messages/compose.ts';
import {
  cancelCityMessageSending,
  scheduleCityMessage,
} from '../../handlers/city-messages/schedule.ts';
import type { CommunesTable } from '../../handlers/groups/communes-by-postcode.ts';
import { intlLocale, locales, type Locale, type T } from '../../handlers/i18n.ts';
import { localDateTimeToUtc } from '../../handlers/zoned-time.ts';
import {
  page,
  type ConsoleContext,
  type ConsoleEnv,
  type ConsoleOptions,
} from '../console-context.ts';
import { formatMoment } from '../figure-words.ts';
import { html, raw, type Html } from '../html.ts';
import type { Viewer } from '../viewer.ts';

/** A file of at most 10 MB (Telegram takes 50, WhatsApp more), and the form around it. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_MESSAGE_FORM_BYTES = MAX_ATTACHMENT_BYTES + 256 * 1024;
const MESSAGE_FORM = /^\/console\/villes\/\d{1,15}\/messages$/;
/** Messages are scheduled in the cities' time (mainland France). */
const TIME_ZONE = 'Europe/Paris';
const GROUP_KINDS = ['immeuble', 'rue', 'quartier'] as const;
const REFRESH_SECONDS = 5;

export function isMessageForm(path: string): boolean {
  return MESSAGE_FORM.test(path);
}

/**
 * Who may write to a city's groups (compose, send, cancel): the association, and the
 * partner's staff: its agents and its CCAS (an agent's rights plus the watch's figures). A
 * member of another partner's staff, whatever the URL, never.
 */
export function canSendCityMessages(viewer: Viewer, partnerId: number): boolean {
  return (
    viewer.isAdmin ||
    viewer.memberships.some(
      (m) => m.partnerId === partnerId && (m.role === 'agent' || m.role === 'ccas'),
    )
  );
}

interface MessageForm {
  textFr: string;
  textEn: string;
  communes: string[];
  quartierIds: string[];
  kinds: string[];
  urgent: boolean;
  when: 'now' | 'later';
  date: string;
  time: string;
}

const emptyForm: MessageForm = {
  textFr: '',
  textEn: '',
  communes: [],
  quartierIds: [],
  kinds: [],
  urgent: false,
  when: 'now',
  date: '',
  time: '',
};

export function registerCityMessageRoutes(
  app: Hono<ConsoleEnv>,
  options: ConsoleOptions,
  communes: () => Promise<CommunesTable>,
): void {
  const { db } = options;

  async function loadPartner(c: ConsoleContext): Promise<PartnerDetails | undefined> {
    const id = toId(c.req.param('id'));
    if (id === undefined || !canSendCityMessages(c.get('viewer')!, id)) return undefined;
    return findPartner(db, id);
  }

  async function loadMessage(c: ConsoleContext) {
    const partner = await loadPartner(c);
    const id = toId(c.req.param('mid'));
    if (!partner || id === undefined) return undefined;
    const message = await findCityMessage(db, partner.id, id);
    return message ? { partner, message } : undefined;
  }

  async function formPage(
    c: ConsoleContext,
    partner: PartnerDetails,
    form: MessageForm,
    error?: string,
  ) {
    const t = c.get('t');
    const locale = c.get('locale');
    const csrf = c.get('viewer')!.session.csrfToken;
    const table = await communes();
    const recent = await listCityMessages(db, partner.id);
    const base = `/console/villes/${partner.id}/messages`;
    const checked = (on: boolean) => (on ? html` checked` : '');
    const main = html`<p>
        <a href="/console/villes/${partner.id}">${t('web_messages.back_to_city')}</a>
      </p>
      <p>${t('web_messages.explain')}</p>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <form method="post" action="${base}" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <label for="text_fr">${t('web_messages.text_fr')}</label>
        <textarea id="text_fr" name="text_fr" rows="6" maxlength="${MAX_CITY_TEXT}" lang="fr">
${form.textFr}</textarea>
        <label for="text_en">${t('web_messages.text_en')}</label>
        <textarea id="text_en" name="text_en" rows="4" maxlength="${MAX_CITY_TEXT}" lang="en">
${form.textEn}</textarea>
        <p class="hint">${t('web_messages.languages_hint')}</p>
        <label for="attachment">${t('web_messages.attachment')}</label>
        <input
          type="file"
          id="attachment"
          name="attachment"
          accept="application/pdf,image/png,image/jpeg,image/gif,image/webp"
        />
        <p class="hint">
          ${t('web_messages.attachment_hint', { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 })}
        </p>
        <fieldset>
          <legend>${t('web_messages.communes')}</legend>
          ${partner.communes.map(
            (code) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  name="communes"
                  value="${code}"
                  ${checked(form.communes.includes(code))}
                />
                ${table.communeByInsee(code)?.name ?? code} (${code})</label
              >`,
          )}
          <p class="hint">${t('web_messages.all_when_none')}</p>
        </fieldset>
        ${
          partner.quartiers.length > 0
            ? html`<fieldset>
                <legend>${t('web_messages.quartiers')}</legend>
                ${partner.quartiers.map(
                  (q) =>
                    html`<label class="check"
                      ><input
                        type="checkbox"
                        name="quartiers"
                        value="${q.id}"
                        ${checked(form.quartierIds.includes(String(q.id)))}
                      />
                      ${q.name}</label
                    >`,
                )}
                <p class="hint">${t('web_messages.all_when_none')}</p>
              </fieldset>`
            : ''
        }
        <fieldset>
          <legend>${t('web_messages.kinds')}</legend>
          ${GROUP_KINDS.map(
            (kind) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  name="kinds"
                  value="${kind}"
                  ${checked(form.kinds.includes(kind))}
                />
                ${t(`web.group_kind.${kind}`)}</label
              >`,
          )}
          <p class="hint">${t('web_messages.all_when_none')}</p>
        </fieldset>
        <label class="check"
          ><input type="checkbox" name="urgent" value="1" ${checked(form.urgent)} />
          ${t('web_messages.urgent')}</label
        >
        <p class="hint">${t('web_messages.urgent_hint')}</p>
        <fieldset>
          <legend>${t('web_messages.when')}</legend>
          <label class="check"
            ><input type="radio" name="when" value="now" ${checked(form.when === 'now')} />
            ${t('web_messages.now')}</label
          >
          <label class="check"
            ><input type="radio" name="when" value="later" ${checked(form.when === 'later')} />
            ${t('web_messages.later')}</label
          >
          <label for="date">${t('web_messages.date')}</label>
          <input type="date" id="date" name="date" value="${form.date}" />
          <label for="time">${t('web_messages.time')}</label>
          <input type="time" id="time" name="time" value="${form.time}" />
          <p class="hint">${t('web_messages.time_zone')}</p>
        </fieldset>
        <p><button type="submit" class="primary">${t('web_messages.preview_button')}</button></p>
      </form>
      <h2>${t('web_messages.recent')}</h2>
      ${
        recent.length === 0
          ? html`<p>${t('web_messages.none_yet')}</p>`
          : html`<ul>
              ${recent.map(
                (m) =>
                  html`<li>
                    <a href="${base}/${m.id}">${excerpt(m.textFr ?? m.textEn ?? '')}</a> —
                    ${t(`web_messages.status.${m.status}`)}, ${formatWhen(m.sendAt, locale, t)}
                  </li>`,
              )}
            </ul>`
      }`;
    return page(c, t('web_messages.title', { name: partner.name }), main, error ? 400 : 200);
  }

  app.get('/console/villes/:id/messages', async (c) => {
    const partner = await loadPartner(c);
    if (!partner) return c.notFound();
    return formPage(c, partner, emptyForm);
  });

  app.post('/console/villes/:id/messages', async (c) => {
    const partner = await loadPartner(c);
    if (!partner) return c.notFound();
    const t = c.get('t');
    const body = await c.req.parseBody({ all: true });
    const form: MessageForm = {
      textFr: one(body.text_fr).trim(),
      textEn: one(body.text_en).trim(),
      communes: many(body.communes),
      quartierIds: many(body.quartiers),
      kinds: many(body.kinds),
      urgent: one(body.urgent) === '1',
      when: one(body.when) === 'later' ? 'later' : 'now',
      date: one(body.date),
      time: one(body.time),
    };
    const refuse = (key: string, vars: Record<string, unknown> = {}) =>
      formPage(c, partner, form, t(`web_messages.error.${key}`, vars));
    if (form.textFr === '' && form.textEn === '') return refuse('no_text');
    if (form.textFr.length > MAX_CITY_TEXT || form.textEn.length > MAX_CITY_TEXT) {
      return refuse('too_long', { max: MAX_CITY_TEXT.toLocaleString(intlLocale(c.get('locale'))) });
    }
    // Forged fields: only the partner's own communes and quartiers, only known kinds.
    const quartierIds = form.quartierIds.map(Number);
    if (
      form.communes.some((code) => !partner.communes.includes(code)) ||
      quartierIds.some((id) => !partner.quartiers.some((q) => q.id === id)) ||
      form.kinds.some((kind) => !(GROUP_KINDS as readonly string[]).includes(kind))
    ) {
      return refuse('not_yours');
    }
    const now = options.clock.now();
    let sendAt = now;
    if (form.when === 'later') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date) || !/^\d{2}:\d{2}$/.test(form.time)) {
        return refuse('bad_time');
      }
      sendAt = localDateTimeToUtc(form.date, form.time, TIME_ZONE);
      if (Number.isNaN(sendAt.getTime())) return refuse('bad_time');
      if (sendAt.getTime() <= now.getTime()) return refuse('past');
    }
    const file = body.attachment;
    let attachment: { name: string; data: Uint8Array } | undefined;
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        return refuse('file_too_large', { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
      }
      const data = new Uint8Array(await file.arrayBuffer());
      const kind = attachmentKind(data);
      if (!kind) return refuse('bad_file', { name: file.name });
      attachment = { name: cleanFileName(file.name, kind), data };
    }
    const id = await createCityMessageDraft(db, {
      partnerId: partner.id,
      authorPersonId: c.get('viewer')!.personId,
      textFr: form.textFr || null,
      textEn: form.textEn || null,
      urgent: form.urgent,
      communes: form.communes,
      quartierIds,
      groupKinds: form.kinds,
      attachment,
      sendAt,
      sendNow: form.when === 'now',
    });
    return c.redirect(`/console/villes/${partner.id}/messages/${id}`, 303);
  });

  app.get('/console/villes/:id/messages/:mid', async (c) => {
    const found = await loadMessage(c);
    if (!found) return c.notFound();
    return found.message.status === 'draft'
      ? previewPage(c, found.partner, found.message)
      : reportPage(c, found.partner, found.message);
  });

  async function previewPage(c: ConsoleContext, partner: PartnerDetails, message: CityMessageRow) {
    const t = c.get('t');
    const locale = c.get('locale');
    const csrf = c.get('viewer')!.session.csrfToken;
    const targets = await countCityTargets(db, {
      partnerId: partner.id,
      communes: message.communes,
      quartierIds: message.quartierIds,
      groupKinds: message.groupKinds,
    });
    const receiving = targets.reduce((sum, p) => sum + p.receiving, 0);
    const optedOut = targets.reduce((sum, p) => sum + p.optedOut, 0);
    const attachment = message.attachmentName
      ? await findCityMessageAttachment(db, message.id)
      : undefined;
    const content: CityMessageContent = {
      partnerName: partner.name,
      textFr: message.textFr,
      textEn: message.textEn,
      urgent: message.urgent,
      attachment,
    };
    const past = !message.sendNow && message.sendAt.getTime() <= options.clock.now().getTime();
    const base = `/console/villes/${partner.id}/messages`;
    const main = html`<p><a href="${base}">${t('web_messages.back_to_form')}</a></p>
      <h2>${t('web_messages.who')}</h2>
      ${
        receiving === 0
          ? html`<p class="error" role="alert">${t('web_messages.zero_groups')}</p>`
          : html`<p>${t('web_messages.groups_reached', { count: receiving })}</p>
              <ul>
                ${targets
                  .filter((p) => p.receiving > 0)
                  .map(
                    (p) =>
                      html`<li>
                        ${t('web_messages.per_platform', { platform: platformName(options, p.platform), count: p.receiving })}
                      </li>`,
                  )}
              </ul>`
      }
      ${optedOut > 0 ? html`<p>${t('web_messages.opted_out', { count: optedOut })}</p>` : ''}
      <p>
        ${t(message.sendAt.getTime() <= options.clock.now().getTime() ? 'web_messages.goes_now' : 'web_messages.goes_at', { when: formatWhen(message.sendAt, locale, t) })}
      </p>
      ${message.urgent ? html`<p class="notice">${t('web_messages.is_urgent')}</p>` : ''}
      <h2>${t('web_messages.preview_title')}</h2>
      ${locales.map((groupLocale) => previewFor(c, options, content, groupLocale))}
      ${
        past
          ? html`<p class="error" role="alert">${t('web_messages.error.past')}</p>`
          : receiving > 0
            ? html`<form method="post" action="${base}/${message.id}/envoyer">
                <input type="hidden" name="_csrf" value="${csrf}" />
                <button type="submit" class="primary">
                  ${t('web_messages.send_button', { count: receiving })}
                </button>
              </form>`
            : ''
      }`;
    return page(c, t('web_messages.preview_page_title', { name: partner.name }), main);
  }

  async function reportPage(c: ConsoleContext, partner: PartnerDetails, shown: CityMessageRow) {
    let message = shown;
    const t = c.get('t');
    const locale = c.get('locale');
    const csrf = c.get('viewer')!.session.csrfToken;
    // Two last deliveries settled at the same instant may each have seen the other pending.
    if (
      message.status === 'sending' &&
      (await finishCityMessageIfDone(db, message.id, options.clock.now()))
    ) {
      message = { ...message, status: 'sent' };
    }
    const report = await readDeliveryReport(db, message.id);
    const statuses: DeliveryStatus[] = [
      'sent',
      'pending',
      'sending',
      'failed',
      'opted_out',
      'cancelled',
    ];
    const platforms = [...new Set(report.counts.map((r) => r.platform))];
    const count = (platform: string | undefined, status: DeliveryStatus) =>
      report.counts
        .filter((r) => r.status === status && (platform === undefined || r.platform === platform))
        .reduce((sum, r) => sum + r.groups, 0);
    const going = message.status === 'scheduled' || message.status === 'sending';
    const sent = count(undefined, 'sent');
    const planned = report.counts
      .filter((r) => r.status !== 'opted_out')
      .reduce((sum, r) => sum + r.groups, 0);
    const base = `/console/villes/${partner.id}/messages`;
    const interrupted = report.counts.some((r) => r.status === 'sending') && !going;
    const main = html`<p><a href="${base}">${t('web_messages.back_to_form')}</a></p>
      <p role="status" id="progress">
        ${t(`web_messages.status_long.${message.status}`, { when: formatWhen(message.sendAt, locale, t) })}
        ${message.status !== 'scheduled' ? t('web_messages.progress', { sent, planned }) : ''}
      </p>
      ${going ? html`<p class="hint">${t('web_messages.refreshes', { seconds: REFRESH_SECONDS })}</p>` : ''}
      ${
        going
          ? html`<form method="post" action="${base}/${message.id}/annuler">
              <input type="hidden" name="_csrf" value="${csrf}" />
              <button type="submit">${t('web_messages.cancel_button')}</button>
            </form>`
          : ''
      }
      <h2>${t('web_messages.report_title')}</h2>
      ${
        platforms.length === 0
          ? html`<p>${t('web_messages.report_empty')}</p>`
          : html`<div
              class="table-wrap"
              role="region"
              tabindex="0"
              aria-labelledby="report-caption"
            >
              <table id="report">
                <caption id="report-caption">
                  ${t('web_messages.report_caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('web_messages.platform')}</th>
                    ${statuses.map((s) => html`<th scope="col" class="num">${t(`web_messages.delivery.${s}`)}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${platforms.map(
                    (p) =>
                      html`<tr data-platform="${p}">
                        <th scope="row">${platformName(options, p)}</th>
                        ${statuses.map((s) => html`<td class="num" data-status="${s}">${count(p, s)}</td>`)}
                      </tr>`,
                  )}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">${t('web_messages.total')}</th>
                    ${statuses.map((s) => html`<td class="num" data-status="${s}">${count(undefined, s)}</td>`)}
                  </tr>
                </tfoot>
              </table>
            </div>`
      }
      ${interrupted ? html`<p class="notice">${t('web_messages.interrupted')}</p>` : ''}
      ${
        report.failures.length > 0
          ? html`<h3>${t('web_messages.failures_title')}</h3>
              <ul id="failures">
                ${report.failures.map(
                  (f) =>
                    html`<li>
                      ${t('web_messages.failure', {
                        platform: platformName(options, f.platform),
                        reason: reasonWords(f.error, t),
                        count: f.groups,
                      })}
                    </li>`,
                )}
              </ul>`
          : ''
      }
      <h2>${t('web_messages.message_title')}</h2>
      ${message.textFr ? html`<blockquote lang="fr"><p>${message.textFr}</p></blockquote>` : ''}
      ${message.textEn ? html`<blockquote lang="en"><p>${message.textEn}</p></blockquote>` : ''}
      ${message.attachmentName ? html`<p>${t('web_messages.with_file', { name: message.attachmentName })}</p>` : ''}`;
    return page(
      c,
      t('web_messages.report_page_title', { name: partner.name }),
      main,
      200,
      undefined,
      going ? REFRESH_SECONDS : undefined,
    );
  }

  app.post('/console/villes/:id/messages/:mid/envoyer', async (c) => {
    const found = await loadMessage(c);
    if (!found) return c.notFound();
    const { partner, message } = found;
    const base = `/console/villes/${partner.id}/messages/${message.id}`;
    // A second press (a double click) finds it scheduled already: the same page, one sending.
    if (message.status !== 'draft') return c.redirect(base, 303);
    const now = options.clock.now();
    if (!message.sendNow && message.sendAt.getTime() <= now.getTime()) {
      const t = c.get('t');
      return page(
        c,
        t('web_messages.preview_page_title', { name: partner.name }),
        html`<p class="error" role="alert">${t('web_messages.error.past')}</p>
          <p>
            <a href="/console/villes/${partner.id}/messages">${t('web_messages.back_to_form')}</a>
          </p>`,
        400,
      );
    }
    await scheduleCityMessage(db, partner.id, message.id, now);
    options.logger.info(
      { partnerId: partner.id, messageId: message.id, personId: c.get('viewer')!.personId },
      'city message scheduled',
    );
    return c.redirect(base, 303);
  });

  app.post('/console/villes/:id/messages/:mid/annuler', async (c) => {
    const found = await loadMessage(c);
    if (!found) return c.notFound();
    const { partner, message } = found;
    await cancelCityMessageSending(db, partner.id, message.id, options.clock.now());
    return c.redirect(`/console/villes/${partner.id}/messages/${message.id}`, 303);
  });
}

/** The message as a group in `locale` sees it, on each platform. */
function previewFor(
  c: ConsoleContext,
  options: ConsoleOptions,
  content: CityMessageContent,
  groupLocale: Locale,
): Html {
  const t = c.get('t');
  const groupT = options.i18n.t(groupLocale);
  const messages = composeCityMessage(content, groupLocale, groupT, { firstTime: false });
  const platforms = options.previewPlatforms ?? [];
  return html`<section class="preview" lang="${groupLocale}">
    <h3 lang="${c.get('locale')}">
      ${t('web_messages.preview_for', { language: t(`web_messages.language.${groupLocale}`) })}
    </h3>
    ${platforms.map((platform) => {
      const shown = messages.map((m) => {
        const markup = m.kind === 'text' ? m.text : m.kind === 'document' ? (m.caption ?? '') : '';
        const parts = m.kind === 'text' ? platform.parts(markup) : 1;
        const rendered = markup === '' ? undefined : platform.render(markup);
        return html`${
          m.kind === 'document'
            ? html`<p class="file" lang="${c.get('locale')}">📎 ${m.filename}</p>`
            : ''
        }${
          rendered === undefined
            ? ''
            : 'html' in rendered
              ? html`<div class="bubble">${raw(rendered.html.replaceAll('\n', '<br />'))}</div>`
              : html`<pre class="bubble">${rendered.text}</pre>`
        }${
          parts > 1
            ? html`<p class="notice" lang="${c.get('locale')}">
                ${t('web_messages.split', {
                  platform: platform.name,
                  max: platform.maxLength.toLocaleString(intlLocale(c.get('locale'))),
                  parts,
                })}
              </p>`
            : ''
        }`;
      });
      return html`<h4 lang="${c.get('locale')}">${platform.name}</h4>
        ${shown}`;
    })}
  </section>`;
}

/** The bot's own reasons (`reason:<code>`) in the page's language; the platform's as said. */
function reasonWords(error: string, t: (key: string) => string): string {
  if (error === '') return t('web_messages.unknown_reason');
  const code = /^reason:([a-z_]+)$/.exec(error)?.[1];
  return code ? t(`web_messages.reason.${code}`) : error;
}

function platformName(options: ConsoleOptions, platform: string): string {
  return options.previewPlatforms?.find((p) => p.platform === platform)?.name ?? platform;
}

function toId(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

function one(value: unknown): string {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first : '';
}

function many(value: unknown): string[] {
  const values = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** A moment as the console shows it: the full date and the time, in Paris. */
export function formatWhen(date: Date, locale: Locale, t: T): string {
  return formatMoment(date, locale, t, 'full');
}
