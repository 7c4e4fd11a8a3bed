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
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { folderFor, sourcesFor, type Schedule, type ScheduledReport } from '../config/index.js';
import { insideAny, projectRoots } from '../config/paths.js';
import { formatProblem, PapersError, problem, throwIfProblems, type Problem } from '../errors.js';
import { readSnapshot, readSources, SharedReads, type SourcesRead } from '../ingest/index.js';
import { latestCompletePeriod, periodEnd, periodLabel, previousPeriod, slug, type HighlightScope, type Period, type Snapshot, type Tool } from '../model/index.js';
import { finishDocument, PAGE_NUMBER_FONT, PrintFailure, recyclingPrinter, type Footer, type Printer, type RecyclingPrinter } from '../print/index.js';
import { withCode, type Staging } from '../publish/index.js';
import { compileHighlight, highlightView } from '../render/index.js';
import { scoreHighlight } from '../score/index.js';
import type { Effects } from './effects.js';
import { readTemplates } from './meeting.js';
import { readSchedule } from './schedule.js';

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

export interface RunOptions {
  cwd: string;
  tool: Tool;
  /** `2026-11`; default the latest complete month as at effects.now() in Europe/London. */
  period?: Period | undefined;
  /** Output folder instead of the schedule's `out`. */
  outDir?: string | undefined;
  /** Let the schedule name extracts and folders outside the working directory and its own folder. */
  allowOutside?: boolean | undefined;
  /** Reports built at once; default the schedule's `workers`, else one per core. */
  workers?: number | undefined;
  /** Reports each worker's browser prints before it is relaunched; default RECYCLE_EVERY. */
  recycleEvery?: number | undefined;
  /** Reports between full garbage collections (memory level over a long batch); 0 for none. Default COLLECT_EVERY. */
  collectEvery?: number | undefined;
  /** Told after each report, built or failed (the CLI's progress bar). */
  onProgress?: ((done: number, total: number, outcome: ReportOutcome) => void) | undefined;
  templatesDir?: string | undefined;
}

export interface ReportOutcome {
  /** `plan`, `workstream-3`. */
  key: string;
  title: string;
  built: boolean;
  files: string[];
  pages: number;
  /** Why it was not built (every problem in its extracts). */
  problems: Problem[];
}

export interface RunResult {
  period: Period;
  asAt: string;
  reports: ReportOutcome[];
  written: string[];
  log: string;
  seconds: number;
}

/** What a period's run keeps for the next: each report's snapshot. */
interface History {
  format: 'committee-papers/history@1';
  period: Period;
  asAt: string;
  reports: Record<string, Snapshot>;
}

/** One period of one schedule: where its reports and history go, and its log. */
interface PeriodRun {
  schedule: Schedule;
  period: Period;
  asAt: string;
  outDir: string;
  historyDir: string;
  log: (line: string) => void;
  lines: string[];
  started: number;
}

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
  // One run of a period at a time: its report folder and its history are locked until it ends.
  const locks = [await effects.lock(outDir)];
  try {
    locks.push(await effects.lock(historyDir));
    return await runPeriod({ schedule, period, asAt: periodEnd(period), outDir, historyDir, log, lines, started }, options, { ...effects, log });
  } finally {
    for (const l of locks) await l.release();
  }
}

/** The period's reports: ingest → score → render → print → publish, `workers` at once; then its history. */
async function runPeriod(run: PeriodRun, options: RunOptions, effects: Effects): Promise<RunResult> {
  const { schedule, period, asAt, log } = run;
  const before = previousPeriod(period);
  log(`run ${schedule.file.display} for ${periodLabel(period)} (as at ${asAt})`);
  const render = compileHighlight(await readTemplates(effects, options.templatesDir));
  const previous = await readHistory(folderFor(schedule, path.join(schedule.history, '{period}'), before), effects);
  if (!previous) log(`no history for ${periodLabel(before)}: the reports say there is nothing to compare with`);
  const extracts = extractsReader(run, options, effects);
  const reports = await reportsOf(schedule, extracts);
  const footer: Footer = { font: await effects.readFile(PAGE_NUMBER_FONT), size: 9 };
  const tool = withCode(options.tool);
  // Each report's files are staged as soon as they exist (memory stays flat over a long run) and take
  // their published names together at the end.
  const staging = await effects.stage(run.outDir);
  const buildOne = async (report: ScheduledReport, printer: RecyclingPrinter): Promise<Done> => {
    const built = await buildReport(report, { run, extracts: await extracts(report), previous, render, footer, tool, staging }, printer, effects);
    if (!built.outcome.built) log(`FAILED ${built.outcome.key}: ${built.outcome.problems.length} problem${built.outcome.problems.length === 1 ? '' : 's'} — ${built.outcome.problems.map(formatProblem).join('; ')}`);
    return built;
  };
  let done: Done[];
  try {
    done = await inWorkers(reports, buildOne, options, schedule, effects);
  } catch (e) {
    await staging.abort();
    throw e;
  }
  const outcomes = done.map((d) => d.outcome);
  const written = await staging.commit();
  const failed = outcomes.filter((o) => !o.built).length;
  log(`${outcomes.length - failed} of ${outcomes.length} reports built${failed ? `, ${failed} failed` : ''} (${((performance.now() - run.started) / 1000).toFixed(1)} s)`);
  const logName = `run-${effects.now().toISOString().replace(/[:.]/g, '-')}.log`;
  const history: History = { format: 'committee-papers/history@1', period, asAt, reports: Object.fromEntries(done.flatMap((d) => (d.snapshot ? [[d.outcome.key, d.snapshot]] : []))) };
  const historyFiles = [{ name: logName, bytes: Buffer.from(`${run.lines.join('\n')}\n`, 'utf8') }];
  if (written.length > 0) historyFiles.push({ name: 'model.json', bytes: Buffer.from(`${JSON.stringify(history, null, 2)}\n`, 'utf8') });
  await effects.publish(run.historyDir, historyFiles);
  return { period, asAt, reports: outcomes, written, log: path.join(run.historyDir, logName), seconds: (performance.now() - run.started) / 1000 };
}

type Extracts = (report: ScheduledReport) => Promise<SourcesRead>;

/** Each report's extracts, read once per distinct set (most reports share the schedule's). */
function extractsReader(run: PeriodRun, options: RunOptions, effects: Effects): Extracts {
  const { schedule, period, asAt } = run;
  const read = new Map<string, Promise<SourcesRead>>();
  const shared = new SharedReads();
  const context = { asAt, limits: schedule.limits, twoDigitYears: schedule.dates.twoDigitYears, rules: schedule.rules };
  return (report) => {
    const key = JSON.stringify(report.sources);
    let got = read.get(key);
    if (!got) read.set(key, (got = readSources(sourcesFor(schedule, report.sources, period, options.cwd, options.allowOutside === true), context, shared, effects)));
    return got;
  };
}

/** The reports the schedule asks for; `all`: the plan's, then one per workstream its tracker has. */
async function reportsOf(schedule: Schedule, extracts: Extracts): Promise<ScheduledReport[]> {
  if (schedule.reports !== 'all') return schedule.reports;
  const plan: ScheduledReport = { workstream: 'plan', sources: schedule.sources };
  const { sources } = await extracts(plan);
  return [plan, ...(sources.plan?.workstreams ?? []).map((w): ScheduledReport => ({ workstream: Number(w.number), sources: schedule.sources }))];
}

interface Done {
  outcome: ReportOutcome;
  snapshot: Snapshot | undefined;
}

/** One report, start to finish; its problems are its outcome, never thrown. */
async function buildReport(
  report: ScheduledReport,
  ctx: { run: PeriodRun; extracts: SourcesRead; previous: History | undefined; render: (view: object) => string; footer: Footer; tool: Tool; staging: Staging },
  printers: RecyclingPrinter,
  effects: Effects,
): Promise<Done> {
  const { run, extracts } = ctx;
  const key = report.workstream === 'plan' ? 'plan' : `workstream-${report.workstream}`;
  const fail = (why: Problem[]): Done => ({ outcome: { key, title: key, built: false, files: [], pages: 0, problems: why }, snapshot: undefined });
  const plan = extracts.sources.plan;
  if (extracts.problems.length > 0 || !plan) return fail(extracts.problems);
  let scope: HighlightScope = { kind: 'plan' };
  if (report.workstream !== 'plan') {
    const ws = plan.workstreams.find((w) => w.number === String(report.workstream));
    if (!ws) return fail([problem('WorkstreamNotFound', { found: String(report.workstream), expected: plan.workstreams.map((w) => w.number).join(', ') }, { file: plan.source.file, ...(plan.source.sheet ? { sheet: plan.source.sheet } : {}) })]);
    scope = { kind: 'workstream', number: ws.number, title: ws.title };
  }
  const t0 = performance.now();
  const { schedule, period } = run;
  const score = scoreHighlight({ scope, plan, kpis: extracts.sources.kpis, actions: extracts.sources.actions?.actions, previous: ctx.previous?.reports[key] }, run.asAt, schedule.rules);
  const view = highlightView(score, { council: schedule.council, board: schedule.board, plan: schedule.plan, period: periodLabel(period), previousPeriod: periodLabel(previousPeriod(period)), styleCss: '' });
  const html = ctx.render(view);
  const printer: Printer = await printers.next();
  let pdf: Uint8Array;
  try {
    pdf = (await printer.print(html)).pdf;
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    return fail([problem('PrintFailed', { document: `the ${key} report`, reason: e.reason })]);
  }
  const facts = { title: view.documentTitle, author: schedule.council, subject: `${schedule.plan}: highlight report for ${periodLabel(period)}, ${view.scopeTitle}`, keywords: [`highlight report; ${schedule.plan}; ${period}`], date: run.asAt, tool: ctx.tool, browser: printer.version };
  const { bytes, pages } = await finishDocument(pdf, html, facts, ctx.footer);
  const base = `${period}-highlight-${scope.kind === 'plan' ? 'plan' : `workstream-${scope.number}-${slug(scope.title, 40)}`}`;
  await ctx.staging.add([
    { name: `${base}.html`, bytes: Buffer.from(html, 'utf8') },
    { name: `${base}.pdf`, bytes },
  ]);
  effects.log(`built ${key} → ${base}.pdf, ${pages} page${pages === 1 ? '' : 's'} (${Math.round(performance.now() - t0)} ms)`);
  return { outcome: { key, title: view.scopeTitle, built: true, files: [`${base}.html`, `${base}.pdf`], pages, problems: [] }, snapshot: score.scored.snapshot };
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

async function readHistory(dir: string, effects: Effects): Promise<History | undefined> {
  let bytes: Buffer;
  try {
    bytes = await effects.readFile(path.join(dir, 'model.json'));
  } catch {
    return undefined;
  }
  const h = JSON.parse(bytes.toString('utf8')) as History;
  if (h.format !== 'committee-papers/history@1') return undefined;
  for (const [key, s] of Object.entries(h.reports)) h.reports[key] = readSnapshot(Buffer.from(JSON.stringify(s)), `${path.join(dir, 'model.json')} › ${key}`);
  return h;
}
