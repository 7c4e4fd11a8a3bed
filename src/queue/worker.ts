/**
 * `papers worker`: takes jobs from the queue on Redis and runs them, `concurrency` at a time, until told
 * to stop (SIGTERM or Ctrl+C: the jobs under way finish first). Any number of workers, on any number of
 * machines that see the same files, share the queue.
 *
 * A worker lives long, so a job costs about what the same report costs inside one `papers run`: its
 * Chromiums stay open between jobs, meeting builds' and reports' alike (print/shelf.ts: relaunched every
 * RECYCLE_EVERY documents, as in a run, and closed after ten idle minutes), and the
 * templates, history and extracts it read are kept while their files are unchanged (pipeline RunCache).
 * Each line a job logs goes to the page following it (a BullMQ progress event) and to the worker's log.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { isPapersError } from '../errors.js';
import type { Tool } from '../model/index.js';
import { nodeEffects, PrinterShelf, RECYCLE_EVERY, RunCache, type Effects } from '../pipeline/index.js';
import { failureLines, runJob, type JobOutcome, type JobSpec } from './jobs.js';
import { connect, QUEUE_NAME, QUEUE_PREFIX } from './redis.js';

export interface WorkerOptions {
  url: string;
  tool: Tool;
  /** Jobs run at once (each report job with a Chromium of its own); default 1. */
  concurrency?: number | undefined;
  /** How long a job's lock lasts without its worker renewing it: after that, another worker takes it up. Default 30 s. */
  lockMs?: number | undefined;
  /** The worker's own log: a line as each job starts, ends or fails. */
  log: (line: string) => void;
  effects?: Partial<Effects> | undefined;
}

export interface RunningWorker {
  /** Lets the jobs under way finish, then stops. */
  close(): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const connection = await connect(options.url);
  const base = nodeEffects(options.effects);
  const shelf = new PrinterShelf(base.launchPrinter, { every: RECYCLE_EVERY });
  const cache = new RunCache();
  const lockDuration = options.lockMs ?? 30_000;
  const processJob = async (job: Job<JobSpec, JobOutcome>): Promise<JobOutcome> => {
    const spec = job.data;
    const t0 = Date.now();
    options.log(`started ${job.id}: ${spec.title} (attempt ${job.attemptsStarted})`);
    // Lines go out in order, each a progress event for whoever follows the job.
    let sent: Promise<unknown> = Promise.resolve();
    const log = (line: string): void => {
      sent = sent.then(() => job.updateProgress({ line })).catch(() => undefined);
    };
    try {
      // Every job borrows a kept Chromium (print/shelf.ts): a build after a data fix prints at once, warm.
      const effects = { ...options.effects, launchPrinter: shelf.borrow };
      const outcome = await runJob(spec, { tool: options.tool, cache, effects }, log);
      await sent;
      options.log(`done ${job.id} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return outcome;
    } catch (e) {
      const lines = failureLines(e);
      // A folder another build is writing is free again once that build ends: most often it is this job's
      // own earlier attempt, still running where its worker missed renewing the job's lock (a long pause).
      const locked = isPapersError(e) && e.problems.every((p) => p.name === 'BuildLocked');
      const again = locked && job.attemptsMade + 1 < (job.opts.attempts ?? 1) ? ' (to be tried again shortly)' : '';
      if (again) log(`${lines.join('; ')}${again}`);
      await sent;
      options.log(`failed ${job.id}: ${lines.join('; ')}${again}`);
      if (locked) throw new Error(lines.join('\n'));
      // Wrong data stays wrong however often it is tried: fail now, with every problem.
      if (isPapersError(e)) throw new UnrecoverableError(lines.join('\n'));
      throw e;
    }
  };
  const worker = new Worker<JobSpec, JobOutcome>(QUEUE_NAME, processJob, {
    connection,
    prefix: QUEUE_PREFIX,
    concurrency: Math.max(1, options.concurrency ?? 1),
    lockDuration,
    stalledInterval: Math.max(500, Math.round(lockDuration / 2)),
    maxStalledCount: 2,
  });
  worker.on('error', (e) => options.log(`queue error: ${e.message}`));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await shelf.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
