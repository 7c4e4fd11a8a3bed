/**
 * `runSchedule`: one period's monthly highlight reports, from schedule.yaml — read each distinct set of
 * extracts once, score every report (the plan's and each workstream's) as at the period's end against
 * the previous period's saved model, render, print, publish, and keep this period's model in history.
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
import { collecting, DEFAULT_TEMPLATES, keptMonths, ms, openSource, PAGE_NUMBER_FONT, sha256, shownSource, type Tool } from './build.js';
import { folderFor, parseScheduleConfig, sourcesFor, type Schedule, type ScheduledReport } from './config/index.js';
import { insideAny, projectRoots } from './config/paths.js';
import type { Effects } from './effects.js';
import { formatProblem, PapersError, problem, throwIfProblems, type Problem } from './errors.js';
import { readActionPlan, readKpiDefinitions, readKpis, readSnapshot, readTracker } from './ingest/index.js';
import { latestCompletePeriod, periodEnd, periodLabel, previousPeriod, slug, type Action, type HighlightScope, type KpiSet, type Period, type Plan, type Snapshot } from './model/index.js';
import { finalisePdf, headingTexts, pageOfPages, PrintFailure, type Printer, type PrintResult } from './print/index.js';
import { compileHighlight, highlightView, loadTemplates } from './render/index.js';
import { scoreHighlight } from './score/index.js';

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

interface Extracts {
  plan: Plan;
  kpis: KpiSet | undefined;
  actions: Action[] | undefined;
}

/** Read one set of extracts for the period; every problem in them, or the extracts. */
async function readExtracts(schedule: Schedule, report: ScheduledReport, period: Period, cwd: string, allowOutside: boolean, effects: Effects): Promise<{ extracts: Extracts | undefined; problems: Problem[] }> {
  const problems: Problem[] = [];
  const refs = sourcesFor(schedule, report.sources, period, cwd, allowOutside);
  const asAt = periodEnd(period);
  const limits = schedule.limits;
  const note = (s: { file: string; sheet?: string | undefined }, what: string, t0: number): void => effects.log(`read ${shownSource(s)} → ${what} (${ms(t0)})`);
  const tracker = await collecting(problems, async () => {
    const t0 = performance.now();
    const r = await readTracker(await openSource(refs.tracker, 'project tracker', effects), {
      sheet: refs.tracker.sheet,
      columns: refs.tracker.columns,
      colours: refs.tracker.colours,
      asAt,
      limits,
      criteria: schedule.rules.projects.criteria,
      synonyms: schedule.rules.projects.synonyms,
    });
    note(r.plan.source, `${r.plan.workstreams.reduce((a, w) => a + w.projects.length, 0)} projects in ${r.plan.workstreams.length} workstreams`, t0);
    return r;
  });
  const definitions = refs.kpiDefinitions
    ? await collecting(problems, async () => readKpiDefinitions(await openSource(refs.kpiDefinitions!, 'KPI definitions', effects), { sheet: refs.kpiDefinitions!.sheet, columns: refs.kpiDefinitions!.columns, limits }))
    : undefined;
  const kpis = refs.kpis
    ? await collecting(problems, async () => {
        const t0 = performance.now();
        const set = await readKpis(await openSource(refs.kpis!, 'KPI return', effects), { sheet: refs.kpis!.sheet, columns: refs.kpis!.columns, limits, definitions: definitions?.definitions, keep: keptMonths(asAt) });
        note(set.source, `${set.kpis.length} measures`, t0);
        return set;
      })
    : undefined;
  const actions = refs.actions
    ? await collecting(problems, async () =>
        readActionPlan(await openSource(refs.actions!, 'action plan', effects), {
          sheet: refs.actions!.sheet,
          columns: refs.actions!.columns,
          colours: refs.tracker.colours,
          limits,
          synonyms: schedule.rules.projects.synonyms,
          asAt,
          twoDigitYears: schedule.dates.twoDigitYears,
        }),
      )
    : undefined;
  if (problems.length > 0 || !tracker) return { extracts: undefined, problems };
  return { extracts: { plan: tracker.plan, kpis, actions: actions?.actions }, problems };
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

export async function runSchedule(configPath: string, options: RunOptions, effects: Effects): Promise<RunResult> {
  const started = performance.now();
  const lines: string[] = [];
  const log = (line: string): void => {
    lines.push(line);
    effects.log(line);
  };
  const fx: Effects = { ...effects, log };

  const abs = path.resolve(options.cwd, configPath);
  let source: Buffer;
  try {
    source = await effects.readFile(abs);
  } catch {
    throw new PapersError([problem('ConfigNotFound', { path: configPath })]);
  }
  const schedule = parseScheduleConfig(source.toString('utf8'), configPath, { cwd: options.cwd });
  const period = options.period ?? latestCompletePeriod(effects.now());
  const asAt = periodEnd(period);
  const before = previousPeriod(period);
  const historyDir = folderFor(schedule, path.join(schedule.history, '{period}'), period);
  const outDir = options.outDir ? path.resolve(options.cwd, options.outDir) : folderFor(schedule, schedule.out, period);
  // The folders the schedule names are written only inside the project (a folder given with --out is the user's own choice).
  const roots = projectRoots(options, schedule.file.path);
  if (roots) {
    const outside = [
      ...(options.outDir ? [] : [{ role: 'report folder (out)', found: outDir }]),
      { role: 'history folder (history)', found: historyDir },
    ].filter((f) => !insideAny(f.found, roots));
    throwIfProblems(outside.map((f) => problem('PathOutsideProject', { ...f, roots }, { file: schedule.file.display })));
  }
  // One run of a period at a time: its report folder and its history are locked until it ends.
  const locks = [await effects.lock(outDir)];
  try {
    locks.push(await effects.lock(historyDir));
    return await runLocked();
  } finally {
    for (const l of locks) await l.release();
  }

  async function runLocked(): Promise<RunResult> {
    log(`run ${schedule.file.display} for ${periodLabel(period)} (as at ${asAt})`);

    const templates = await loadTemplates(options.templatesDir ?? DEFAULT_TEMPLATES, {
      readText: async (f) => (await effects.readFile(f)).toString('utf8'),
      list: (d) => effects.listDir(d),
    });
    const render = compileHighlight(templates);
    const previous = await readHistory(folderFor(schedule, path.join(schedule.history, '{period}'), before), effects);
    if (!previous) log(`no history for ${periodLabel(before)}: the reports say there is nothing to compare with`);

    // The reports, each with its extracts (read once per distinct set).
    const extractsRead = new Map<string, Promise<{ extracts: Extracts | undefined; problems: Problem[] }>>();
    const extractsFor = (report: ScheduledReport): Promise<{ extracts: Extracts | undefined; problems: Problem[] }> => {
      const key = JSON.stringify(report.sources);
      let read = extractsRead.get(key);
      if (!read) extractsRead.set(key, (read = readExtracts(schedule, report, period, options.cwd, options.allowOutside === true, fx)));
      return read;
    };
    let reports: ScheduledReport[];
    if (schedule.reports === 'all') {
      const shared: ScheduledReport = { workstream: 'plan', sources: schedule.sources };
      const { extracts } = await extractsFor(shared);
      reports = [shared, ...(extracts?.plan.workstreams ?? []).map((w): ScheduledReport => ({ workstream: Number(w.number), sources: schedule.sources }))];
    } else {
      reports = schedule.reports;
    }

    const footerFont = await effects.readFile(PAGE_NUMBER_FONT);
    type Done = { outcome: ReportOutcome; snapshot: Snapshot | undefined };
    // Each report's files are staged as soon as they exist (memory stays flat over a long run) and take
    // their published names together at the end.
    const staging = await effects.stage(outDir);

    /** One report, start to finish; its problems are its outcome, never thrown. */
    const buildOne = async (report: ScheduledReport, printer: () => Promise<Printer>): Promise<Done> => {
      const key = report.workstream === 'plan' ? 'plan' : `workstream-${report.workstream}`;
      const { extracts, problems } = await extractsFor(report);
      const fail = (why: Problem[]): Done => {
        log(`FAILED ${key}: ${why.length} problem${why.length === 1 ? '' : 's'} — ${why.map(formatProblem).join('; ')}`);
        return { outcome: { key, title: key, built: false, files: [], pages: 0, problems: why }, snapshot: undefined };
      };
      if (!extracts) return fail(problems);
      let scope: HighlightScope;
      if (report.workstream === 'plan') scope = { kind: 'plan' };
      else {
        const ws = extracts.plan.workstreams.find((w) => w.number === String(report.workstream));
        if (!ws) {
          const where = { file: extracts.plan.source.file, ...(extracts.plan.source.sheet ? { sheet: extracts.plan.source.sheet } : {}) };
          return fail([problem('WorkstreamNotFound', { found: String(report.workstream), expected: extracts.plan.workstreams.map((w) => w.number).join(', ') }, where)]);
        }
        scope = { kind: 'workstream', number: ws.number, title: ws.title };
      }
      const t0 = performance.now();
      const score = scoreHighlight({ scope, plan: extracts.plan, kpis: extracts.kpis, actions: extracts.actions, previous: previous?.reports[key] }, asAt, schedule.rules);
      const view = highlightView(score, { council: schedule.council, board: schedule.board, plan: schedule.plan, period: periodLabel(period), previousPeriod: periodLabel(before), styleCss: '' });
      const html = render(view);
      const browser = await printer();
      let printed: PrintResult;
      try {
        printed = await browser.print(html);
      } catch (e) {
        if (!(e instanceof PrintFailure)) throw e;
        return fail([problem('PrintFailed', { document: `the ${key} report`, reason: e.reason })]);
      }
      const { bytes, pages } = await finalisePdf(
        printed.pdf,
        {
          title: view.documentTitle,
          author: schedule.council,
          subject: `${schedule.plan}: highlight report for ${periodLabel(period)}, ${view.scopeTitle}`,
          keywords: [`highlight report; ${schedule.plan}; ${period}`],
          date: asAt,
          lang: 'en-GB',
          creator: `${options.tool.name} ${options.tool.version}`,
          producer: `${options.tool.name} ${options.tool.version} (${browser.version}, pdf-lib)`,
          identity: sha256(html),
          headings: headingTexts(html),
        },
        pageOfPages(footerFont, 9),
      );
      const base = `${period}-highlight-${scope.kind === 'plan' ? 'plan' : `workstream-${scope.number}-${slug(scope.title, 40)}`}`;
      await staging.add([
        { name: `${base}.html`, bytes: Buffer.from(html, 'utf8') },
        { name: `${base}.pdf`, bytes },
      ]);
      log(`built ${key} → ${base}.pdf, ${pages} page${pages === 1 ? '' : 's'} (${ms(t0)})`);
      return { outcome: { key, title: view.scopeTitle, built: true, files: [`${base}.html`, `${base}.pdf`], pages, problems: [] }, snapshot: score.scored.snapshot };
    };

    // The batch: `workers` reports at once (Chromium prints one while Node scores, renders and finishes
    // another), each worker with a Chromium of its own: two pages of one Chromium printing at once
    // measured slower than one, two Chromiums faster (docs/PERFORMANCE.md). Each worker relaunches its
    // browser every `recycleEvery` reports, the next one launched a few reports ahead, so a long run does
    // not grow with Chromium's caches and no worker waits for a launch or for another worker. Results are
    // kept in the schedule's order.
    const workers = Math.max(1, options.workers ?? schedule.workers ?? availableParallelism());
    const done: Done[] = new Array<Done>(reports.length);
    let finished = 0;
    let next = 0;
    const launch = (): Promise<Printer> => {
      const launching = effects.launchPrinter({ pages: PRINT_PAGES, onRelaunch: (reason) => log(`Chromium failed (${reason}): relaunched, printing the report again`) });
      launching.catch(() => undefined);
      return launching;
    };
    const recycleEvery = Math.max(1, options.recycleEvery ?? RECYCLE_EVERY);
    const collectEvery = Math.max(0, options.collectEvery ?? COLLECT_EVERY);
    const prelaunch = Math.min(PRELAUNCH, recycleEvery - 1);
    const closing: Promise<void>[] = [];
    const closePrinter = async (p: Promise<Printer> | undefined): Promise<void> => {
      await (await p?.catch(() => undefined))?.close().catch(() => undefined);
    };
    const worker = async (): Promise<void> => {
      let current: Promise<Printer> | undefined;
      let upcoming: Promise<Printer> | undefined;
      let count = 0;
      /** This worker's browser for its next report. */
      const printer = (): Promise<Printer> => {
        if (count === recycleEvery - prelaunch && reports.length - next > prelaunch) upcoming ??= launch();
        if (count === recycleEvery) {
          closing.push(closePrinter(current));
          current = upcoming;
          upcoming = undefined;
          count = 0;
        }
        count += 1;
        return (current ??= launch());
      };
      try {
        while (next < reports.length) {
          const i = next++;
          done[i] = await buildOne(reports[i]!, printer);
          finished += 1;
          if (collectEvery > 0 && finished % collectEvery === 0) effects.collectGarbage?.();
          options.onProgress?.(finished, reports.length, done[i]!.outcome);
        }
      } finally {
        for (const p of [current, upcoming]) closing.push(closePrinter(p));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(workers, reports.length) }, () => worker()));
    } catch (e) {
      await staging.abort();
      throw e;
    } finally {
      await Promise.all(closing);
    }
    const outcomes = done.map((d) => d.outcome);
    const snapshots: Record<string, Snapshot> = {};
    for (const d of done) if (d.snapshot) snapshots[d.outcome.key] = d.snapshot;

    const written = await staging.commit();
    const history: History = { format: 'committee-papers/history@1', period, asAt, reports: snapshots };
    const failed = outcomes.filter((o) => !o.built).length;
    log(`${outcomes.length - failed} of ${outcomes.length} reports built${failed ? `, ${failed} failed` : ''} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const stamp = effects.now().toISOString().replace(/[:.]/g, '-');
    const logName = `run-${stamp}.log`;
    const historyFiles = [{ name: logName, bytes: Buffer.from(`${lines.join('\n')}\n`, 'utf8') }];
    if (written.length > 0) historyFiles.push({ name: 'model.json', bytes: Buffer.from(`${JSON.stringify(history, null, 2)}\n`, 'utf8') });
    await effects.publish(historyDir, historyFiles);
    return { period, asAt, reports: outcomes, written, log: path.join(historyDir, logName), seconds: (performance.now() - started) / 1000 };
  }
}

