/**
 * Jobs and schedules: a job's page (its log so far; followed live over server-sent events, or by the
 * page reloading itself without JavaScript), the events, a schedule's page and a month's run, the audit log.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { parsePeriod } from '../model/index.js';
import { may, seesCommittee } from './auth.js';
import { findMeetings, findSchedules, offered } from './catalogue.js';
import { jobsView, STATE_TEXT, when, type App } from './context.js';
import type { JobEvent } from './jobs.js';
import type { JobRecord } from './store.js';

/** Seconds between reloads of a job's page without JavaScript. */
const REFRESH_SECONDS = 3;

/** One server-sent event; a value over several lines is sent as several `data:` lines. */
const sse = (event: string, data: string): string => `event: ${event}\n${data.split(/\r?\n/).map((l) => `data: ${l}`).join('\n')}\n\n`;

export function jobRoutes(fastify: FastifyInstance, app: App): void {
  /** The job, when the account may see what it builds. */
  const jobFor = async (id: string, user: NonNullable<import('fastify').FastifyRequest['session']>['user']): Promise<JobRecord | undefined> => {
    const job = app.store.job(id);
    if (!job || job.kind === 'run') return job;
    const meeting = (await findMeetings(app.root)).find((m) => m.id === job.target)?.meeting;
    return !meeting || seesCommittee(user, meeting.committee) ? job : undefined;
  };

  fastify.get<{ Params: { id: string } }>('/jobs/:id', async (request, reply) => {
    const job = await jobFor(request.params.id, request.session!.user);
    if (!job) return app.refuse(reply, request, 404, 'Job not found', 'There is no job by that name that your account may see.');
    const running = job.state === 'queued' || job.state === 'running';
    const base = job.kind === 'build' ? `/meetings/${job.target}` : `/schedules/${job.target}`;
    const files = job.state === 'done' && job.kind === 'build' ? (job.result?.files ?? []).filter(offered).map((name) => ({ name, href: `${base}/files/${encodeURIComponent(name)}` })) : [];
    return app.send(reply, request, 'job', { title: job.title, refresh: running ? REFRESH_SECONDS : undefined }, {
      job: { ...job, created: when(job.created) },
      stateText: job.state === 'done' ? `Finished: ${job.result?.lines[0] ?? ''}` : STATE_TEXT[job.state],
      running,
      refresh: REFRESH_SECONDS,
      problems: job.state === 'failed' ? job.result?.lines : job.result?.lines.slice(1),
      files,
      back: { href: base, title: job.kind === 'build' ? 'the meeting' : 'the schedule' },
    });
  });

  fastify.get<{ Params: { id: string } }>('/jobs/:id/events', async (request, reply) => {
    const job = await jobFor(request.params.id, request.session!.user);
    if (!job) return app.refuse(reply, request, 404, 'Job not found', 'There is no job by that name that your account may see.');
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', connection: 'keep-alive' });
    const end = (): void => {
      raw.write(sse('end', 'done'));
      raw.end();
    };
    if (job.state === 'done' || job.state === 'failed') return end();
    const stop = app.queue.follow(job.id, (e: JobEvent) => {
      if (e.type === 'line') raw.write(sse('line', e.line));
      else if (e.type === 'state') raw.write(sse('state', STATE_TEXT[e.state]));
      else {
        stop();
        clearInterval(beat);
        end();
      }
    });
    const beat = setInterval(() => raw.write(': still running\n\n'), 15_000);
    request.raw.on('close', () => {
      stop();
      clearInterval(beat);
    });
    // A line logged between reading the job and following it is on the page already or comes next.
    const now = app.store.job(job.id);
    if (now && (now.state === 'done' || now.state === 'failed')) {
      stop();
      clearInterval(beat);
      end();
    }
    return undefined;
  });
}

/** The monthly schedules: a schedule's page and a month's run; and the audit log, for admins. */
export function scheduleRoutes(fastify: FastifyInstance, app: App): void {
  fastify.get<{ Params: { id: string } }>('/schedules/:id', async (request, reply) => {
    const entry = (await findSchedules(app.root)).find((s) => s.id === request.params.id);
    if (!entry) return app.refuse(reply, request, 404, 'Schedule not found', 'There is no schedule here by that name.');
    const s = entry.schedule;
    return app.send(reply, request, 'schedule', { title: s ? s.plan : entry.display }, {
      schedule: { id: entry.id, title: s ? `${s.plan}: monthly highlight reports for the ${s.board}` : entry.display, file: entry.display, problem: entry.problem },
      canEdit: may(request.session!.user, 'editor') && s !== undefined,
      period: '',
      jobs: jobsView(app.store.jobs(entry.id, 20)),
    });
  });

  fastify.post<{ Params: { id: string } }>('/schedules/:id/run', async (request, reply) => {
    if (!app.allow(request, reply, 'editor')) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!app.checkCsrf(request, reply, body._csrf)) return reply;
    const entry = (await findSchedules(app.root)).find((s) => s.id === request.params.id);
    if (!entry?.schedule) return app.refuse(reply, request, 404, 'Schedule not found', 'There is no schedule here by that name, or it cannot be read.');
    const period = parsePeriod(String(body.period ?? ''));
    if (!period) return app.refuse(reply, request, 400, 'Not a month', `Found “${String(body.period ?? '')}”, expected a month written YYYY-MM, e.g. 2017-02.`);
    const id = `run-${entry.id}-${period}`;
    const job = app.queue.add(id, { kind: 'run', target: entry.id, title: `Highlight reports for ${period} (${path.basename(entry.cwd)})`, config: entry.file, cwd: entry.cwd, period }, request.session!.user.name);
    app.audit(request, 'run', entry.id, `${period}: job ${job.id}`);
    return reply.redirect(`/jobs/${encodeURIComponent(job.id)}`, 303);
  });

  fastify.get('/audit', async (request, reply) => {
    if (!app.allow(request, reply, 'admin')) return reply;
    const entries = app.store.auditLog(200).map((e) => ({ ...e, at: when(e.at) }));
    return app.send(reply, request, 'audit', { title: 'Audit log' }, { entries });
  });
}
