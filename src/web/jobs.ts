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
 *
 * The jobs borrow a Chromium kept between them (print/shelf.ts), so that an author's rebuild after a data
 * fix prints at once on a warm browser; the queue's close() closes it.
 */
import { EventEmitter } from 'node:events';
import type { Tool } from '../model/index.js';
import { nodeEffects, PrinterShelf, RECYCLE_EVERY, type Effects } from '../pipeline/index.js';
import { failureLines, runJob, type JobSpec } from '../queue/index.js';
import type { JobRecord, Store } from './store.js';

export type { JobSpec };

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

/** Each event of job `id` told to `listener`, until the returned function is called. */
export function followOn(events: EventEmitter, id: string, listener: (event: JobEvent) => void): () => void {
  const on = (event: JobEvent): void => listener(event);
  events.on(id, on);
  return () => events.off(id, on);
}

/** A job's record when it is first queued. */
export function queuedRecord(id: string, spec: JobSpec, user: string, now: number): JobRecord {
  return { id, kind: spec.kind, target: spec.target, title: spec.title, user, state: 'queued', created: now, finished: undefined, log: [], result: undefined, attempts: 0 };
}

export class InProcessQueue implements JobQueue {
  private readonly events = new EventEmitter();
  private readonly waiting: { id: string; spec: JobSpec }[] = [];
  private running: Promise<void> | undefined;
  private closed = false;
  /** The server lives long: its builds borrow a kept Chromium (print/shelf.ts) rather than launch one each. */
  private readonly printers: PrinterShelf;
  private readonly jobContext: JobContext;

  constructor(private readonly context: JobContext) {
    this.events.setMaxListeners(0);
    this.printers = new PrinterShelf(nodeEffects(context.effects).launchPrinter, { every: RECYCLE_EVERY });
    this.jobContext = { ...context, effects: { ...context.effects, launchPrinter: this.printers.borrow } };
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
    const job = queuedRecord(id, spec, user, this.context.now());
    this.context.store.saveJob(job);
    this.waiting.push({ id, spec });
    this.running ??= this.drain();
    return job;
  }

  follow(id: string, listener: (event: JobEvent) => void): () => void {
    return followOn(this.events, id, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    await this.running;
    await this.printers.close();
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
      const outcome = await runJob(spec, this.jobContext, log);
      job = { ...job, state: 'done', finished: this.context.now(), result: outcome };
    } catch (e) {
      job = { ...job, state: 'failed', finished: this.context.now(), result: { lines: failureLines(e), files: [] } };
    }
    store.saveJob(job);
    this.events.emit(id, { type: 'state', state: job.state } satisfies JobEvent);
    this.events.emit(id, { type: 'end', job } satisfies JobEvent);
  }
}
