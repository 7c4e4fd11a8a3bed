/**
 * `papers run`: one period's monthly highlight reports, from schedule.yaml —
 *
 *   config (parsed once) → ingest (each distinct set of extracts once) → score (as at the period's end,
 *   against the previous period's saved model) → render → print (a browser per worker) → publish
 *
 * Policy
 * - Unattended: nothing is asked. A report whose extracts are broken fails alone — its problems are
 *   recorded (file, sheet, cell, found, expected) and every other report is still published.
 * - History is per period (`history/<period>/model.json`): re-running a period after a data fix
 *   replaces that period's model and reports and touches no other period. A missing previous period is
 *   said in the report, not a failure.
 * - Every run writes its log to `history/<period>/run-<time>.log` (the only place the clock shows).
 * - With a queue (`papers run --queue`), the reports are built by workers and gathered here (run-parts.ts).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { folderFor, type Schedule, type ScheduledReport } from '../config/index.js';
import { insideAny, projectRoots } from '../config/paths.js';
import { formatProblem, problem, throwIfProblems } from '../errors.js';
import { latestCompletePeriod, periodEnd, periodLabel } from '../model/index.js';
import { recyclingPrinter, type Printer, type RecyclingPrinter } from '../print/index.js';
import type { Effects } from './effects.js';
import { partDir, runFannedOut, runPart } from './run-parts.js';
import { buildReport, readShared, recordRun, type Done, type PeriodRun, type ReportOutcome, type RunOptions, type RunResult } from './run-report.js';
import { readSchedule } from './schedule.js';

export type { FanOut, PartRequest, ReportJob, ReportOutcome, RunOptions, RunResult } from './run-report.js';

/** Reports printed by one browser before it is relaunched. */
export const RECYCLE_EVERY = 100;
/** How many reports before that the next browser is started, so that no report waits for a launch. */
const PRELAUNCH = 5;
/**
 * Reports between full garbage collections in a batch. Left to itself V8 lets the heap grow with the
 * garbage of each report's PDF until its first full collection, near the 200th report here: peak memory
 * went from ≈180 MB at 50 reports to ≈250 MB at 300. A collection every 50 keeps it level (≈180 MB both)
 * for 5–13% more time (docs/PERFORMANCE.md). 0: none.
 */
export const COLLECT_EVERY = 50;
/** Pages printing at once in one browser: two measured slower than one on two cores (docs/PERFORMANCE.md). */
export const PRINT_PAGES = 1;

export async function runSchedule(configPath: string, options: RunOptions, effects: Effects): Promise<RunResult> {
  const started = performance.now();
  const schedule = await readSchedule(configPath, options, effects); // config, parsed once
  const period = options.period ?? latestCompletePeriod(effects.now());
  const historyDir = folderFor(schedule, path.join(schedule.history, '{period}'), period);
  const outDir = options.outDir ? path.resolve(options.cwd, options.outDir) : folderFor(schedule, schedule.out, period);
  // The folders the schedule names are written only inside the project (a folder given with --out is the user's own choice).
  const roots = projectRoots(options, schedule.file.path);
  if (roots) {
    const outside = [...(options.outDir ? [] : [{ role: 'report folder (out)', found: outDir }]), { role: 'history folder (history)', found: historyDir }].filter((f) => !insideAny(f.found, roots));
    throwIfProblems(outside.map((f) => problem('PathOutsideProject', { ...f, roots }, { file: schedule.file.display })));
  }
  const lines: string[] = [];
  const log = (line: string): void => {
    lines.push(line);
    effects.log(line);
  };
  const run: PeriodRun = { schedule, period, asAt: periodEnd(period), outDir, historyDir, log, lines, started };
  // A queue's job for one report holds only that report's own folder: the run that sent it holds the period's.
  const locks = [await effects.lock(options.only ? partDir(historyDir, options.only.key) : outDir)];
  try {
    if (options.only) return await runPart(run, options.only, options, { ...effects, log });
    // One run of a period at a time: its report folder and its history are locked until it ends.
    locks.push(await effects.lock(historyDir));
    log(`run ${schedule.file.display} for ${periodLabel(period)} (as at ${run.asAt})`);
    if (options.fanOut) return await runFannedOut(run, options.fanOut, options, { ...effects, log });
    return await runPeriod(run, options, { ...effects, log });
  } finally {
    for (const l of locks) await l.release();
  }
}

/** The period's reports: ingest → score → render → print → publish, `workers` at once; then its history. */
async function runPeriod(run: PeriodRun, options: RunOptions, effects: Effects): Promise<RunResult> {
  const shared = await readShared(run, options, effects);
  // Each report's files are staged as soon as they exist (memory stays flat over a long run) and take
  // their published names together at the end.
  const staging = await effects.stage(run.outDir);
  const buildOne = async (report: ScheduledReport, printer: RecyclingPrinter): Promise<Done> => {
    const built = await buildReport(report, { run, shared, staging }, printer, effects);
    if (!built.outcome.built) run.log(`FAILED ${built.outcome.key}: ${built.outcome.problems.length} problem${built.outcome.problems.length === 1 ? '' : 's'} — ${built.outcome.problems.map(formatProblem).join('; ')}`);
    return built;
  };
  let done: Done[];
  try {
    done = await inWorkers(shared.reports, buildOne, options, run.schedule, effects);
  } catch (e) {
    await staging.abort();
    throw e;
  }
  return recordRun(run, done, await staging.commit(), effects);
}

/**
 * The batch: `workers` reports at once (Chromium prints one while Node scores, renders and finishes
 * another), each worker with a Chromium of its own — two pages of one Chromium printing at once measured
 * slower than one, two Chromiums faster (docs/PERFORMANCE.md) — relaunched every `recycleEvery` reports
 * (print/pool.ts). A full garbage collection every `collectEvery` reports keeps memory level. Results are
 * kept in the schedule's order.
 */
async function inWorkers<T extends { outcome: ReportOutcome }>(
  reports: readonly ScheduledReport[],
  buildOne: (report: ScheduledReport, printer: RecyclingPrinter) => Promise<T>,
  options: RunOptions,
  schedule: Pick<Schedule, 'workers' | 'browser'>,
  effects: Effects,
): Promise<T[]> {
  const workers = Math.max(1, options.workers ?? schedule.workers ?? availableParallelism());
  const { browser } = schedule;
  const collectEvery = Math.max(0, options.collectEvery ?? COLLECT_EVERY);
  const launch = (): Promise<Printer> => effects.launchPrinter({ pages: PRINT_PAGES, browser, onRelaunch: (reason) => effects.log(`Chromium failed (${reason}): relaunched, printing the report again`) });
  const done: T[] = new Array<T>(reports.length);
  let next = 0;
  let finished = 0;
  const worker = async (): Promise<void> => {
    const printer = recyclingPrinter(launch, { every: options.recycleEvery ?? RECYCLE_EVERY, ahead: PRELAUNCH, left: () => reports.length - next });
    try {
      while (next < reports.length) {
        const i = next++;
        done[i] = await buildOne(reports[i]!, printer);
        finished += 1;
        if (collectEvery > 0 && finished % collectEvery === 0) effects.collectGarbage?.();
        options.onProgress?.(finished, reports.length, done[i]!.outcome);
      }
    } finally {
      await printer.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, reports.length) }, () => worker()));
  return done;
}
