/**
 * `papers run --queue`: a month's reports sent to the queue, one job each, and waited for. The job's id
 * is the report's inputs hash, so a second run of the same month while the first is under way shares its
 * jobs; the period's folder is then published by the run (pipeline/run-parts.ts).
 */
import { Job } from 'bullmq';
import type { FanOut, ReportJob } from '../pipeline/index.js';
import type { ReportSpec } from './jobs.js';
import { addJob, openQueue, queueJobId, type QueueHandle } from './redis.js';

export interface QueueFanOut {
  fanOut: FanOut;
  close(): Promise<void>;
}

/** How often the run says it is still waiting when no worker is taking jobs. */
const NO_WORKER_EVERY_MS = 30_000;

export async function redisFanOut(url: string, log: (line: string) => void): Promise<QueueFanOut> {
  const handle = await openQueue(url);
  return {
    fanOut: (jobs, onEnd) => sendAndWait(handle, jobs, onEnd, log),
    close: () => handle.close(),
  };
}

async function sendAndWait(handle: QueueHandle, jobs: readonly ReportJob[], onEnd: (key: string, failure: string | undefined) => void, log: (line: string) => void): Promise<Map<string, string | undefined>> {
  const { queue, events } = handle;
  const ended = new Map<string, string | undefined>();
  const watch = setInterval(() => {
    void queue.getWorkersCount().then((n) => {
      if (n === 0) log(`no worker is taking jobs from the queue: ${jobs.length - ended.size} reports are waiting (start one with \`papers worker\`)`);
    });
  }, NO_WORKER_EVERY_MS);
  try {
    await Promise.all(
      jobs.map(async (j) => {
        const spec: ReportSpec = { ...j, kind: 'report', target: j.config, title: `${j.period} ${j.key} highlight report` };
        const id = `report-${j.id}`;
        await addJob(queue, id, spec);
        const job = await Job.fromId<ReportSpec>(queue, queueJobId(id));
        let failure: string | undefined;
        try {
          if (!job) throw new Error('the job was removed before it finished');
          await job.waitUntilFinished(events);
        } catch (e) {
          failure = e instanceof Error ? e.message : String(e);
        }
        ended.set(j.key, failure);
        onEnd(j.key, failure);
      }),
    );
  } finally {
    clearInterval(watch);
  }
  return ended;
}
