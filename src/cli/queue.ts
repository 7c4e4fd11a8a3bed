/**
 * The queue on the command line: `papers worker`, and the address `--queue` takes (run, serve, worker).
 * BullMQ and its Redis client are loaded only when a queue is asked for.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { Tool } from '../model/index.js';
import type { FanOut } from '../pipeline/index.js';

interface QueueContext {
  io: { err(text: string): void };
  tool: Tool;
  code: number;
  debug: boolean;
}

export const QUEUE_OPTION_HELP = 'build through the queue on Redis at this address (redis://host:6379); alone: the address in PAPERS_REDIS';

/** The queue's address from `--queue [url]`: the url given, else PAPERS_REDIS; a usage error when neither. */
export function queueUrl(given: string | boolean | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (given === undefined || given === false) return undefined;
  const url = given === true ? env.PAPERS_REDIS : given;
  if (!url) throw new InvalidArgumentError('found no queue address (neither after --queue nor in PAPERS_REDIS), expected --queue redis://host:6379 or PAPERS_REDIS set.');
  if (!/^rediss?:\/\//.test(url)) throw new InvalidArgumentError(`found queue address "${url}", expected one starting redis:// (or rediss:// for TLS), e.g. redis://127.0.0.1:6379.`);
  return url;
}

/** The value, or the usage error it throws reported as commander reports its own (exit code 2). */
export function usageChecked<T>(cmd: Command, get: () => T): T {
  try {
    return get();
  } catch (e) {
    if (e instanceof InvalidArgumentError) cmd.error(`error: ${e.message}`, { exitCode: 2, code: 'commander.invalidArgument' });
    throw e;
  }
}

/** The run's way of sending reports to the queue, and of letting go of it. */
export async function queueFanOut(url: string, log: (line: string) => void): Promise<{ fanOut: FanOut; close(): Promise<void> }> {
  const q = await import('../queue/index.js');
  return q.redisFanOut(url, log);
}

function countArg(what: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`found "${value}", expected ${what} from 1 to ${max}.`);
    return n;
  };
}

/** `papers worker`: runs until stopped (Ctrl+C or SIGTERM), letting the jobs under way finish. */
export function workerCommand(program: Command, cx: QueueContext, wait: (close: () => Promise<void>) => Promise<void>): void {
  program
    .command('worker')
    .description('take builds from the queue on Redis and run them (any number of workers, on any machines that see the same files)')
    .option('--queue <url>', 'the queue on Redis (default: PAPERS_REDIS)')
    .option('--concurrency <n>', 'jobs run at once, each report with a Chromium of its own (about one per two cores)', countArg('a number of jobs', 64), 1)
    .option('--lock-seconds <n>', 'seconds a job of a worker that died waits before another worker takes it up', countArg('a number of seconds', 3600), 30)
    .option('--debug', 'show the stack of unexpected errors')
    .addHelpText('after', '\nExamples:\n  $ PAPERS_REDIS=redis://127.0.0.1:6379 papers worker\n  $ papers worker --queue redis://queue.council.internal:6379 --concurrency 2\n\nThen: papers run schedule.yaml --queue, or papers serve --queue: their builds go to the workers.')
    .action(async (opts: { queue?: string; concurrency: number; lockSeconds: number }, cmd: Command) => {
      const url = usageChecked(cmd, () => queueUrl(opts.queue ?? true));
      const q = await import('../queue/index.js');
      const stamp = (line: string): void => cx.io.err(`${new Date().toISOString()} ${line}\n`);
      const worker = await q.startWorker({ url: url!, tool: cx.tool, concurrency: opts.concurrency, lockMs: opts.lockSeconds * 1000, log: stamp });
      stamp(`worker ${process.pid} taking jobs from ${q.shownAddress(url!)} (${opts.concurrency} at a time; Ctrl+C to stop)`);
      await wait(async () => {
        stamp('stopping: letting the jobs under way finish');
        await worker.close();
      });
    });
}
