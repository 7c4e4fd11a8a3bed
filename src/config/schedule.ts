/**
 * schedule.yaml → a typed, validated `Schedule`: which monthly highlight reports to build, and from which
 * extracts. Paths may contain `{period}` (`{year}`, `{month}`): they stay templates here and are resolved
 * for one period by `sourcesFor`, relative to the schedule file.
 *
 * Policy as for meeting.yaml: one zod schema, unknown keys are errors, every problem at once with its line.
 */
import path from 'node:path';
import { projectRoots } from './paths.js';
import { z } from 'zod';
import { pathForPeriod, type Period } from '../model/index.js';
import type { Rules, StatusColours, TableRef, TrackerRef } from '../model/index.js';
import { datesSchema, limitsSchema, parseYamlConfig, tableSource, text, trackerSource, type ConfigOptions } from './meeting.js';
import { resolveRules, scoringSchema } from './rules.js';

const sourcesSchema = z
  .object({
    tracker: trackerSource, // the project tracker, e.g. { file: extracts/{period}/tracker.xlsx, sheet: SIP Summary }
    kpiDefinitions: tableSource(['id', 'name', 'unit', 'polarity', 'target', 'tolerance', 'workstream'], 'kpi-definitions.csv').optional(),
    kpis: tableSource(['id', 'name', 'unit', 'polarity', 'target', 'period', 'value', 'numerator', 'denominator', 'commentary'], 'extracts/{period}/kpis.csv').optional(),
    actions: tableSource(['recommendation', 'no', 'summary', 'action', 'deadline', 'responsible', 'successMeasure', 'progress', 'status', 'completed'], 'action-plan.xlsx').optional(),
  })
  .strict();

const workstreamNumber = z.number({ error: 'a workstream number such as 3, or plan' }).int().positive();
const reportSchema = z.union(
  [
    z.literal('plan'),
    workstreamNumber,
    z
      .object({
        workstream: z.union([z.literal('plan'), workstreamNumber]),
        sources: sourcesSchema.partial().optional(), // this report's own extracts, over the shared ones
      })
      .strict(),
  ],
  { error: 'plan, a workstream number, or { workstream: 3, sources: … }' },
);

const scheduleSchema = z
  .object({
    council: text,
    plan: text, // the plan's name: "Children's Services Improvement Plan"
    board: text, // who the reports go to: "Improvement Board"
    sources: sourcesSchema, // the extracts every report reads (unless it names its own)
    reports: z.array(reportSchema, { error: 'a list of reports' }).min(1, { error: 'at least one report' }).optional(), // default: the plan and every workstream in the tracker
    out: text.default('output/highlight/{period}'), // where a period's reports are published
    history: text.default('history'), // where each period's scored model is kept (history/<period>/model.json)
    workers: z.number().int().min(1).max(16).optional(), // default: one per core
    browser: text.optional(), // the browser that prints (path); default PAPERS_CHROMIUM, else the usual places (print/browser.ts)
    scoring: scoringSchema.optional(),
    limits: limitsSchema,
    dates: datesSchema,
  })
  .strict();

type RawSources = z.infer<typeof sourcesSchema>;

/** The extracts a report reads, paths still templates (`{period}`), relative to the schedule. */
export type SourceTemplates = RawSources;

/** One report the schedule asks for: the plan's, or one workstream's. */
export interface ScheduledReport {
  workstream: 'plan' | number;
  sources: SourceTemplates;
}

export interface Schedule {
  /** The schedule file, absolute and as shown. */
  file: { path: string; display: string };
  council: string;
  plan: string;
  board: string;
  /** `all`: the plan and every workstream the tracker has, found when it is read. */
  reports: 'all' | ScheduledReport[];
  sources: SourceTemplates;
  out: string;
  history: string;
  workers: number | undefined;
  /** The browser the schedule names (`browser:`), resolved; else PAPERS_CHROMIUM or the usual places. */
  browser: string | undefined;
  rules: Rules;
  limits: { maxBytes: number; maxRows: number; maxInflatedBytes: number };
  dates: { twoDigitYears?: number | undefined };
}

/** Parse and validate the text of a schedule.yaml. Pure: the caller reads the file. */
export function parseScheduleConfig(source: string, configPath: string, options: ConfigOptions): Schedule {
  const { data, abs, display } = parseYamlConfig(source, configPath, options, scheduleSchema);
  const reports =
    data.reports === undefined
      ? 'all'
      : data.reports.map((r): ScheduledReport => {
          if (typeof r === 'object') return { workstream: r.workstream, sources: { ...data.sources, ...r.sources } };
          return { workstream: r, sources: data.sources };
        });
  return {
    file: { path: abs, display },
    council: data.council,
    plan: data.plan,
    board: data.board,
    reports,
    sources: data.sources,
    out: data.out,
    history: data.history,
    workers: data.workers,
    browser: data.browser !== undefined ? path.resolve(path.dirname(abs), data.browser) : undefined,
    rules: resolveRules(data.scoring),
    limits: data.limits,
    dates: data.dates,
  };
}

/** A report's extracts for one period: `{period}` filled in, paths resolved beside the schedule. */
export function sourcesFor(
  schedule: Schedule,
  sources: SourceTemplates,
  period: Period,
  cwd: string,
  allowOutside = false,
): { tracker: TrackerRef; kpiDefinitions: TableRef | undefined; kpis: TableRef | undefined; actions: (TableRef & { colours: StatusColours | undefined }) | undefined } {
  const base = path.dirname(schedule.file.path);
  const table = (t: { file: string; sheet?: string | undefined; columns?: Record<string, string[] | undefined> | undefined } | undefined): TableRef | undefined => {
    if (!t) return undefined;
    const resolved = path.resolve(base, pathForPeriod(t.file, period));
    const columns = t.columns ? Object.fromEntries(Object.entries(t.columns).filter((e): e is [string, string[]] => e[1] !== undefined)) : undefined;
    return { path: resolved, display: path.relative(cwd, resolved) || resolved, within: projectRoots({ cwd, allowOutside }, schedule.file.path), namedIn: schedule.file.display, sheet: t.sheet, columns };
  };
  const colours = sources.tracker.colours; // the action plan's status fills read as the tracker's
  const actions = table(sources.actions);
  return { tracker: { ...table(sources.tracker)!, colours, sheets: sources.tracker.sheets }, kpiDefinitions: table(sources.kpiDefinitions), kpis: table(sources.kpis), actions: actions && { ...actions, colours } };
}

/** A folder the schedule names (`out`, `history`) for one period, resolved beside the schedule. */
export function folderFor(schedule: Schedule, template: string, period: Period): string {
  return path.resolve(path.dirname(schedule.file.path), pathForPeriod(template, period));
}
