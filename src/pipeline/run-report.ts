/**
 * One highlight report of a period's run, and what every report of the run shares: the run's options and
 * records, the templates, the previous period's history, each distinct set of extracts (read once) and
 * the reports the schedule asks for. Used by `papers run` (run.ts) and by a queue's jobs (run-parts.ts).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { folderFor, sourcesFor, type Schedule, type ScheduledReport } from '../config/index.js';
import { problem, type Problem } from '../errors.js';
import { readSnapshot, readSources, SharedReads, type SourcesRead } from '../ingest/index.js';
import { periodLabel, previousPeriod, slug, type HighlightScope, type Period, type Snapshot, type Tool } from '../model/index.js';
import { finishDocument, PAGE_NUMBER_FONT, PrintFailure, type Footer, type Printer, type RecyclingPrinter } from '../print/index.js';
import { withCode, type Staging } from '../publish/index.js';
import { compileHighlight, highlightView } from '../render/index.js';
import { scoreHighlight } from '../score/index.js';
import type { Effects } from './effects.js';
import { readTemplates } from './meeting.js';
import { cached, filesNamed, type RunCache } from './run-cache.js';

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
  /** Build this one report only, into its own folder, for the run that sent it to a queue (run-parts.ts). */
  only?: PartRequest | undefined;
  /** Send the reports to a queue's workers instead of building them here (run-parts.ts). */
  fanOut?: FanOut | undefined;
  /** Kept by a long-lived worker from one run to the next (run-cache.ts). */
  cache?: RunCache | undefined;
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

/** One report for a queue's worker to build into its own folder, for the run that sent it (run-parts.ts). */
export interface PartRequest {
  /** `plan`, `workstream-3`. */
  key: string;
  /** A hash of everything the report is made from: the queue job's id, and how a part already built is known. */
  id: string;
}

/** A report sent to a queue: enough for a worker on any machine that sees the same files to build it. */
export interface ReportJob extends PartRequest {
  config: string;
  cwd: string;
  period: Period;
  outDir?: string | undefined;
  allowOutside?: boolean | undefined;
  templatesDir?: string | undefined;
}

/**
 * Sends reports to a queue's workers and waits for them: resolves with, for each key, undefined when its
 * job ended well (its part folder written), else why the job failed (after its retries). `onEnd` is told
 * as each ends.
 */
export type FanOut = (jobs: readonly ReportJob[], onEnd: (key: string, failure: string | undefined) => void) => Promise<Map<string, string | undefined>>;

/** What a period's run keeps for the next: each report's snapshot. */
export interface History {
  format: 'committee-papers/history@1';
  period: Period;
  asAt: string;
  reports: Record<string, Snapshot>;
}

/** One period of one schedule: where its reports and history go, and its log. */
export interface PeriodRun {
  schedule: Schedule;
  period: Period;
  asAt: string;
  outDir: string;
  historyDir: string;
  log: (line: string) => void;
  lines: string[];
  started: number;
}

/** A report built (or not, its problems saying why) and the snapshot the next period compares with. */
export interface Done {
  outcome: ReportOutcome;
  snapshot: Snapshot | undefined;
}

export type Extracts = (report: ScheduledReport) => Promise<SourcesRead>;

/** What every report of a run shares, read once. */
export interface Shared {
  render: (view: object) => string;
  previous: History | undefined;
  extracts: Extracts;
  reports: ScheduledReport[];
  footer: Footer;
  tool: Tool;
}

/** `plan`, `workstream-3`: a report's name in the history, the log and a queue's jobs. */
export const reportKey = (report: ScheduledReport): string => (report.workstream === 'plan' ? 'plan' : `workstream-${report.workstream}`);

/** The previous period's model, which each report compares with. */
export const previousModel = (run: PeriodRun): string => path.join(folderFor(run.schedule, path.join(run.schedule.history, '{period}'), previousPeriod(run.period)), 'model.json');

/** The reports, their extracts and the previous history: what the run needs, whether it builds the reports or sends them to a queue. */
export async function readReports(run: PeriodRun, options: RunOptions, effects: Effects): Promise<Omit<Shared, 'render' | 'footer'>> {
  const file = previousModel(run);
  const previous = await cached(options.cache, 'history', [file], effects, () => readHistory(file, effects));
  if (!previous) run.log(`no history for ${periodLabel(previousPeriod(run.period))}: the reports say there is nothing to compare with`);
  const extracts = extractsReader(run, options, effects);
  return { previous, extracts, reports: await reportsOf(run.schedule, extracts), tool: withCode(options.tool) };
}

/** That, and the templates and page-number font the reports are made with: what every report of the run shares. */
export async function readShared(run: PeriodRun, options: RunOptions, effects: Effects): Promise<Shared> {
  const render = await cached(options.cache, `templates ${options.templatesDir ?? ''}`, [], effects, async () => compileHighlight(await readTemplates(effects, options.templatesDir)));
  const footer: Footer = { font: await cached(options.cache, 'font', [PAGE_NUMBER_FONT], effects, () => effects.readFile(PAGE_NUMBER_FONT)), size: 9 };
  return { ...(await readReports(run, options, effects)), render, footer };
}

/** Each report's extracts, read once per distinct set (most reports share the schedule's), and once per worker while unchanged. */
function extractsReader(run: PeriodRun, options: RunOptions, effects: Effects): Extracts {
  const { schedule, period, asAt } = run;
  const read = new Map<string, Promise<SourcesRead>>();
  const shared = new SharedReads();
  const context = { asAt, limits: schedule.limits, twoDigitYears: schedule.dates.twoDigitYears, rules: schedule.rules };
  return (report) => {
    const refs = sourcesFor(schedule, report.sources, period, options.cwd, options.allowOutside === true);
    const key = JSON.stringify(refs);
    let got = read.get(key);
    if (!got) read.set(key, (got = cached(options.cache, `extracts ${key} ${JSON.stringify(context)}`, filesNamed(refs), effects, () => readSources(refs, context, shared, effects))));
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

/** One report, start to finish; its problems are its outcome, never thrown. */
export async function buildReport(report: ScheduledReport, ctx: { run: PeriodRun; shared: Shared; staging: Staging }, printers: Pick<RecyclingPrinter, 'next'>, effects: Effects): Promise<Done> {
  const { run, shared } = ctx;
  const extracts = await shared.extracts(report);
  const key = reportKey(report);
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
  const score = scoreHighlight({ scope, plan, kpis: extracts.sources.kpis, actions: extracts.sources.actions?.actions, previous: shared.previous?.reports[key] }, run.asAt, schedule.rules);
  const view = highlightView(score, { council: schedule.council, board: schedule.board, plan: schedule.plan, period: periodLabel(period), previousPeriod: periodLabel(previousPeriod(period)), styleCss: '' });
  const html = shared.render(view);
  const printer: Printer = await printers.next();
  let pdf: Uint8Array;
  try {
    pdf = (await printer.print(html)).pdf;
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    return fail([problem('PrintFailed', { document: `the ${key} report`, reason: e.reason })]);
  }
  const facts = { title: view.documentTitle, author: schedule.council, subject: `${schedule.plan}: highlight report for ${periodLabel(period)}, ${view.scopeTitle}`, keywords: [`highlight report; ${schedule.plan}; ${period}`], date: run.asAt, tool: shared.tool, browser: printer.version };
  const { bytes, pages } = await finishDocument(pdf, html, facts, shared.footer);
  const base = `${period}-highlight-${scope.kind === 'plan' ? 'plan' : `workstream-${scope.number}-${slug(scope.title, 40)}`}`;
  await ctx.staging.add([
    { name: `${base}.html`, bytes: Buffer.from(html, 'utf8') },
    { name: `${base}.pdf`, bytes },
  ]);
  effects.log(`built ${key} → ${base}.pdf, ${pages} page${pages === 1 ? '' : 's'} (${Math.round(performance.now() - t0)} ms)`);
  return { outcome: { key, title: view.scopeTitle, built: true, files: [`${base}.html`, `${base}.pdf`], pages, problems: [] }, snapshot: score.scored.snapshot };
}

/** The end of every run: its tally in the log, then its history (the reports' snapshots) and its log, published. */
export async function recordRun(run: PeriodRun, done: readonly Done[], written: string[], effects: Effects): Promise<RunResult> {
  const { period, asAt } = run;
  const outcomes = done.map((d) => d.outcome);
  const failed = outcomes.filter((o) => !o.built).length;
  run.log(`${outcomes.length - failed} of ${outcomes.length} reports built${failed ? `, ${failed} failed` : ''} (${((performance.now() - run.started) / 1000).toFixed(1)} s)`);
  const logName = `run-${effects.now().toISOString().replace(/[:.]/g, '-')}.log`;
  const history: History = { format: 'committee-papers/history@1', period, asAt, reports: Object.fromEntries(done.flatMap((d) => (d.snapshot ? [[d.outcome.key, d.snapshot]] : []))) };
  const historyFiles = [{ name: logName, bytes: Buffer.from(`${run.lines.join('\n')}\n`, 'utf8') }];
  if (written.length > 0) historyFiles.push({ name: 'model.json', bytes: Buffer.from(`${JSON.stringify(history, null, 2)}\n`, 'utf8') });
  await effects.publish(run.historyDir, historyFiles);
  return { period, asAt, reports: outcomes, written, log: path.join(run.historyDir, logName), seconds: (performance.now() - run.started) / 1000 };
}

async function readHistory(file: string, effects: Effects): Promise<History | undefined> {
  let bytes: Buffer;
  try {
    bytes = await effects.readFile(file);
  } catch {
    return undefined;
  }
  const h = JSON.parse(bytes.toString('utf8')) as History;
  if (h.format !== 'committee-papers/history@1') return undefined;
  for (const [key, s] of Object.entries(h.reports)) h.reports[key] = readSnapshot(Buffer.from(JSON.stringify(s)), `${file} › ${key}`);
  return h;
}
