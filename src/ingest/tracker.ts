/**
 * The project tracker (.xlsx sheets or .csv) → `Plan` (workstreams holding projects).
 *
 * Policy
 * - The header row is found (see header.ts); columns match their aliases, which the config may extend.
 * - A tracker with a REF column is read a project a row, under workstream heading rows (tracker-rows.ts);
 *   one without, or whose state column holds milestones ("Milestone (RAG) - 21/01/20"), as a plan on a page
 *   (tracker-page.ts): a project merged down over its milestones, the states the cells' fills.
 * - `sheets: all` (or a list) reads several sheets, each a workstream named by its title row or its tab
 *   (a heading row on the sheet names it instead); a sheet with no tracker header is skipped with a warning.
 *   REFs are unique across every sheet read.
 * - Milestone dates take their year from the extract's own date (a footer, or a dated header), else the
 *   report's.
 * - Errors (every one collected, then thrown together): a required column missing, an unknown RAG, a bad or
 *   duplicate REF, a missing project title, no projects at all. Warnings: a project with no rating.
 */
import { problem, PapersError, type Problem } from '../errors.js';
import { DEFAULT_COLOURS, PLAN_ON_A_PAGE, parseStatus, type ColourTable, type Plan, type Status, type Workstream } from '../model/index.js';
import { withAliases, type ColumnAliases } from './columns.js';
import type { Limits } from './limits.js';
import { workbookSheets } from './rows.js';
import { isWorkbookName, openTable, tableSource, type AuditSink, type OpenTable } from './table.js';
import { sha256Of, type SourceHandle } from './text.js';
import { DESCRIBE, holdsMilestones, TRACKER_COLUMNS, type TrackerColumn, type TrackerField } from './tracker-columns.js';
import { legendOf } from './plan-page.js';
import { readPageSheet } from './tracker-page.js';
import type { DatingContext } from './tracked-project.js';
import { readRefSheet, type SheetRead } from './tracker-rows.js';

export { TRACKER_COLUMNS, type TrackerField } from './tracker-columns.js';

export interface TrackerRead {
  plan: Plan;
  warnings: Problem[];
}

export interface TrackerOptions {
  sheet?: string | undefined;
  /** Several sheets: every one (`all`) or those named, each a workstream. */
  sheets?: 'all' | readonly string[] | undefined;
  /** RAG criteria read from their own Y/N columns, when the tracker has them (rules.projects.criteria). */
  criteria?: readonly { name: string; aliases: readonly string[] }[] | undefined;
  /** Extra rating words (plan-on-a-page labels), lower case → status. */
  synonyms?: Readonly<Record<string, Status>> | undefined;
  columns?: ColumnAliases<TrackerField> | undefined;
  colours?: ColourTable | undefined;
  /** The report's as-at date, for milestone years when the tracker has no date of its own. */
  asAt: string;
  limits?: Limits | undefined;
  /** Where the column audit goes (one per sheet read). */
  audit?: AuditSink | undefined;
}

type Spec = Record<TrackerColumn, { aliases: readonly string[]; required: boolean }>;

/** The tracker's columns: the known ones with the config's aliases, and a Y/N column per RAG criterion. */
function trackerColumns(extra: TrackerOptions['columns'], criteria: NonNullable<TrackerOptions['criteria']>): Spec {
  const spec: Spec = { ...withAliases(TRACKER_COLUMNS, extra) };
  criteria.forEach((c, i) => (spec[`criterion ${i}`] = { aliases: c.aliases.length > 0 ? c.aliases : [c.name], required: false }));
  return spec;
}

/** The RAG criteria columns the tracker has: all or none (a tracker with some is told which are missing). */
function criterionColumns(criteria: NonNullable<TrackerOptions['criteria']>, table: OpenTable<TrackerColumn>): { name: string; col: number }[] {
  const { layout } = table;
  const cols = criteria.map((c, i) => ({ name: c.name, col: layout.columns[`criterion ${i}`] }));
  const present = cols.filter((c): c is { name: string; col: number } => c.col !== undefined);
  if (present.length > 0 && present.length < criteria.length) {
    const missing = criteria.filter((_, i) => cols[i]!.col === undefined);
    throw new PapersError(missing.map((c) => problem('ColumnMissing', { column: `${c.name} (a RAG criterion)`, aliases: [...(c.aliases.length > 0 ? c.aliases : [c.name])], found: layout.found }, table.at(layout.span))));
  }
  return present;
}

/**
 * A sheet read as a plan on a page: its RAG column holds milestones, named so ("Milestone (RAG) - 21/01/20"),
 * or, with no REF column, written in its cells where a RAG column holds ratings: more of its first cells
 * with words hold words that are no rating than ratings. A plain RAG column with no REF column ("Project | Lead | RAG") is read
 * as a tracker, its words ratings (one that is not is an error, never a milestone).
 */
function isPlanOnAPage(table: OpenTable<TrackerColumn>, synonyms: TrackerOptions['synonyms']): boolean {
  const { columns, headers } = table.layout;
  if (holdsMilestones(headers.rating)) return true;
  if (columns.ref !== undefined) return false;
  const texts = table.firstRows.map((r) => r.text(columns.rating!)).filter((t) => t !== '');
  const ratings = texts.filter((t) => parseStatus(t, synonyms) !== undefined).length;
  return texts.length - ratings > ratings; // a legend's labels or a repeated header among milestones do not turn it

}

/** The title of a sheet: the nearest text above its header that is not a legend or a lead ("Lead: …"). */
function titleAbove(table: OpenTable<TrackerColumn>, synonyms: TrackerOptions['synonyms']): string {
  for (const row of [...table.above].reverse()) {
    const first = row.texts()[0];
    if (first === undefined || /^(?:lead|owner|sponsor|responsible)\b/i.test(first) || legendOf(row, synonyms)) continue;
    return first;
  }
  return '';
}

/** Which sheets to read: the one named (or the first), or several. */
async function sheetsToRead(handle: SourceHandle, options: TrackerOptions): Promise<(string | undefined)[]> {
  if (options.sheets === undefined || !isWorkbookName(handle.display)) return [options.sheet];
  if (options.sheets !== 'all') return [...options.sheets];
  return workbookSheets({ handle, ...(options.limits ? { limits: options.limits } : {}) });
}

export async function readTracker(handle: SourceHandle, options: TrackerOptions): Promise<TrackerRead> {
  const criteria = options.criteria ?? [];
  const synonyms = options.synonyms ?? PLAN_ON_A_PAGE; // the legend labels plans on a page use, unless told others
  const spec = trackerColumns(options.columns, criteria);
  const describe = (f: TrackerColumn): string => (f.startsWith('criterion ') ? criteria[Number(f.slice(10))]!.name : DESCRIBE[f as TrackerField]);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const seen = new Map<string, string>(); // REF → where it was first seen, across sheets
  const dating: DatingContext = { asAt: options.asAt, cache: new Map() };
  const several = options.sheets !== undefined && isWorkbookName(handle.display);
  const workstreams: Workstream[] = [];
  const dates: string[] = [];
  const names: string[] = [];
  let title = '';
  let refsMade = false;
  let projects = 0;
  const tables: OpenTable<TrackerColumn>[] = [];
  const pages = new Set<OpenTable<TrackerColumn>>();

  for (const sheet of await sheetsToRead(handle, options)) {
    let table: OpenTable<TrackerColumn>;
    try {
      table = await openTable<TrackerColumn>(tableSource(handle, { ...options, sheet }), spec, 'title', describe);
    } catch (e) {
      // Reading every sheet: a sheet that is not a tracker (notes, a key, a chart's data) is skipped, and said so.
      const skip = several && options.sheets === 'all' && e instanceof PapersError && e.problems.every((p) => p.name === 'HeaderNotFound');
      if (!skip) throw e;
      warnings.push(problem('SheetSkipped', { sheet: sheet ?? '' }, { file: handle.display, ...(sheet !== undefined ? { sheet } : {}) }));
      continue;
    }
    tables.push(table);
    if (table.sheet !== undefined) names.push(table.sheet);
    const sheetTitle = titleAbove(table, synonyms);
    if (!several && title === '') title = sheetTitle; // several sheets: each title names its workstream, none the plan
    const number = String(workstreams.length + 1);
    const own = { number, title: (several ? sheetTitle || table.sheet : '') ?? '', projects: [], source: table.at('A1') as Workstream['source'] };
    const col = table.layout.columns;
    const page = isPlanOnAPage(table, synonyms);
    if (page) pages.add(table);
    const common = { table, synonyms, colours: options.colours ?? DEFAULT_COLOURS, seen, problems, warnings };
    const before = problems.length;
    const read: SheetRead & { refsMade?: boolean } = page
      ? await readPageSheet({ ...common, workstream: own, asAt: options.asAt })
      : await readRefSheet({ ...common, present: criterionColumns(criteria, table), implicit: several ? own : undefined, dating });
    // The sheet's own checks (a required column empty on every row; no projects, when it is read alone).
    problems.push(...table.finish(problems.splice(before), several ? 1 : read.projects, 'projects'));
    workstreams.push(...read.workstreams);
    if (read.extractAsAt) dates.push(read.extractAsAt);
    refsMade ||= read.refsMade === true;
    projects += read.projects;
  }
  if (several && projects === 0 && problems.length === 0) problems.push(problem('NoProjects', { sheets: names }, { file: handle.display }));
  if (problems.length > 0) throw new PapersError(problems);

  // Milestone dates ("09 Mar") take the year nearest the extract's own date: known only now.
  const footerAsAt = dates.sort().at(-1);
  dating.asAt = footerAsAt ?? options.asAt;
  const plan: Plan = {
    title,
    workstreams,
    months: pages.size > 0 ? [''] : (tables[0]?.layout.months.map((m) => m.month) ?? []),
    footerAsAt,
    source: { file: handle.display, ...(names.length > 0 ? { sheet: names.join(', ') } : {}), sha256: await sha256Of(handle), bytes: handle.size },
  };
  if (refsMade) plan.refsMade = pages.size > 0 ? 'the tracker has no REF column, so each project is numbered by its sheet and its place on it (1.3 is the third project on the first sheet read)' : 'the tracker has no REF column, so each project is numbered by its workstream and its place in it (1.3 is the third project of the first workstream)';
  return { plan, warnings };
}
