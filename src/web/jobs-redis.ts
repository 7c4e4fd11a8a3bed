/**
 * The web app's builds on the queue on Redis (`papers serve --queue`): jobs are added to BullMQ and run by
 * `papers worker`s, wherever they are; what the workers report of each (started, each line, its outcome
 * or why it failed, after its retries) is kept in the store as it comes and told to whoever follows the
 * job, as with the in-process queue. After a restart, the jobs it had sent are read back from Redis:
 * those that ended while it was away get their outcome; those still under way go on being followed.
 */
import { EventEmitter } from 'node:events';
import { RemoteJobs, type RemoteEvent, type RemoteState } from '../queue/index.js';
import { followOn, queuedRecord, type JobEvent, type JobQueue, type JobSpec } from './jobs.js';
import type { JobRecord, Store } from './store.js';

export class RedisJobQueue implements JobQueue {
  private readonly events = new EventEmitter();
  private remote: RemoteJobs | undefined;
  /** The store's job id for BullMQ's. */
  private readonly ids = new Map<string, string>();

  private constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {
    this.events.setMaxListeners(0);
  }

  static async open(url: string, store: Store, now: () => number): Promise<RedisJobQueue> {
    const q = new RedisJobQueue(store, now);
    q.remote = await RemoteJobs.open(url, (e) => q.heard(e));
    for (const job of store.jobs(undefined, 1000)) {
      if (job.state !== 'queued' && job.state !== 'running') continue;
      q.ids.set(RemoteJobs.idOf(job.id), job.id);
      q.settle(job, await q.remote.state(job.id));
    }
    return q;
  }

  add(id: string, spec: JobSpec, user: string): JobRecord {
    const existing = this.store.job(id);
    if (existing && (existing.state === 'queued' || existing.state === 'running')) return existing;
    const job = queuedRecord(id, spec, user, this.now());
    this.store.saveJob(job);
    this.ids.set(RemoteJobs.idOf(id), id);
    this.remote!.add(id, spec).catch((e: unknown) => this.finish(id, { state: 'failed', reason: `The queue would not take the job: ${e instanceof Error ? e.message : String(e)}` }));
    return job;
  }

  follow(id: string, listener: (event: JobEvent) => void): () => void {
    return followOn(this.events, id, listener);
  }

  /** Stops listening; the jobs go on in the workers and are read back on the next start. */
  async close(): Promise<void> {
    await this.remote?.close();
  }

  private heard(e: RemoteEvent): void {
    const id = this.ids.get(e.id);
    const job = id ? this.store.job(id) : undefined;
    if (!id || !job) return; // another app's job, or a report of `papers run --queue`
    if (e.type === 'active') {
      this.store.saveJob({ ...job, state: 'running', attempts: job.attempts + 1 });
      this.events.emit(id, { type: 'state', state: 'running' } satisfies JobEvent);
    } else if (e.type === 'line') {
      this.store.saveJob({ ...job, log: [...job.log, e.line] });
      this.events.emit(id, { type: 'line', line: e.line } satisfies JobEvent);
    } else if (e.type === 'done') this.finish(id, { state: 'done', outcome: e.outcome });
    else this.finish(id, { state: 'failed', reason: e.reason });
  }

  private settle(job: JobRecord, remote: RemoteState): void {
    if (remote.state === 'missing') this.finish(job.id, { state: 'failed', reason: 'The queue no longer has this job (Redis was emptied or the job expired): run it again.' });
    else if (remote.state === 'done' || remote.state === 'failed') this.finish(job.id, remote);
    else if (remote.state === 'running' && job.state !== 'running') this.store.saveJob({ ...job, state: 'running' });
  }

  private finish(id: string, end: Extract<RemoteState, { state: 'done' | 'failed' }>): void {
    const job = this.store.job(id);
    if (!job || job.state === 'done' || job.state === 'failed') return;
    const result = end.state === 'done' ? end.outcome : { lines: end.reason.split('\n'), files: [] };
    const ended: JobRecord = { ...job, state: end.state, finished: this.now(), result };
    this.store.saveJob(ended);
    this.events.emit(id, { type: 'state', state: ended.state } satisfies JobEvent);
    this.events.emit(id, { type: 'end', job: ended } satisfies JobEvent);
  }
}
