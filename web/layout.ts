// The page shell: one small stylesheet (served at /console/style.css, no inline style so the
// Content-Security-Policy can forbid it), readable on a phone, working without JavaScript.
import { isRtl, type Locale, type T } from '../handlers/i18n.ts';
import { html, type Html } from './html.ts';

export interface PageChrome {
  t: T;
  locale: Locale;
  /** The languages offered, each named in itself (Français, العربية…). */
  languages: readonly Locale[];
  /** The page's path and query, to come back to it in another language (a GET's only). */
  path?: string;
  title: string;
  /** Present once logged in: the navigation, language switch and logout. */
  session?: { csrfToken: string; isAdmin: boolean };
  footer?: Html;
  refreshSeconds?: number;
}

export function renderPage(chrome: PageChrome, main: Html): string {
  const { t, session } = chrome;
  const nav = session
    ? html`<nav aria-label="${t('web.nav.label')}">
        <ul>
          <li><a href="/console">${t('web.nav.home')}</a></li>
          ${
            session.isAdmin
              ? html`<li><a href="/console/partenaires">${t('web.nav.partners')}</a></li>
                  <li><a href="/console/national">${t('web.nav.national')}</a></li>`
              : ''
          }
        </ul>
        <form method="post" action="/console/deconnexion" class="inline">
          <input type="hidden" name="_csrf" value="${session.csrfToken}" /><button type="submit">
            ${t('web.nav.logout')}
          </button>
        </form>
      </nav>`
    : '';
  return (
    '<!doctype html>' +
    html`<html lang="${chrome.locale}" dir="${isRtl(chrome.locale) ? 'rtl' : 'ltr'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${chrome.refreshSeconds ? html`<meta http-equiv="refresh" content="${chrome.refreshSeconds}" />` : ''}
        <title>${chrome.title} – ${t('web.product')}</title>
        <link rel="stylesheet" href="/console/style.css" />
      </head>
      <body>
        <header>
          <p class="product">${t('web.product')}</p>
          ${nav}${renderLanguageChoice(chrome)}
        </header>
        <main>
          <h1>${chrome.title}</h1>
          ${main}
        </main>
        <footer>
          ${chrome.footer ?? ''}
          <p>${t('web.footer.anonymity')}</p>
        </footer>
      </body>
    </html>`.text
  );
}

/**
 * Every language, each named in itself so that a person finds theirs whatever the page's
 * language, and each a plain button or link: no script. Once logged in, a form posts the
 * choice (it is the session's, CSRF-checked); before, on the one-time link's page, a link
 * carries it in `lang` (a GET does not use the link up).
 */
function renderLanguageChoice(chrome: PageChrome): Html {
  const { t, locale, languages, session } = chrome;
  if (languages.length < 2) return html``;
  const name = (lng: Locale) => t(`language.names.${lng}`); // the same in every language
  const dir = (lng: Locale) => (isRtl(lng) ? 'rtl' : 'ltr');
  const current = (lng: Locale) =>
    html`<span lang="${lng}" dir="${dir(lng)}" aria-current="true">${name(lng)}</span>`;
  if (session) {
    return html`<form
      method="post"
      action="/console/langue"
      class="languages"
      aria-label="${t('web.nav.language')}"
    >
      <input type="hidden" name="_csrf" value="${session.csrfToken}" /><input
        type="hidden"
        name="back"
        value="${chrome.path ?? '/console'}"
      />${languages.map((lng) =>
        lng === locale
          ? current(lng)
          : html`<button type="submit" name="lang" value="${lng}" lang="${lng}" dir="${dir(lng)}">
              ${name(lng)}
            </button>`,
      )}
    </form>`;
  }
  if (!chrome.path) return html``;
  const url = new URL(chrome.path, 'http://console.invalid');
  const link = (lng: Locale) => {
    url.searchParams.set('lang', lng);
    return url.pathname + url.search;
  };
  return html`<nav class="languages" aria-label="${t('web.nav.language')}">
    ${languages.map((lng) =>
      lng === locale
        ? current(lng)
        : html`<a href="${link(lng)}" lang="${lng}" dir="${dir(lng)}" hreflang="${lng}"
            >${name(lng)}</a
          >`,
    )}
  </nav>`;
}

export const stylesheet = `
:root { --ink: #1b1b1b; --muted: #555; --accent: #0b5394; --line: #ccc; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 64rem; padding: 0 1rem 2rem; color: var(--ink); line-height: 1.5; }
header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; border-bottom: 2px solid var(--accent); padding: .5rem 0; }
.product { font-weight: bold; color: var(--accent); margin: 0; }
nav ul { list-style: none; display: inline-flex; flex-wrap: wrap; gap: .75rem; margin: 0; padding: 0; }
nav { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
form.inline { display: inline; }
.languages { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; font-size: .95rem; }
.languages button { border: 0; padding: .2rem 0; background: none; text-decoration: underline; }
.languages [aria-current] { font-weight: bold; }
a { color: var(--accent); overflow-wrap: anywhere; }
code { overflow-wrap: anywhere; font-size: 1.05em; }
button, input, select, textarea { font: inherit; }
button { padding: .4rem .9rem; border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: .3rem; cursor: pointer; }
button.primary { background: var(--accent); color: #fff; font-size: 1.1rem; padding: .7rem 1.4rem; }
label { display: block; font-weight: 600; margin-top: .75rem; }
input[type=text], textarea, select { width: 100%; max-width: 32rem; box-sizing: border-box; padding: .4rem; border: 1px solid #767676; border-radius: .2rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: 1rem 0 .25rem; min-width: 50%; }
caption { text-align: start; font-weight: bold; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: start; vertical-align: top; }
/* Numbers read left to right in every language: aligned on their units, also right to left. */
.num { text-align: right; font-variant-numeric: tabular-nums; }
.masked { color: var(--muted); font-style: italic; }
.export { margin: 0 0 1.5rem; font-size: .9rem; }
.workbooks { list-style: none; padding: 0; margin: 1rem 0 1.5rem; font-size: .9rem; }
.workbooks li { margin: .25rem 0; }
.notice { background: #fff8e1; border-inline-start: 4px solid #b58100; padding: .5rem 1rem; }
.error { background: #fdecea; border-inline-start: 4px solid #b3261e; padding: .5rem 1rem; }
.empty { background: #e8f4fd; border-inline-start: 4px solid var(--accent); padding: .75rem 1rem; }
svg { max-width: 100%; height: auto; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1rem; list-style: none; padding: 0; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border: 1px solid #777; vertical-align: middle; margin-inline-end: .3rem; }
.city-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: 0 0 1rem; }
.city-nav a[aria-current=page] { font-weight: bold; text-decoration: none; }
.check label { display: inline; font-weight: normal; margin: 0; margin-inline-start: .4rem; }
.check { margin: .4rem 0; }
fieldset { border: 1px solid var(--line); max-width: 32rem; }
.requests { list-style: none; padding: 0; }
.request { border: 1px solid var(--line); border-radius: .3rem; padding: .5rem 1rem; margin: .75rem 0; }
.request h4 { margin: .25rem 0; }
.request dt { font-weight: 600; }
.request dd { margin: 0 0 .4rem; }
a.button { display: inline-block; padding: .7rem 1.4rem; background: var(--accent); color: #fff; border-radius: .3rem; text-decoration: none; font-size: 1.1rem; }
ol.programme > li { margin-bottom: 1rem; }
.hint { color: var(--muted); font-size: .9rem; margin: .25rem 0; }
fieldset { border: 1px solid var(--line); margin: 1rem 0; max-width: 32rem; }
label.check { font-weight: normal; margin-top: .25rem; }
.bubble { background: #eef6ee; border-radius: .5rem; padding: .6rem .8rem; max-width: 32rem; white-space: pre-wrap; overflow-wrap: anywhere; font-family: inherit; margin: .25rem 0; }
.file { margin: .25rem 0; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); font-size: .85rem; color: var(--muted); }
`;
