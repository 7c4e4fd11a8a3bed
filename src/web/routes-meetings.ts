/**
 * The meetings: the list, a meeting's page (its papers, sources, their last check, the published versions
 * and every download) and a download.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { formatLongDate } from '../render/index.js';
import { may, seesCommittee } from './auth.js';
import { findMeetings, findSchedules, outputsOf, sourcesOf } from './catalogue.js';
import { jobsView, meetingFor, size, uploadVerdict, when, type App } from './context.js';

const TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.html': 'text/html; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json', '.md': 'text/markdown; charset=utf-8', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };

export function meetingRoutes(fastify: FastifyInstance, app: App): void {
  fastify.get('/', async (request, reply) => {
    const user = request.session!.user;
    const all = await findMeetings(app.root);
    const meetings = all.filter((m) => !m.meeting || seesCommittee(user, m.meeting.committee));
    const view = meetings.map((m) => ({
      id: m.id,
      title: m.meeting ? m.meeting.committee : m.display,
      date: m.meeting ? formatLongDate(m.meeting.start.slice(0, 10)) : '',
      papers: m.meeting ? m.meeting.items.map((i) => `${i.number}. ${i.title}`).join('; ') : '',
      file: m.display,
      problem: m.problem,
    }));
    const schedules = (await findSchedules(app.root)).map((s) => ({ id: s.id, title: s.schedule ? `${s.schedule.plan}: ${s.schedule.board}` : s.display, file: s.display }));
    return app.send(reply, request, 'meetings', { title: 'Meetings and schedules' }, { root: app.root, meetings: view, hidden: meetings.length < all.length, schedules, jobs: jobsView(app.store.jobs(undefined, 10)) });
  });

  fastify.get<{ Params: { id: string } }>('/meetings/:id', async (request, reply) => {
    const entry = await meetingFor(app, request, reply, request.params.id);
    if (!entry) return reply;
    const m = entry.meeting!;
    const last = app.store.lastUploads(entry.id);
    const items = m.items.map((item) => ({
      number: item.number,
      title: item.title,
      sources: sourcesOf(item).map((s) => {
        const u = last.get(s.id);
        return { id: s.id, label: s.label, file: path.relative(entry.cwd, s.ref.path), accept: s.accept, last: u && { id: u.id, text: `${uploadVerdict(u)} — ${u.user}, ${when(u.at)}` } };
      }),
    }));
    const { dir, files } = await outputsOf(entry);
    const versions = await packVersions(dir, files.map((f) => f.file), files);
    const flash = (request.query as { done?: string }).done;
    return app.send(reply, request, 'meeting', { title: m.committee, flash }, {
      meeting: { id: entry.id, title: `${m.committee}, ${formatLongDate(m.start.slice(0, 10))}`, date: formatLongDate(m.start.slice(0, 10)), venue: m.venue, asAt: formatLongDate(m.asAt), file: entry.display },
      items,
      canEdit: may(request.session!.user, 'editor'),
      versions,
      downloads: files.map((f) => ({ file: f.file, title: f.title, size: size(f.bytes) })),
      jobs: jobsView(app.store.jobs(entry.id, 10)),
    });
  });

  fastify.get<{ Params: { id: string; name: string } }>('/meetings/:id/files/:name', async (request, reply) => {
    const entry = await meetingFor(app, request, reply, request.params.id);
    if (!entry) return reply;
    const { dir, files } = await outputsOf(entry);
    const file = files.find((f) => f.file === request.params.name); // only a name the folder holds: never a path
    if (!file) return app.refuse(reply, request, 404, 'File not found', 'This meeting has published no file by that name.');
    const type = TYPES[path.extname(file.file)] ?? 'application/octet-stream';
    return reply
      .type(type)
      .header('content-disposition', `attachment; filename="${file.file.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox")
      .send(await readFile(path.join(dir, file.file)));
  });

}

/** The pack's published versions, v1 first, each with its "what changed" note when it has one. */
async function packVersions(dir: string, names: string[], files: { file: string; bytes: number }[]): Promise<{ version: number; file: string; size: string; changes: string | undefined }[]> {
  const versions = names.flatMap((n) => {
    const m = /^pack(?:-v(\d+))?\.pdf$/.exec(n);
    return m ? [{ version: m[1] ? Number(m[1]) : 1, file: n }] : [];
  });
  versions.sort((a, b) => a.version - b.version);
  return Promise.all(
    versions.map(async (v) => ({
      ...v,
      size: size(files.find((f) => f.file === v.file)?.bytes ?? 0),
      changes: await readFile(path.join(dir, v.file.replace(/\.pdf$/, '.changes.md')), 'utf8').catch(() => undefined),
    })),
  );
}
