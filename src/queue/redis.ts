/**
 * The queue on Redis, through BullMQ: its name, how a connection is made (checked first, so that an
 * unreachable Redis is one clear message rather than endless reconnecting), and how jobs are added.
 *
 * Policy
 * - One queue, `papers:builds`, holds every kind of job; a job's id is its kind and a hash of its inputs,
 *   so adding the same job while it waits or runs adds nothing.
 * - A job that throws is tried again, three times in all, 5 s then 10 s later; a job whose data is wrong
 *   (a PapersError: every problem by cell) fails at once, since trying again cannot help.
 * - A job whose worker died (killed, or its machine lost) is taken up by another worker once its lock
 *   lapses (30 s by default); twice at most, then it fails saying so.
 * - Finished jobs are kept a day (failed ones a week) so that their outcome can be read back.
 */
import { Queue, QueueEvents, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { PapersError, problem } from '../errors.js';
import type { JobSpec } from './jobs.js';

export const QUEUE_NAME = 'builds';
export const QUEUE_PREFIX = 'papers';

/** The queue's address: what the command was given, else PAPERS_REDIS; undefined: no queue (build in process). */
export function queueAddress(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = given || env.PAPERS_REDIS || undefined;
  return url;
}

/** The address as it may be shown: without its password. */
export function shownAddress(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** A connection for BullMQ (which needs `maxRetriesPerRequest: null`), once Redis has answered. */
export async function connect(url: string): Promise<Redis> {
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 5000 });
  let cause: string | undefined;
  probe.on('error', (e: Error) => (cause ??= e.message)); // the first failure says most (e.g. ECONNREFUSED)
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    probe.disconnect();
    throw new PapersError([problem('QueueUnavailable', { url: shownAddress(url), reason: cause ?? (e instanceof Error ? e.message : String(e)) })]);
  }
  await probe.quit();
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined); // ioredis reconnects by itself; BullMQ reports what fails
  return redis;
}

/** A job's id for BullMQ (which refuses ':' in ids). */
export const queueJobId = (id: string): string => id.replace(/:/g, '-');

export const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** The queue and its events, on connections of their own. */
export interface QueueHandle {
  queue: Queue<JobSpec>;
  events: QueueEvents;
  close(): Promise<void>;
}

export async function openQueue(url: string): Promise<QueueHandle> {
  const connection = await connect(url);
  const queue = new Queue<JobSpec>(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  const listening = connection.duplicate(); // QueueEvents blocks on its connection: it needs its own
  listening.on('error', () => undefined);
  const events = new QueueEvents(QUEUE_NAME, { connection: listening, prefix: QUEUE_PREFIX });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  return {
    queue,
    events,
    async close() {
      await events.close();
      await queue.close();
      await Promise.all([connection.quit(), listening.quit()].map((p) => p.catch(() => undefined)));
    },
  };
}

/** Adds a job (nothing, when one with its id is waiting or running); one that finished before is run again. */
export async function addJob(queue: Queue<JobSpec>, id: string, spec: JobSpec): Promise<void> {
  const jobId = queueJobId(id);
  const old = await queue.getJob(jobId);
  if (old) {
    const state = await old.getState();
    if (state === 'completed' || state === 'failed') await old.remove();
    else return;
  }
  await queue.add(spec.kind, spec, { ...JOB_OPTIONS, jobId });
}
