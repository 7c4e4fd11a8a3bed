/**
 * `papers serve`: the officers' web app over the same core as the CLI (Fastify, pages rendered on the
 * server, forms that post, server-sent events for progress with a refreshing page as the fallback).
 *
 * Who gets in: every page but the sign-in page needs a session (an HttpOnly, SameSite=Strict cookie,
 * Secure behind TLS); every form carries the session's CSRF token and a post without it is refused (403);
 * failed sign-ins are slowed down; viewers read, editors upload and rebuild, admins also read the audit
 * log; an account may be limited to some committees. Uploaded files are never served back at all.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Tool } from '../model/index.js';
import { compileWebPages, type PageRenderer } from '../render/index.js';
import { may, sameToken } from './auth.js';
import type { App } from './context.js';
import { InProcessQueue, type JobQueue } from './jobs.js';
import { jobRoutes, scheduleRoutes } from './routes-jobs.js';
import { meetingRoutes } from './routes-meetings.js';
import { signInRoutes, SESSION_COOKIE } from './routes-sign-in.js';
import { uploadRoutes } from './routes-uploads.js';
import type { Store } from './store.js';

const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));

export interface AppOptions {
  /** The folder whose meetings and schedules the app serves. */
  root: string;
  store: Store;
  tool: Tool;
  /** The queue builds go through; default the in-process one. */
  queue?: JobQueue | undefined;
  /** Largest upload accepted, in bytes (default 20 MB). */
  maxUploadBytes?: number | undefined;
  /** Cookies marked Secure: the app is reached over TLS (a proxy in front of it). */
  secureCookies?: boolean | undefined;
  now?: () => number;
}

/** The response headers every answer carries: no script but our own file, nothing framed, nothing sniffed. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

async function readWebTemplates(): Promise<Record<string, string>> {
  const names = ['layout', 'login', 'meetings', 'jobs', 'meeting', 'upload', 'problems', 'job', 'schedule', 'audit', 'problem'];
  const entries = await Promise.all(names.map(async (n) => [n, await readFile(path.join(PACKAGE, 'templates', 'web', `${n}.hbs`), 'utf8')] as const));
  return Object.fromEntries(entries);
}

export async function createApp(options: AppOptions): Promise<FastifyInstance> {
  const now = options.now ?? Date.now;
  const fastify = Fastify({ logger: false, bodyLimit: 64 * 1024, trustProxy: false });
  const page = compileWebPages(await readWebTemplates());
  const queue = options.queue ?? new InProcessQueue({ store: options.store, tool: options.tool, now });
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: options.secureCookies === true };

  const app = appContext(options, page, queue, now);

  await fastify.register(cookie);
  await fastify.register(formbody);
  await fastify.register(multipart, { limits: { fileSize: app.maxUploadBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 } });
  fastify.decorateRequest('session', undefined);

  fastify.addHook('onRequest', async (request, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    const t = request.cookies[SESSION_COOKIE];
    const s = t ? options.store.session(t, now()) : undefined;
    request.session = s && { ...s, token: t! };
    const open = request.url === '/login' || request.url.startsWith('/login?') || request.url.startsWith('/static/');
    if (!open && !request.session) {
      if (request.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      return app.refuse(reply, request, 403, 'Signed out', 'You are not signed in (or your session ended): sign in and send the form again.');
    }
    return undefined;
  });

  fastify.get('/static/app.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=300').send(await readFile(path.join(PACKAGE, 'static', 'app.css'))));
  fastify.get('/static/progress.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=300').send(await readFile(path.join(PACKAGE, 'static', 'progress.js'))));

  signInRoutes(fastify, app, cookieOptions);
  meetingRoutes(fastify, app);
  uploadRoutes(fastify, app);
  jobRoutes(fastify, app);
  scheduleRoutes(fastify, app);

  fastify.setNotFoundHandler((request, reply) => app.refuse(reply, request, 404, 'Not found', 'There is no page at this address.'));
  fastify.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      return app.refuse(reply, request, 413, 'File too large', `The file is larger than this app accepts (${Math.round(app.maxUploadBytes / 1024 / 1024)} MB). Nothing was kept.`);
    }
    if (error.statusCode && error.statusCode < 500) return app.refuse(reply, request, error.statusCode, 'Request refused', error.message);
    request.log.error(error);
    return app.refuse(reply, request, 500, 'Something went wrong', 'The app met an unexpected error. Nothing was changed. Tell your administrator what you were doing.');
  });
  fastify.addHook('onClose', async () => queue.close());
  return fastify;
}


/** The context the routes share: how to answer, refuse, check a role or a form, and write the audit log. */
function appContext(options: AppOptions, page: PageRenderer, queue: JobQueue, now: () => number): App {
  const app: App = {
    root: path.resolve(options.root),
    store: options.store,
    queue,
    tool: options.tool,
    now,
    maxUploadBytes: options.maxUploadBytes ?? 20 * 1024 * 1024,
    page,
    send(reply, request, name, chrome, view, status = 200) {
      const s = request.session;
      const html = page(name, { ...chrome, user: s && { name: s.user.name, role: s.user.role }, csrf: s?.csrf }, view);
      return reply.code(status).type('text/html; charset=utf-8').send(html);
    },
    refuse(reply, request, status, heading, message) {
      return app.send(reply, request, 'problem', { title: heading }, { heading, message, back: request.session ? '/' : '/login' }, status);
    },
    allow(request, reply, role) {
      if (request.session && may(request.session.user, role)) return true;
      app.refuse(reply, request, 403, 'Not allowed', `Your account cannot do this: it needs the ${role} role. Ask an administrator.`);
      return false;
    },
    checkCsrf(request, reply, sent) {
      if (request.session && typeof sent === 'string' && sameToken(sent, request.session.csrf)) return true;
      app.refuse(reply, request, 403, 'Form expired', 'This form was not sent from a page of this app, or the page is too old. Go back, reload the page and send it again.');
      return false;
    },
    audit(request, action, target, detail) {
      options.store.audit({ at: now(), user: request.session?.user.name ?? '-', action, target, detail });
    },
  };

  return app;
}
