/**
 * Nobody gets into the web app who should not: the real app (Fastify, its hooks and parsers, a real
 * SQLite database, scrypt hashes) over an example meeting copied out of the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesOf, csrfIn, multipart, signInAs, webRoot, type Signed, type WebRoot } from '../helpers/web.js';

const MEETING = 'meetings--board';
const TRACKER = '3-tracker';

let w: WebRoot;
let editor: Signed;
let viewer: Signed;

/** Every file under a folder, relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? tree(p).map((f) => path.join(n, f)) : [n];
  });
}

async function trackerWith(cells: Record<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(w.meetingDir, 'tracker.xlsx'));
  const ws = wb.getWorksheet('SIP Summary')!;
  for (const [cell, value] of Object.entries(cells)) ws.getCell(cell).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  w = await webRoot({ maxUploadBytes: 200_000 });
  editor = await signInAs(w.app, 'ed');
  viewer = await signInAs(w.app, 'vi');
}, 60_000);
afterAll(async () => {
  await w?.app.close();
  w?.store.close();
});

describe('without a session', () => {
  it('every page sends the browser to sign in, and comes back after', async () => {
    for (const url of ['/', `/meetings/${MEETING}`, '/audit', '/jobs/anything']) {
      const r = await w.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(303);
      expect(r.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
  });
  it('a form is refused, and nothing is done', async () => {
    const r = await w.app.inject({ method: 'POST', url: `/meetings/${MEETING}/rebuild`, payload: { _csrf: 'x' } });
    expect(r.statusCode).toBe(403);
    expect(w.store.jobs(undefined)).toEqual([]);
  });
  it('a download is refused', async () => {
    const r = await w.app.inject({ method: 'GET', url: `/meetings/${MEETING}/files/anything.pdf` });
    expect(r.statusCode).toBe(303);
  });
  it('after signing in, only a path of this app is followed', async () => {
    const form = await w.app.inject({ method: 'GET', url: '/login' });
    const pre = cookiesOf(form.headers['set-cookie']).papers_pre!;
    const r = await w.app.inject({ method: 'POST', url: '/login', cookies: { papers_pre: pre }, payload: { _csrf: csrfIn(form.body), name: 'vi', password: 'correct horse battery staple', next: '//evil.example/' } });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/');
  });
});

describe('sessions and forms', () => {
  it('the session cookie is HttpOnly and SameSite=Strict, and Secure when the app is behind TLS', async () => {
    const form = await w.app.inject({ method: 'GET', url: '/login' });
    const pre = cookiesOf(form.headers['set-cookie']).papers_pre!;
    const r = await w.app.inject({ method: 'POST', url: '/login', cookies: { papers_pre: pre }, payload: { _csrf: csrfIn(form.body), name: 'ed', password: 'correct horse battery staple' } });
    const set = [r.headers['set-cookie']].flat().find((c) => String(c).startsWith('papers_session='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).not.toMatch(/Secure/);
    const tls = await webRoot({ secureCookies: true });
    try {
      const f = await tls.app.inject({ method: 'GET', url: '/login' });
      const p = cookiesOf(f.headers['set-cookie']).papers_pre!;
      const s = await tls.app.inject({ method: 'POST', url: '/login', cookies: { papers_pre: p }, payload: { _csrf: csrfIn(f.body), name: 'ed', password: 'correct horse battery staple' } });
      expect([s.headers['set-cookie']].flat().find((c) => String(c).startsWith('papers_session='))).toMatch(/; Secure/);
    } finally {
      await tls.app.close();
      tls.store.close();
    }
  });
  it('a form without its CSRF token, or with another session’s, is refused with 403', async () => {
    const none = await w.app.inject({ method: 'POST', url: `/meetings/${MEETING}/rebuild`, cookies: { papers_session: editor.cookie }, payload: {} });
    expect(none.statusCode).toBe(403);
    expect(none.body).toContain('Form expired');
    const other = await w.app.inject({ method: 'POST', url: `/meetings/${MEETING}/rebuild`, cookies: { papers_session: editor.cookie }, payload: { _csrf: viewer.csrf } });
    expect(other.statusCode).toBe(403);
    const signIn = await w.app.inject({ method: 'POST', url: '/login', payload: { name: 'ed', password: 'correct horse battery staple' } });
    expect(signIn.statusCode).toBe(403);
    const upload = multipart({}, { name: 'tracker.xlsx', bytes: readFileSync(path.join(w.meetingDir, 'tracker.xlsx')) });
    const up = await w.app.inject({ method: 'POST', url: `/meetings/${MEETING}/sources/${TRACKER}`, cookies: { papers_session: editor.cookie }, ...upload });
    expect(up.statusCode).toBe(403);
    expect(w.store.jobs(undefined)).toEqual([]);
    expect(existsUploads()).toEqual([]);
  });
  it('every answer forbids inline script, framing and sniffing', async () => {
    const r = await w.app.inject({ method: 'GET', url: '/', cookies: { papers_session: editor.cookie } });
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body).not.toMatch(/<script>|style="/);
  });
});

function existsUploads(): string[] {
  try {
    return readdirSync(path.join(w.root, '.papers', 'uploads'));
  } catch {
    return [];
  }
}

describe('roles and committees', () => {
  it('a viewer reads but cannot upload or rebuild, and is not offered to', async () => {
    const page = await w.app.inject({ method: 'GET', url: `/meetings/${MEETING}`, cookies: { papers_session: viewer.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Service improvement plan progress');
    expect(page.body).not.toContain('Upload and check');
    expect(page.body).not.toContain('Rebuild');
    const rebuild = await w.app.inject({ method: 'POST', url: `/meetings/${MEETING}/rebuild`, cookies: { papers_session: viewer.cookie }, payload: { _csrf: viewer.csrf } });
    expect(rebuild.statusCode).toBe(403);
    const upload = multipart({ _csrf: viewer.csrf }, { name: 'tracker.xlsx', bytes: readFileSync(path.join(w.meetingDir, 'tracker.xlsx')) });
    const up = await w.app.inject({ method: 'POST', url: `/meetings/${MEETING}/sources/${TRACKER}`, cookies: { papers_session: viewer.cookie }, ...upload });
    expect(up.statusCode).toBe(403);
    expect(existsUploads()).toEqual([]);
    expect((await w.app.inject({ method: 'GET', url: '/audit', cookies: { papers_session: viewer.cookie } })).statusCode).toBe(403);
  });
  it('an account limited to other committees does not see the meeting at all', async () => {
    const cab = await signInAs(w.app, 'cab');
    const list = await w.app.inject({ method: 'GET', url: '/', cookies: { papers_session: cab.cookie } });
    expect(list.body).not.toContain(MEETING);
    const page = await w.app.inject({ method: 'GET', url: `/meetings/${MEETING}`, cookies: { papers_session: cab.cookie } });
    expect(page.statusCode).toBe(404);
  });
});

describe('uploads', () => {
  it('names with ../, absolute paths or NULs land under a generated name, and nothing else is written', async () => {
    const before = tree(w.root).filter((f) => !f.startsWith('.papers'));
    const bad = await trackerWith({ C6: 'Purple' });
    for (const name of ['../../../escaped.xlsx', '/etc/passwd.xlsx', 'C:\\Windows\\evil.xlsx', 'nul\u0000byte.xlsx']) {
      const body = multipart({ _csrf: editor.csrf }, { name, bytes: bad });
      const r = await w.app.inject({ method: 'POST', url: `/meetings/${MEETING}/sources/${TRACKER}`, cookies: { papers_session: editor.cookie }, ...body });
      expect(r.statusCode, name).toBe(303);
      const page = await w.app.inject({ method: 'GET', url: r.headers.location!, cookies: { papers_session: editor.cookie } });
      expect(page.body).toContain('not used: 1 error');
      expect(page.body).toContain('tracker.xlsx › SIP Summary!C6');
    }
    expect(existsUploads().every((f) => /^[a-f0-9]{32}\.xlsx$/.test(f))).toBe(true);
    expect(existsUploads()).toHaveLength(4);
    expect(tree(w.root).filter((f) => !f.startsWith('.papers'))).toEqual(before); // the tracker itself untouched
    expect(readdirSync(path.dirname(w.root)).some((n) => n.startsWith('escaped'))).toBe(false);
  });
  it('an upload over the limit is refused with a message, and nothing is kept', async () => {
    const kept = existsUploads().length;
    const body = multipart({ _csrf: editor.csrf }, { name: 'tracker.xlsx', bytes: Buffer.alloc(300_000, 1) });
    const r = await w.app.inject({ method: 'POST', url: `/meetings/${MEETING}/sources/${TRACKER}`, cookies: { papers_session: editor.cookie }, ...body });
    expect(r.statusCode).toBe(413);
    expect(r.body).toContain('larger than this app accepts');
    expect(existsUploads()).toHaveLength(kept);
  });
  it('an uploaded HTML file is never served back as HTML', async () => {
    const html = Buffer.from('<html><body><script>alert(1)</script>hello</body></html>');
    const wrongKind = multipart({ _csrf: editor.csrf }, { name: 'page.html', bytes: html });
    const r1 = await w.app.inject({ method: 'POST', url: `/meetings/${MEETING}/sources/${TRACKER}`, cookies: { papers_session: editor.cookie }, ...wrongKind });
    expect(r1.statusCode).toBe(415);
    // Named as a workbook, it is checked as one, refused, and its page shows only what was found, escaped.
    const disguised = multipart({ _csrf: editor.csrf }, { name: '<img src=x onerror=alert(2)>.xlsx', bytes: html });
    const r2 = await w.app.inject({ method: 'POST', url: `/meetings/${MEETING}/sources/${TRACKER}`, cookies: { papers_session: editor.cookie }, ...disguised });
    expect(r2.statusCode).toBe(303);
    const page = await w.app.inject({ method: 'GET', url: r2.headers.location!, cookies: { papers_session: editor.cookie } });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;.xlsx');
    // No address reaches the stored file.
    const stored = existsUploads().at(-1)!;
    for (const url of [`/.papers/uploads/${stored}`, `/meetings/${MEETING}/files/${stored}`, `/meetings/${MEETING}/files/..%2F..%2F.papers%2Fuploads%2F${stored}`, `/static/..%2F.papers%2Fuploads%2F${stored}`]) {
      const r = await w.app.inject({ method: 'GET', url, cookies: { papers_session: editor.cookie } });
      expect([404, 400], url).toContain(r.statusCode);
      expect(r.body).not.toContain('alert(1)');
    }
  });
});

describe('signing in', () => {
  it('repeated wrong passwords are slowed down, even for the right password after them', async () => {
    const form = await w.app.inject({ method: 'GET', url: '/login' });
    const pre = cookiesOf(form.headers['set-cookie']).papers_pre!;
    const attempt = (password: string) => w.app.inject({ method: 'POST', url: '/login', cookies: { papers_pre: pre }, payload: { _csrf: csrfIn(form.body), name: 'ad', password }, remoteAddress: '10.0.0.9' });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await attempt(`wrong ${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const right = await attempt('correct horse battery staple');
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.body).toContain('Too many wrong passwords');
    const log = w.store.auditLog().filter((e) => e.action === 'sign-in refused' && e.user === 'ad');
    expect(log.length).toBe(5);
  }, 60_000);
});
