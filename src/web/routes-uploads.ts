/**
 * A new version of a source (uploaded, checked at once, used only when it has no errors), the page that
 * shows its check, and a rebuild of the meeting or one of its papers.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { formatLocation, type Problem } from '../errors.js';
import { checkCandidate, nodeEffects } from '../pipeline/index.js';
import { may } from './auth.js';
import { inputsHash, sourcesOf, type MeetingEntry, type SourceEntry } from './catalogue.js';
import { meetingFor, size, uploadVerdict, when, type App } from './context.js';
import type { Row, UploadRecord } from './store.js';

const row = (p: Problem): Row => ({ where: p.location ? formatLocation(p.location) : '', message: p.message, name: p.name });

export function uploadRoutes(fastify: FastifyInstance, app: App): void {
  fastify.post<{ Params: { id: string; source: string } }>('/meetings/:id/sources/:source', async (request, reply) => {
    if (!app.allow(request, reply, 'editor')) return reply;
    const entry = await meetingFor(app, request, reply, request.params.id);
    if (!entry) return reply;
    const source = entry.meeting!.items.flatMap(sourcesOf).find((s) => s.id === request.params.source);
    if (!source) return app.refuse(reply, request, 404, 'Source not found', 'This meeting has no source by that name.');
    if (!request.isMultipart()) return app.refuse(reply, request, 400, 'No file sent', 'Choose a file and send the form again.');
    const data = await request.file();
    const csrf = data?.fields._csrf;
    if (!app.checkCsrf(request, reply, csrf && 'value' in csrf ? csrf.value : undefined)) {
      data?.file.resume(); // drained, never kept
      return reply;
    }
    if (!data || !data.filename) return app.refuse(reply, request, 400, 'No file sent', 'Choose a file and send the form again.');
    const original = displayName(data.filename);
    if (path.extname(original).toLowerCase() !== source.accept) {
      data.file.resume();
      return app.refuse(reply, request, 415, 'Wrong kind of file', `The ${source.label} is a ${source.accept} file; “${original}” is not. Nothing was kept.`);
    }
    const bytes = await data.toBuffer(); // over the limit: FST_REQ_FILE_TOO_LARGE, answered 413 with nothing kept
    const upload = await receive(app, entry, source, original, bytes, request.session!.user.name);
    app.audit(request, upload.state === 'installed' ? 'uploaded' : 'upload refused', `${entry.id} › ${source.id}`, `“${original}”, ${bytes.length} bytes, ${upload.report.errors.length} errors, ${upload.report.warnings.length} warnings`);
    return reply.redirect(`/uploads/${upload.id}`, 303);
  });

  fastify.get<{ Params: { id: string } }>('/uploads/:id', async (request, reply) => {
    const upload = /^[a-f0-9]{32}$/.test(request.params.id) ? app.store.upload(request.params.id) : undefined;
    const entry = upload && (await meetingFor(app, request, reply, upload.meeting));
    if (!upload || !entry) return reply.sent ? reply : app.refuse(reply, request, 404, 'Upload not found', 'There is no upload by that name.');
    const source = entry.meeting!.items.flatMap(sourcesOf).find((s) => s.id === upload.source);
    const installed = upload.state === 'installed';
    return app.send(reply, request, 'upload', { title: `Upload of the ${source?.label ?? 'source'}` }, {
      meeting: { id: entry.id, title: entry.meeting!.committee },
      heading: installed ? `New ${source?.label ?? 'source'} in use` : `New ${source?.label ?? 'source'} not used: ${upload.report.errors.length} ${upload.report.errors.length === 1 ? 'error' : 'errors'}`,
      upload: { original: upload.original, size: size(upload.bytes), user: upload.user, at: when(upload.at), label: source?.label ?? upload.source, file: source ? path.relative(entry.cwd, source.ref.path) : '' },
      installed,
      verdict: uploadVerdict(upload) + (installed ? ': it now replaces the old file (kept in the app’s history). Rebuild to publish papers from it.' : ': the old file is still in use. Fix the cells below and upload the file again.'),
      errors: upload.report.errors,
      warnings: upload.report.warnings,
      summaries: upload.report.summaries,
      columns: upload.report.columns,
      canEdit: may(request.session!.user, 'editor'),
    });
  });

  fastify.post<{ Params: { id: string } }>('/meetings/:id/rebuild', async (request, reply) => {
    if (!app.allow(request, reply, 'editor')) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!app.checkCsrf(request, reply, body._csrf)) return reply;
    const entry = await meetingFor(app, request, reply, request.params.id);
    if (!entry) return reply;
    const item = typeof body.item === 'string' && body.item !== '' ? body.item : undefined;
    if (item !== undefined && !entry.meeting!.items.some((i) => i.number === item)) return app.refuse(reply, request, 400, 'No such item', `This meeting has no paper numbered ${item}.`);
    const id = `build-${entry.id}-${(await inputsHash(entry, item)).slice(0, 16)}`;
    const title = `Build ${entry.meeting!.committee}${item ? `, item ${item}` : ''}`;
    const job = app.queue.add(id, { kind: 'build', target: entry.id, title, config: entry.file, cwd: entry.cwd, item }, request.session!.user.name);
    app.audit(request, 'rebuild', entry.id, `${item ? `item ${item}` : 'the meeting'}: job ${job.id}`);
    return reply.redirect(`/jobs/${encodeURIComponent(job.id)}`, 303);
  });
}

/** The browser's file name, for display only: no folders, no control characters, at most 120 characters. */
export function displayName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-120);
  return clean || 'upload';
}

/**
 * A new version of a source: kept under a generated name in `.papers/uploads` (never served), checked
 * in the meeting as a build would read it, and — only when it has no errors — put in the source's place
 * (the old file kept in `.papers/history`, the new one written beside it and renamed over it at once).
 */
async function receive(app: App, entry: MeetingEntry, source: SourceEntry, original: string, bytes: Buffer, user: string): Promise<UploadRecord> {
  const id = randomBytes(16).toString('hex');
  const uploads = path.join(app.root, '.papers', 'uploads');
  await mkdir(uploads, { recursive: true });
  const stored = path.join(uploads, `${id}${source.accept}`);
  await writeFile(stored, bytes, { mode: 0o600 });
  const check = await checkCandidate(entry.file, { cwd: entry.cwd }, source.ref.path, stored, nodeEffects({ log: () => {} }));
  const installed = check.errors.length === 0;
  if (installed) {
    const at = new Date(app.now()).toISOString().replace(/[:.]/g, '-');
    const history = path.join(app.root, '.papers', 'history', entry.id);
    await mkdir(history, { recursive: true });
    await copyFile(source.ref.path, path.join(history, `${at}-${path.basename(source.ref.path)}`)).catch(() => undefined);
    const next = `${source.ref.path}.${id}.tmp`;
    await writeFile(next, bytes);
    await rename(next, source.ref.path);
  }
  const record: UploadRecord = {
    id,
    meeting: entry.id,
    source: source.id,
    original,
    stored: path.basename(stored),
    bytes: bytes.length,
    user,
    at: app.now(),
    state: installed ? 'installed' : 'refused',
    report: { errors: check.errors.map(row), warnings: check.warnings.map(row), summaries: check.summaries, columns: check.columns },
  };
  app.store.saveUpload(record);
  return record;
}

