// The Villes solidaires console: partner cities' and the association's pages, served under
// /console by the bot's own HTTP server (bot/http-server.ts).
//
// Framework: Hono, through @hono/node-server's getRequestListener. It plugs into our own
// node:http server without owning it (no second port, no second process), speaks the web
// standard Request/Response (routes testable with plain fetch), and is small with no
// dependencies of its own. Pages are rendered on the server and work without JavaScript.
//
// Sessions: a one-time link from the bot (GET shows a button, POST consumes it: link
// previewers in chat apps fetch GETs) opens a session whose cookie is HttpOnly, Path=/console,
// Secure over https, and SameSite=Lax. Lax, not Strict: people come back to the console by
// tapping a link in Telegram or WhatsApp, a cross-site top-level navigation on which a Strict
// cookie is not sent (they would look logged out); Lax still withholds the cookie from
// cross-site POSTs, and every POST also carries the session's CSRF token.
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { accepts } from 'hono/accepts';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  closeSession,
  consumeLoginToken,
  isLoginTokenUsable,
  openSession,
  setSessionLocale,
} from '../db/queries/console-access.ts';
import { loadCommunesTable } from '../handlers/groups/communes-by-postcode.ts';
import { isLocale, type Locale } from '../handlers/i18n.ts';
import {
  page,
  type ConsoleContext,
  type ConsoleEnv,
  type ConsoleOptions,
  plainValues,
} from './console-context.ts';
import { html } from './html.ts';
import { stylesheet } from './layout.ts';
import { registerCcasRoutes } from './pages/ccas.ts';
import { registerCityRoutes } from './pages/city.ts';
import {
  isMessageForm,
  MAX_MESSAGE_FORM_BYTES,
  registerCityMessageRoutes,
} from './pages/city-messages.ts';
import { registerHomeRoute } from './pages/home.ts';
import { registerNationalRoutes } from './pages/national.ts';
import { registerLabelRoutes } from './pages/label.ts';
import { registerPartnerRoutes } from './pages/partners.ts';
import { registerProgrammeRoutes } from './pages/programme.ts';
import { findViewer, isSameSecret, SESSION_COOKIE } from './viewer.ts';

export type { ConsoleOptions } from './console-context.ts';

export interface ConsoleApp {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The Hono app (tests may call `fetch` on it directly). */
  fetch(request: Request): Promise<Response>;
}

const LOGIN_PATH = '/console/login';

export function createConsoleApp(options: ConsoleOptions): ConsoleApp {
  const idleMs = (options.sessionIdleMinutes ?? 30) * 60_000;
  const maxMs = (options.sessionMaxHours ?? 12) * 3_600_000;
  const secure = new URL(options.publicUrl).protocol === 'https:';
  const publicOrigin = new URL(options.publicUrl).origin;
  const communes = options.communes ? () => options.communes!() : loadCommunesTable;
  const app = new Hono<ConsoleEnv>();
  // The console speaks every language the bot speaks (French when a text is missing).
  const spoken = (locale: unknown): Locale | undefined =>
    isLocale(locale) && options.i18n.available.includes(locale) ? locale : undefined;

  app.use('*', async (c, next) => {
    const viewer = await findViewer(
      options.db,
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- hono's own Context type
      getCookie(c, SESSION_COOKIE),
      options.clock.now(),
      idleMs,
      options.botAdmins,
    );
    // A session keeps the language chosen; before it, a link's `lang` (the bot's one-time
    // link carries the person's), then the browser's languages in their order of preference.
    const locale =
      (viewer ? spoken(viewer.session.locale) : spoken(c.req.query('lang'))) ??
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- hono's own Context type
      (accepts(c, {
        header: 'Accept-Language',
        supports: [...options.i18n.available],
        default: 'fr',
        match: (asked) =>
          asked
            .filter((a) => a.q > 0)
            .map((a) => spoken(a.type.toLowerCase().split(/[-_]/)[0]))
            .find((l) => l !== undefined) ?? 'fr',
      }) as Locale);
    c.set('viewer', viewer);
    c.set('locale', locale);
    c.set('languages', options.i18n.available);
    c.set('t', plainValues(options.i18n.t(locale)));
    await next();
    c.header('Cache-Control', 'no-store');
    // Not no-referrer: with it, browsers send `Origin: null` on form posts, which the origin
    // check below must refuse. same-origin keeps the login link's token out of other sites.
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  app.get('/console/style.css', (c) =>
    c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8' }),
  );

  // Forms are small (the largest is a partner's list of INSEE codes), but for a city
  // message, which may carry a file (web/pages/city-messages.ts).
  const smallForms = bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('too large\n', 413) });
  const messageForms = bodyLimit({
    maxSize: MAX_MESSAGE_FORM_BYTES,
    onError: (c) => c.text('too large\n', 413),
  });
  app.post('*', (c, next) =>
    isMessageForm(c.req.path) ? messageForms(c, next) : smallForms(c, next),
  );

  // Every POST: from our own origin (when the browser says), and, once logged in, with the
  // session's CSRF token. The login form carries its one-time token instead.
  app.post('*', async (c, next) => {
    const t = c.get('t');
    const origin = c.req.header('origin');
    if (origin && origin !== publicOrigin && origin !== new URL(c.req.url).origin) {
      return page(
        c,
        t('web.error.forbidden_title'),
        html`<p class="error">${t('web.error.csrf')}</p>`,
        403,
      );
    }
    if (c.req.path === LOGIN_PATH) return next();
    const viewer = c.get('viewer');
    if (!viewer) return loggedOut(c);
    const body = await c.req.parseBody();
    if (!isSameSecret(body._csrf, viewer.session.csrfToken)) {
      return page(
        c,
        t('web.error.forbidden_title'),
        html`<p class="error">${t('web.error.csrf')}</p>`,
        403,
      );
    }
    return next();
  });

  app.get(LOGIN_PATH, async (c) => {
    const t = c.get('t');
    const token = c.req.query('token') ?? '';
    if (!token || !(await isLoginTokenUsable(options.db, token, options.clock.now()))) {
      return badLink(c);
    }
    return page(
      c,
      t('web.login.title'),
      html`<p>${t('web.login.explain')}</p>
        <form method="post" action="${LOGIN_PATH}">
          <input type="hidden" name="token" value="${token}" /><input
            type="hidden"
            name="lang"
            value="${c.get('locale')}"
          /><button type="submit" class="primary">${t('web.login.button')}</button>
        </form>`,
    );
  });

  app.post(LOGIN_PATH, async (c) => {
    const body = await c.req.parseBody();
    const token = typeof body.token === 'string' ? body.token : '';
    const now = options.clock.now();
    const personId = token ? await consumeLoginToken(options.db, token, now) : undefined;
    if (personId === undefined) return badLink(c);
    const old = getCookie(c, SESSION_COOKIE);
    if (old) await closeSession(options.db, old);
    const locale = spoken(body.lang) ?? c.get('locale');
    const session = await openSession(options.db, {
      personId,
      locale,
      now,
      expiresAt: new Date(now.getTime() + maxMs),
    });
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/console',
      maxAge: Math.floor(maxMs / 1000),
    });
    options.logger.info({ personId }, 'console session opened');
    return c.redirect('/console', 303);
  });

  app.post('/console/deconnexion', async (c) => {
    const viewer = c.get('viewer');
    if (viewer) await closeSession(options.db, viewer.cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/console' });
    const t = c.get('t');
    c.set('viewer', undefined);
    return page(c, t('web.logout.title'), html`<p>${t('web.logout.done')}</p>`);
  });

  app.post('/console/langue', async (c) => {
    const viewer = c.get('viewer')!;
    const body = await c.req.parseBody();
    const locale = spoken(body.lang);
    if (locale) await setSessionLocale(options.db, viewer.cookie, locale);
    const back =
      typeof body.back === 'string' && /^\/console(\/|$)/.test(body.back) ? body.back : '/console';
    return c.redirect(back, 303);
  });

  // Everything below needs a session.
  app.use('/console/*', async (c, next) => {
    if (!c.get('viewer')) return loggedOut(c);
    return next();
  });
  app.use('/console', async (c, next) => {
    if (!c.get('viewer')) return loggedOut(c);
    return next();
  });

  registerHomeRoute(app);
  registerPartnerRoutes(app, options, communes);
  registerCityRoutes(app, options);
  registerProgrammeRoutes(app, options);
  registerCcasRoutes(app, options, communes);
  registerLabelRoutes(app, options);
  registerCityMessageRoutes(app, options, communes);
  registerNationalRoutes(app, options, communes);

  app.notFound((c) => {
    const t = c.get('t');
    return page(
      c,
      t('web.error.not_found_title'),
      html`<p>${t('web.error.not_found')}</p>
        <p><a href="/console">${t('web.nav.home')}</a></p>`,
      404,
    );
  });
  app.onError((err, c) => {
    options.logger.error({ err, url: c.req.url }, 'console request failed');
    const t = c.get('t') ?? options.i18n.t('fr');
    return c.html(`<!doctype html><title>500</title><p>${t('web.error.server')}</p>`, 500);
  });

  const listener = getRequestListener(app.fetch);
  return {
    handle: (req, res) => Promise.resolve(listener(req, res)).then(() => undefined),
    fetch: (request) => Promise.resolve(app.fetch(request)),
  };
}

function badLink(c: ConsoleContext) {
  const t = c.get('t');
  return page(
    c,
    t('web.login.bad_link_title'),
    html`<p class="error">${t('web.login.bad_link')}</p>`,
    400,
  );
}

function loggedOut(c: ConsoleContext) {
  const t = c.get('t');
  return page(
    c,
    t('web.login.needed_title'),
    html`<p class="notice">${t('web.login.needed')}</p>`,
    401,
  );
}
