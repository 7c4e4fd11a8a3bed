/**
 * The project tracker (.xlsx sheet or .csv) → `Plan` (workstreams holding projects).
 *
 * Policy
 * - The header row is found (see table.ts); columns match their aliases, which the config may extend.
 * - A row whose REF cell holds "<number> <words>" and no rating — usually merged across the table —
 *   starts a workstream; so does a row holding only text in the REF column.
 * - Blank rows and repeated header rows are skipped. A footer "Accurate when produced on dd/mm/yyyy"
 *   gives the extract's as-at date and ends the table.
 * - RAG is read from the cell's text (letter or word) or, when the cell has no text, from its fill
 *   colour (nearest colour in the configurable table).
 * - Milestone dates ("09 Mar") take their year from the as-at date (footer, else the report's).
 * - Errors (every one collected, then thrown together): missing required column, unknown RAG, bad or
 *   duplicate REF, missing project title, a project above the first workstream.
 * - Warnings: a blank RAG with no recognisable fill (the project is shown grey, "not rated").
 */
import { problem, PapersError, type Problem } from '../errors.js';
import {
  DEFAULT_COLOURS,
  parseStatus,
  parseYesNo,
  readDate,
  splitMilestones,
  statusFromFill,
  headerKey,
  type ColourTable,
  type Milestone,
  type MonthMilestones,
  type Plan,
  type Project,
  type Source,
  type Status,
  type Workstream,
  type CriteriaRecord,
} from '../model/index.js';
import { withAliases, type ColumnAliases } from './columns.js';
import type { Limits } from './limits.js';
import { columnName, openTable, type TableRow } from './table.js';
import { sha256Of, type SourceHandle } from './text.js';

export const TRACKER_COLUMNS = {
  ref: { required: true, aliases: ['REF', 'Ref No', 'Reference', 'Project Ref'] },
  title: { required: true, aliases: ['Project', 'Workstream Detail', 'Project Title', 'Project Name'] },
  lead: { required: false, aliases: ['Lead', 'Project Lead', 'Lead Officer', 'Owner'] },
  rating: { required: true, aliases: ['RAG', 'RAG Status', 'Status', 'Rating'] },
  commentary: { required: false, aliases: ['Commentary', 'Comments', 'Comment', 'Update'] },
} as const;
export type TrackerField = keyof typeof TRACKER_COLUMNS;

const DESCRIBE: Record<TrackerField, string> = { ref: 'REF', title: 'project', lead: 'lead', rating: 'RAG', commentary: 'commentary' };
const FOOTER = /accurate\s+(?:when\s+produced\s+)?(?:on|as\s+at)\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/i;
const WORKSTREAM = /^(\d{1,3})\s*[.:)–-]?\s+(\S.*)$/s;
const REF = /^\d{1,3}\.\d{1,4}[a-z]?$/i;

/** What milestone dates are read against: set once the whole sheet (and its footer) has been read. */
interface DatingContext {
  asAt: string;
  cache: Map<string, string | undefined>;
}

/** What every project of one sheet shares: where it is, its columns, its month columns, how to date. */
interface SheetContext {
  place: { file: string; sheet?: string };
  cols: { ref: number; rating: number; commentary: number | undefined };
  months: { month: string; col: number }[];
  dating: DatingContext;
}

function cellOf(ctx: SheetContext, col: number, row: number): Source {
  return { ...ctx.place, cell: `${columnName(col)}${row}` };
}

/**
 * A project as read from one tracker row. Its milestone cells are kept as the text read and split
 * and dated when first asked (by scoring or rendering), and its provenance is made into Sources when
 * asked: a 50,000-row tracker streams past keeping one small object and one array a row.
 */
class TrackedProject implements Project {
  criteria: CriteriaRecord | undefined;
  #milestones: MonthMilestones[] | undefined;
  #source: Project['source'] | undefined;
  constructor(
    readonly ref: string,
    readonly title: string,
    readonly lead: string,
    readonly statedStatus: Status | undefined,
    readonly ratedBy: 'text' | 'fill',
    readonly commentary: string,
    private readonly row: number,
    private readonly monthTexts: string[],
    private readonly ctx: SheetContext,
  ) {}
  get milestones(): MonthMilestones[] {
    return (this.#milestones ??= this.ctx.months.map(({ month, col }, i) => {
      const source = cellOf(this.ctx, col, this.row);
      return { month, milestones: dated(splitMilestones(this.monthTexts[i]!), this.ctx.dating), source };
    }));
  }
  get source(): Project['source'] {
    const { cols } = this.ctx;
    return (this.#source ??= {
      row: cellOf(this.ctx, cols.ref, this.row),
      rating: cellOf(this.ctx, cols.rating, this.row),
      commentary: cellOf(this.ctx, cols.commentary ?? cols.ref, this.row),
    });
  }
  toJSON(): Project {
    const { ref, title, lead, statedStatus, ratedBy, commentary, milestones, criteria, source } = this;
    return { ref, title, lead, statedStatus, ratedBy, commentary, milestones, ...(criteria ? { criteria } : {}), source };
  }
}

/** Give each milestone its due date: "09 Mar" takes the year nearest the as-at date. */
function dated(milestones: Milestone[], dating: DatingContext): Milestone[] {
  for (const ms of milestones) {
    if (ms.when === '') continue;
    const cache = dating.cache;
    if (!cache.has(ms.when)) {
      const r = readDate(ms.when, { asAt: dating.asAt });
      cache.set(ms.when, r.kind === 'date' ? r.iso : undefined);
    }
    const due = cache.get(ms.when);
    if (due !== undefined) ms.due = due;
  }
  return milestones;
}

export interface TrackerRead {
  plan: Plan;
  warnings: Problem[];
}

export interface TrackerOptions {
  sheet?: string | undefined;
  /** RAG criteria read from their own Y/N columns, when the tracker has them (rules.projects.criteria). */
  criteria?: readonly { name: string; aliases: readonly string[] }[] | undefined;
  /** Extra rating words (plan-on-a-page labels), lower case → status. */
  synonyms?: Readonly<Record<string, Status>> | undefined;
  columns?: ColumnAliases<TrackerField> | undefined;
  colours?: ColourTable | undefined;
  /** The report's as-at date, for milestone years when the tracker has no footer date. */
  asAt: string;
  limits?: Limits | undefined;
}

type Column = TrackerField | `criterion ${number}`;

/** What reading a tracker's project rows shares: where problems go, the columns, the REFs seen so far. */
interface ProjectRows {
  problems: Problem[];
  warnings: Problem[];
  /** REF → the row it was first seen on. */
  seen: Map<string, number>;
  col: Partial<Record<TrackerField, number>>;
  /** The RAG criteria columns the tracker has (all or none). */
  present: { name: string; col: number }[];
  months: { col: number; month: string }[];
  synonyms: Readonly<Record<string, Status>> | undefined;
  colours: ColourTable;
  ctx: SheetContext;
  src: (address: string) => Source;
}

const addr = (row: number, c: number): string => `${columnName(c)}${row}`;

/** A project row; its REF, title and RAG text are passed in as the loop read them (each cell is read once). */
function readProject(row: TableRow, ref: string, refIsValid: boolean, title: string, ratingText: string, pr: ProjectRows): Project | undefined {
  const { problems, warnings, seen, col, present, src } = pr;
  let ok = true;
  if (ref === '') {
    problems.push(problem('ValueMissing', { field: 'REF', expected: 'a REF such as 1.1' }, src(addr(row.number, col.ref!))));
    ok = false;
  } else if (!refIsValid) {
    problems.push(problem('BadRef', { found: ref }, src(addr(row.number, col.ref!))));
    ok = false;
  } else {
    const first = seen.get(ref);
    if (first !== undefined) {
      problems.push(problem('DuplicateRef', { ref, first: addr(first, col.ref!) }, src(addr(row.number, col.ref!))));
      ok = false;
    } else {
      seen.set(ref, row.number);
    }
  }

  if (title === '') {
    problems.push(problem('ValueMissing', { field: 'project title', expected: 'the project’s name' }, src(addr(row.number, col.title!))));
    ok = false;
  }

  let status: Status | undefined;
  let fromFill = false;
  const parsed = parseStatus(ratingText, pr.synonyms);
  if (parsed === undefined) {
    problems.push(problem('UnknownRating', { found: ratingText }, src(addr(row.number, col.rating!))));
    ok = false;
  } else if (parsed === null) {
    status = statusFromFill(row.fill(col.rating!), pr.colours);
    fromFill = status !== undefined;
    if (!fromFill) warnings.push(problem('RatingMissing', {}, src(addr(row.number, col.rating!))));
  } else {
    status = parsed;
  }

  let record: CriteriaRecord | undefined;
  if (present.length > 0) {
    record = {};
    for (const c of present) {
      const t = row.text(c.col);
      const yes = parseYesNo(t);
      if (yes === undefined) {
        problems.push(problem('BadChoice', { field: `criterion “${c.name}”`, found: t, choices: ['Y', 'N', '✓', '✗', 'blank (not recorded)'] }, src(addr(row.number, c.col))));
        ok = false;
      } else {
        record[c.name] = yes ?? undefined;
      }
    }
  }

  if (!ok) return undefined;
  const months = pr.months;
  const monthTexts = new Array<string>(months.length);
  for (let i = 0; i < months.length; i++) monthTexts[i] = row.rawText(months[i]!.col); // tidied when split
  const ratedBy = fromFill ? 'fill' : 'text';
  const text = (c: number | undefined): string => (c === undefined ? '' : row.text(c));
  const project = new TrackedProject(ref, title, text(col.lead), status, ratedBy, text(col.commentary), row.number, monthTexts, pr.ctx);
  if (record) project.criteria = record;
  return project;
}

/** The tracker's columns: the known ones with the config's aliases, and a Y/N column per RAG criterion. */
function trackerColumns(extra: TrackerOptions['columns'], criteria: NonNullable<TrackerOptions['criteria']>): Record<Column, { aliases: readonly string[]; required: boolean }> {
  const spec: Record<Column, { aliases: readonly string[]; required: boolean }> = { ...withAliases(TRACKER_COLUMNS, extra) };
  criteria.forEach((c, i) => (spec[`criterion ${i}`] = { aliases: c.aliases.length > 0 ? c.aliases : [c.name], required: false }));
  return spec;
}

/** The RAG criteria columns the tracker has: all or none (a tracker with some is told which are missing). */
function criterionColumns(criteria: NonNullable<TrackerOptions['criteria']>, layout: { columns: Partial<Record<Column, number>>; found: string[] }, header: Source): { name: string; col: number }[] {
  const cols = criteria.map((c, i) => ({ name: c.name, col: layout.columns[`criterion ${i}`] }));
  const present = cols.filter((c): c is { name: string; col: number } => c.col !== undefined);
  if (present.length > 0 && present.length < criteria.length) {
    const missing = criteria.filter((_, i) => cols[i]!.col === undefined);
    throw new PapersError(missing.map((c) => problem('ColumnMissing', { column: `${c.name} (a RAG criterion)`, aliases: [...(c.aliases.length > 0 ? c.aliases : [c.name])], found: layout.found }, header)));
  }
  return present;
}

export async function readTracker(handle: SourceHandle, options: TrackerOptions): Promise<TrackerRead> {
  const criteria = options.criteria ?? [];
  const spec = trackerColumns(options.columns, criteria);
  const describe = (f: Column): string => (f.startsWith('criterion ') ? criteria[Number(f.slice(10))]!.name : DESCRIBE[f as TrackerField]);
  const table = await openTable<Column>({ handle, sheet: options.sheet, ...(options.limits ? { limits: options.limits } : {}) }, spec, 'ref', describe);
  const { layout, at } = table;
  const col = layout.columns as Partial<Record<TrackerField, number>>;
  const present = criterionColumns(criteria, layout, at(layout.span) as Source);
  const colours = options.colours ?? DEFAULT_COLOURS;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const workstreams: Workstream[] = [];
  const seen = new Map<string, number>(); // REF → the row it was first seen on
  const refAliases = new Set(spec.ref.aliases.map(headerKey));
  let footerAsAt: string | undefined;

  const src = (address: string): Source => at(address) as Source;
  const place = { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}) };
  const dating: DatingContext = { asAt: options.asAt, cache: new Map() };
  const ctx: SheetContext = {
    place,
    cols: { ref: layout.columns.ref!, rating: layout.columns.rating!, commentary: layout.columns.commentary },
    months: layout.months,
    dating,
  };
  const text = (row: TableRow, c: number | undefined): string => (c === undefined ? '' : row.text(c));
  const rowsOf: ProjectRows = { problems, warnings, seen, col, present, months: layout.months, synonyms: options.synonyms, colours, ctx, src };

  rows: for await (const batch of table.batches) for (const row of batch) {
    const ref = text(row, col.ref);
    const isProject = REF.test(ref); // most rows: known from the REF cell alone
    const texts = isProject ? undefined : row.texts();
    if (texts) {
      if (texts.length === 0) continue;
      const footer = texts.length === 1 ? FOOTER.exec(texts[0]!) : null; // a footer stands alone on its row
      if (footer) {
        const [, d, m, y] = footer;
        footerAsAt = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
        break rows;
      }
      if (refAliases.has(headerKey(ref))) continue; // a header repeated down the sheet
    }

    const rating = text(row, col.rating);
    const title = text(row, col.title);
    const heading = isProject ? null : WORKSTREAM.exec(ref);
    if (heading && rating === '' && title === '') {
      workstreams.push({ number: heading[1]!, title: heading[2]!.trim(), projects: [], source: src(addr(row.number, col.ref!)) });
      continue;
    }
    if (texts && ref !== '' && texts.length === 1) {
      workstreams.push({ number: String(workstreams.length + 1), title: ref, projects: [], source: src(addr(row.number, col.ref!)) });
      continue;
    }

    const project = readProject(row, ref, isProject, title, rating, rowsOf);
    if (project) {
      const current = workstreams[workstreams.length - 1];
      if (!current) problems.push(problem('RefOutsideWorkstream', { ref: project.ref }, project.source.row));
      else current.projects.push(project);
    }
  }

  if (problems.length > 0) throw new PapersError(problems);

  // Milestone dates ("09 Mar") take the year nearest the extract's as-at date: known only now.
  dating.asAt = footerAsAt ?? options.asAt;

  const title = [...table.above].reverse().map((r) => r.texts()[0]).find(Boolean) ?? '';
  return {
    plan: {
      title,
      workstreams,
      months: layout.months.map((m) => m.month),
      footerAsAt,
      source: { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), sha256: await sha256Of(handle), bytes: handle.size },
    },
    warnings,
  };
}
