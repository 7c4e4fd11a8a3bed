/**
 * Every build the app starts is a job on a queue. This is the in-process queue, the default: one job at
 * a time, in order, in the server's own process — one machine, nothing to install. Each job's state and
 * log are kept in the store as it runs (a restart shows how it ended; one cut off by the restart is
 * marked failed, saying so), and each line is told at once to whoever follows the job (the page's
 * server-sent events).
 *
 * A job's id is its kind, its target and a hash of its inputs, so asking for the same build while it is
 * waiting or running gives the same job, and asking again after it ended runs it again harmlessly
 * (builds are deterministic and publishing is atomic).
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { formatProblem, isPapersError } from '../errors.js';
import type { Tool } from '../model/index.js';
import { buildMeeting, nodeEffects, runSchedule, type Effects } from '../pipeline/index.js';
import type { JobRecord, Store } from './store.js';

export interface BuildSpec {
  kind: 'build';
  /** The meeting's id in the app. */
  target: string;
  title: string;
  config: string;
  cwd: string;
  item: string | undefined;
}

export interface RunSpec {
  kind: 'run';
  target: string;
  title: string;
  config: string;
  cwd: string;
  period: string;
}

export type JobSpec = BuildSpec | RunSpec;

export type JobEvent = { type: 'line'; line: string } | { type: 'state'; state: JobRecord['state'] } | { type: 'end'; job: JobRecord };

export interface JobQueue {
  /** Queues the job (or finds the same one waiting or running) and returns its record. */
  add(id: string, spec: JobSpec, user: string): JobRecord;
  /** Follows a job: each line and state as it happens. Returns the way to stop following. */
  follow(id: string, listener: (event: JobEvent) => void): () => void;
  /** Waits for the jobs under way, then takes no more. */
  close(): Promise<void>;
}

export interface JobContext {
  store: Store;
  tool: Tool;
  now: () => number;
  /** The effects a job's build runs with (its log is the job's). */
  effects?: Partial<Effects> | undefined;
}

/** What a job made: the files published (relative to the job's folder) and a line to show. */
export interface JobOutcome {
  lines: string[];
  files: string[];
}

/** Runs one job's build or run with its log going to `log`; throws with every problem when it cannot. */
export async function runJob(spec: JobSpec, context: Pick<JobContext, 'tool' | 'effects'>, log: (line: string) => void): Promise<JobOutcome> {
  const effects = nodeEffects({ ...context.effects, log });
  if (spec.kind === 'build') {
    const r = await buildMeeting(spec.config, { cwd: spec.cwd, tool: context.tool, item: spec.item }, effects);
    const pages = r.papers.reduce((a, p) => a + p.pages, 0);
    const failed = r.failed.map(formatProblem);
    return { lines: [`Built ${r.papers.length} paper${r.papers.length === 1 ? '' : 's'}, ${pages} pages, in ${r.seconds.toFixed(1)} s.`, ...failed], files: r.written.map((f) => path.basename(f)) };
  }
  const r = await runSchedule(spec.config, { cwd: spec.cwd, tool: context.tool, period: spec.period }, effects);
  const failed = r.reports.filter((x) => !x.built);
  return {
    lines: [`${r.reports.length - failed.length} of ${r.reports.length} highlight reports built for ${r.period} in ${r.seconds.toFixed(1)} s.`, ...failed.flatMap((x) => x.problems.map((p) => `${x.key}: ${formatProblem(p)}`))],
    files: r.written.map((f) => path.basename(f)),
  };
}

/** Why a job failed, a line per problem (file › sheet!cell, found, expected). */
export function failureLines(e: unknown): string[] {
  if (isPapersError(e)) return e.problems.map(formatProblem);
  return [`Unexpected error — ${e instanceof Error ? e.message : String(e)}`];
}

export class InProcessQueue implements JobQueue {
  private readonly events = new EventEmitter();
  private readonly waiting: { id: string; spec: JobSpec }[] = [];
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly context: JobContext) {
    this.events.setMaxListeners(0);
    // Jobs a restart cut off did not finish: say so rather than leave them "running" for ever.
    for (const job of context.store.jobs(undefined, 1000)) {
      if (job.state === 'queued' || job.state === 'running') {
        context.store.saveJob({ ...job, state: 'failed', finished: context.now(), log: [...job.log, 'The server stopped before this job finished: run it again.'] });
      }
    }
  }

  add(id: string, spec: JobSpec, user: string): JobRecord {
    const existing = this.context.store.job(id);
    if (existing && (existing.state === 'queued' || existing.state === 'running')) return existing;
    const job: JobRecord = { id, kind: spec.kind, target: spec.target, title: spec.title, user, state: 'queued', created: this.context.now(), finished: undefined, log: [], result: undefined, attempts: 0 };
    this.context.store.saveJob(job);
    this.waiting.push({ id, spec });
    this.running ??= this.drain();
    return job;
  }

  follow(id: string, listener: (event: JobEvent) => void): () => void {
    const on = (event: JobEvent): void => listener(event);
    this.events.on(id, on);
    return () => this.events.off(id, on);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    await this.running;
  }

  private async drain(): Promise<void> {
    for (let next = this.waiting.shift(); next && !this.closed; next = this.waiting.shift()) await this.work(next.id, next.spec);
    this.running = undefined;
  }

  private async work(id: string, spec: JobSpec): Promise<void> {
    const store = this.context.store;
    let job: JobRecord = { ...store.job(id)!, state: 'running', attempts: (store.job(id)?.attempts ?? 0) + 1 };
    store.saveJob(job);
    this.events.emit(id, { type: 'state', state: 'running' } satisfies JobEvent);
    const log = (line: string): void => {
      job = { ...job, log: [...job.log, line] };
      store.saveJob(job);
      this.events.emit(id, { type: 'line', line } satisfies JobEvent);
    };
    try {
      const outcome = await runJob(spec, this.context, log);
      job = { ...job, state: 'done', finished: this.context.now(), result: outcome };
    } catch (e) {
      job = { ...job, state: 'failed', finished: this.context.now(), result: { lines: failureLines(e), files: [] } };
    }
    store.saveJob(job);
    this.events.emit(id, { type: 'state', state: job.state } satisfies JobEvent);
    this.events.emit(id, { type: 'end', job } satisfies JobEvent);
  }
}
