/** Signing in and out: the sign-in form (with its own CSRF cookie before any session), slowed down after wrong passwords. */
import type { FastifyInstance } from 'fastify';
import { sameToken, signIn, token, waitBeforeSignIn } from './auth.js';
import type { App } from './context.js';

export const SESSION_COOKIE = 'papers_session';
const PRE_COOKIE = 'papers_pre';
const SESSION_HOURS = 8;

export interface CookieOptions {
  path: string;
  httpOnly: boolean;
  sameSite: 'strict';
  secure: boolean;
}

export function signInRoutes(fastify: FastifyInstance, app: App, cookieOptions: CookieOptions): void {
  const { store, now, page } = app;
  fastify.get('/login', async (request, reply) => {
    const pre = request.cookies[PRE_COOKIE] ?? token();
    reply.setCookie(PRE_COOKIE, pre, cookieOptions);
    const next = safeNext((request.query as { next?: string }).next);
    const html = page('login', { title: 'Sign in', csrf: pre }, { next, noAccounts: store.userCount() === 0, csrf: pre });
    return reply.type('text/html; charset=utf-8').send(html);
  });

  fastify.post('/login', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const pre = request.cookies[PRE_COOKIE];
    if (!sameToken(typeof body._csrf === 'string' ? body._csrf : undefined, pre)) {
      return app.refuse(reply, request, 403, 'Form expired', 'This sign-in form was not sent from this app’s sign-in page, or it is too old. Open the sign-in page again.');
    }
    const name = String(body.name ?? '').trim();
    const password = String(body.password ?? '');
    const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
    const keys = [`name:${name.toLowerCase()}`, `address:${request.ip}`];
    const wait = waitBeforeSignIn(store, keys, now());
    const again = (status: number, message: string) => reply.code(status).type('text/html; charset=utf-8').send(page('login', { title: 'Sign in', csrf: pre }, { next, name, message, csrf: pre }));
    if (wait > 0) {
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      return again(429, `Too many wrong passwords: wait ${Math.ceil(wait / 1000)} seconds before trying again.`);
    }
    const user = await signIn(store, name, password, request.ip, now);
    if (!user) {
      store.audit({ at: now(), user: name || '-', action: 'sign-in refused', target: request.ip, detail: 'wrong name or password' });
      return again(401, 'That account name and password do not match an account.');
    }
    const session = token();
    const csrf = token();
    store.addSession(session, user.name, csrf, now() + SESSION_HOURS * 3600_000);
    store.audit({ at: now(), user: user.name, action: 'signed in', target: request.ip, detail: '' });
    reply.setCookie(SESSION_COOKIE, session, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
    reply.clearCookie(PRE_COOKIE, cookieOptions);
    return reply.redirect(next, 303);
  });

  fastify.post('/logout', async (request, reply) => {
    if (!app.checkCsrf(request, reply, (request.body as Record<string, unknown> | undefined)?._csrf)) return reply;
    store.endSession(request.session!.token);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.redirect('/login', 303);
  });

}

/** Where to go after signing in: a path of this app only, never another site. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login') ? next : '/';
}
