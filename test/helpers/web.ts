/**
 * The web app on a folder of its own: an example meeting copied out of the repository, a real SQLite
 * database, accounts made as `papers user add` makes them, and requests through Fastify's own inject
 * (the app's real routing, hooks and parsers, without a socket).
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp, hashPassword, Store, databaseFile } from '../../src/web/index.js';
import { ROOT } from './cli.js';

export const PASSWORD = 'correct horse battery staple';

export interface WebRoot {
  root: string;
  meetingDir: string;
  store: Store;
  app: FastifyInstance;
}

/** A root holding a copy of examples/<example> under `meetings/board`, and the app over it. */
export async function webRoot(options: { example?: string; maxUploadBytes?: number; secureCookies?: boolean } = {}): Promise<WebRoot> {
  const root = mkdtempSync(path.join(tmpdir(), 'papers-web-'));
  const meetingDir = path.join(root, 'meetings', 'board');
  cpSync(path.join(ROOT, 'examples', options.example ?? 'improvement-board'), meetingDir, { recursive: true });
  const store = new Store(databaseFile(root));
  const hash = await hashPassword(PASSWORD);
  store.addUser({ name: 'ed', hash, role: 'editor', committees: [] }, 0);
  store.addUser({ name: 'vi', hash, role: 'viewer', committees: [] }, 0);
  store.addUser({ name: 'ad', hash, role: 'admin', committees: [] }, 0);
  store.addUser({ name: 'cab', hash, role: 'editor', committees: ['Cabinet'] }, 0);
  const app = await createApp({ root, store, tool: { name: 'committee-papers', version: 'test' }, maxUploadBytes: options.maxUploadBytes, secureCookies: options.secureCookies });
  return { root, meetingDir, store, app };
}

/** The value of a form's hidden CSRF field in a page. */
export const csrfIn = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** `name=value` pairs of the Set-Cookie headers of a response. */
export function cookiesOf(setCookie: string | string[] | undefined): Record<string, string> {
  const list = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return Object.fromEntries(list.map((c) => c.split(';')[0]!.split('=')).map(([k, ...v]) => [k!, v.join('=')]));
}

export interface Signed {
  cookie: string;
  csrf: string;
}

/** Signs in as `name` the way a browser would: the sign-in page, then its form. */
export async function signInAs(app: FastifyInstance, name: string, password = PASSWORD): Promise<Signed> {
  const form = await app.inject({ method: 'GET', url: '/login' });
  const pre = cookiesOf(form.headers['set-cookie']).papers_pre!;
  const res = await app.inject({ method: 'POST', url: '/login', cookies: { papers_pre: pre }, payload: { _csrf: csrfIn(form.body), name, password } });
  if (res.statusCode !== 303) throw new Error(`sign-in as ${name} gave ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const session = cookiesOf(res.headers['set-cookie']).papers_session!;
  const home = await app.inject({ method: 'GET', url: '/', cookies: { papers_session: session } });
  return { cookie: session, csrf: csrfIn(home.body) };
}

/** A multipart/form-data body, as a browser sends a form with a file (fields first, in form order). */
export function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer } | undefined): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----papersTestBoundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
