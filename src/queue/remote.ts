/**
 * The web app's side of the queue on Redis: it adds jobs and hears, as they happen, what the workers
 * report of them (started, each line, done with its outcome, failed with its reason) — and, after a
 * restart, how the jobs it had sent ended while it was away.
 */
import { Job } from 'bullmq';
import type { JobOutcome, JobSpec } from './jobs.js';
import { addJob, openQueue, queueJobId, type QueueHandle } from './redis.js';

export type RemoteEvent =
  | { id: string; type: 'active' }
  | { id: string; type: 'line'; line: string }
  | { id: string; type: 'done'; outcome: JobOutcome }
  | { id: string; type: 'failed'; reason: string };

export type RemoteState = { state: 'waiting' | 'running' } | { state: 'done'; outcome: JobOutcome } | { state: 'failed'; reason: string } | { state: 'missing' };

export class RemoteJobs {
  private constructor(private readonly handle: QueueHandle) {}

  static async open(url: string, listener: (event: RemoteEvent) => void): Promise<RemoteJobs> {
    const handle = await openQueue(url);
    const { events } = handle;
    events.on('active', ({ jobId }) => listener({ id: jobId, type: 'active' }));
    events.on('progress', ({ jobId, data }) => {
      const line = (data as { line?: unknown } | undefined)?.line;
      if (typeof line === 'string') listener({ id: jobId, type: 'line', line });
    });
    events.on('completed', ({ jobId, returnvalue }) => listener({ id: jobId, type: 'done', outcome: outcomeOf(returnvalue) }));
    events.on('failed', ({ jobId, failedReason }) => listener({ id: jobId, type: 'failed', reason: failedReason }));
    return new RemoteJobs(handle);
  }

  /** The id BullMQ knows the job by (events carry it). */
  static idOf(id: string): string {
    return queueJobId(id);
  }

  add(id: string, spec: JobSpec): Promise<void> {
    return addJob(this.handle.queue, id, spec);
  }

  async state(id: string): Promise<RemoteState> {
    const job = await Job.fromId<JobSpec, JobOutcome>(this.handle.queue, queueJobId(id));
    if (!job) return { state: 'missing' };
    const state = await job.getState();
    if (state === 'completed') return { state: 'done', outcome: outcomeOf(job.returnvalue) };
    if (state === 'failed') return { state: 'failed', reason: job.failedReason };
    return { state: state === 'active' ? 'running' : 'waiting' };
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** A job's return value as the worker sent it (QueueEvents may hand it over as JSON text). */
function outcomeOf(value: unknown): JobOutcome {
  const v = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  const o = (v ?? {}) as Partial<JobOutcome>;
  return { lines: Array.isArray(o.lines) ? o.lines.map(String) : [], files: Array.isArray(o.files) ? o.files.map(String) : [] };
}
