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
} from '../model/index.js';
import { withAliases, type ColumnAliases } from './columns.js';
import { columnName, openTable, type Limits, type TableRow } from './table.js';
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

/**
 * One month's milestone cell. Its text is kept as read; it is split into milestones and dated when
 * first asked (by scoring or rendering), not while a 50,000-row tracker streams past.
 */
class MonthCell implements MonthMilestones {
  #milestones: Milestone[] | undefined;
  #source: Source | undefined;
  constructor(
    readonly month: string,
    readonly text: string,
    private readonly place: { file: string; sheet?: string },
    private readonly col: number,
    private readonly row: number,
    private readonly dating: DatingContext,
  ) {}
  get milestones(): Milestone[] {
    if (this.#milestones === undefined) {
      this.#milestones = splitMilestones(this.text);
      for (const ms of this.#milestones) {
        if (ms.when === '') continue;
        const cache = this.dating.cache;
        if (!cache.has(ms.when)) {
          const r = readDate(ms.when, { asAt: this.dating.asAt });
          cache.set(ms.when, r.kind === 'date' ? r.iso : undefined);
        }
        const due = cache.get(ms.when);
        if (due !== undefined) ms.due = due;
      }
    }
    return this.#milestones;
  }
  get source(): Source {
    return (this.#source ??= { ...this.place, cell: `${columnName(this.col)}${this.row}` });
  }
  toJSON(): object {
    return { month: this.month, milestones: this.milestones, source: this.source };
  }
}

/** A project's provenance: its row, and the columns of its cells, made into Sources when asked. */
type ProjectSource = Project['source'];

class RowSource implements ProjectSource {
  constructor(
    private readonly place: { file: string; sheet?: string },
    private readonly number: number,
    private readonly cols: { ref: number; rating: number; commentary: number | undefined },
  ) {}
  private cell(col: number): Source {
    return { ...this.place, cell: `${columnName(col)}${this.number}` };
  }
  get row(): Source {
    return this.cell(this.cols.ref);
  }
  get rating(): Source {
    return this.cell(this.cols.rating);
  }
  get commentary(): Source {
    return this.cell(this.cols.commentary ?? this.cols.ref);
  }
  toJSON(): object {
    return { row: this.row, rating: this.rating, commentary: this.commentary };
  }
}

export interface TrackerRead {
  plan: Plan;
  warnings: Problem[];
}

export interface TrackerOptions {
  sheet?: string | undefined;
  columns?: ColumnAliases<TrackerField> | undefined;
  colours?: ColourTable | undefined;
  /** The report's as-at date, for milestone years when the tracker has no footer date. */
  asAt: string;
  limits?: Limits | undefined;
}

export async function readTracker(handle: SourceHandle, options: TrackerOptions): Promise<TrackerRead> {
  const spec = withAliases(TRACKER_COLUMNS, options.columns);
  const table = await openTable<TrackerField>({ handle, sheet: options.sheet, ...(options.limits ? { limits: options.limits } : {}) }, spec, 'ref', (f) => DESCRIBE[f]);
  const { layout, at } = table;
  const col = layout.columns;
  const colours = options.colours ?? DEFAULT_COLOURS;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const workstreams: Workstream[] = [];
  const seen = new Map<string, string>();
  const refAliases = new Set(spec.ref.aliases.map(headerKey));
  let footerAsAt: string | undefined;

  const src = (address: string): Source => at(address) as Source;
  const place = { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}) };
  const dating: DatingContext = { asAt: options.asAt, cache: new Map() };
  const sourceCols = { ref: layout.columns.ref!, rating: layout.columns.rating!, commentary: layout.columns.commentary };
  const addr = (row: TableRow, c: number): string => `${columnName(c)}${row.number}`;
  const text = (row: TableRow, c: number | undefined): string => (c === undefined ? '' : row.text(c));

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
      workstreams.push({ number: heading[1]!, title: heading[2]!.trim(), projects: [], source: src(addr(row, col.ref!)) });
      continue;
    }
    if (texts && ref !== '' && texts.length === 1) {
      workstreams.push({ number: String(workstreams.length + 1), title: ref, projects: [], source: src(addr(row, col.ref!)) });
      continue;
    }

    const project = readProject(row);
    if (project) {
      const current = workstreams[workstreams.length - 1];
      if (!current) problems.push(problem('RefOutsideWorkstream', { ref: project.ref }, project.source.row));
      else current.projects.push(project);
    }
  }

  function readProject(row: TableRow): Project | undefined {
    const ref = text(row, col.ref);
    const refCell = addr(row, col.ref!);
    const refSource = (): Source => src(refCell);
    let ok = true;
    if (ref === '') {
      problems.push(problem('ValueMissing', { field: 'REF', expected: 'a REF such as 1.1' }, refSource()));
      ok = false;
    } else if (!REF.test(ref)) {
      problems.push(problem('BadRef', { found: ref }, refSource()));
      ok = false;
    } else if (seen.has(ref)) {
      problems.push(problem('DuplicateRef', { ref, first: seen.get(ref)! }, refSource()));
      ok = false;
    } else {
      seen.set(ref, refCell);
    }

    const title = text(row, col.title);
    if (title === '') {
      problems.push(problem('ValueMissing', { field: 'project title', expected: 'the project’s name' }, src(addr(row, col.title!))));
      ok = false;
    }

    const ratingText = row.text(col.rating!);
    let status: Status | undefined;
    let fromFill = false;
    const parsed = parseStatus(ratingText);
    if (parsed === undefined) {
      problems.push(problem('UnknownRating', { found: ratingText }, src(addr(row, col.rating!))));
      ok = false;
    } else if (parsed === null) {
      status = statusFromFill(row.fill(col.rating!), colours);
      fromFill = status !== undefined;
      if (!fromFill) warnings.push(problem('RatingMissing', {}, src(addr(row, col.rating!))));
    } else {
      status = parsed;
    }

    if (!ok) return undefined;
    const milestones: MonthMilestones[] = layout.months.map(
      ({ month, col: c }) => new MonthCell(month, row.rawText(c), place, c, row.number, dating), // tidied when split
    );
    return {
      ref,
      title,
      lead: text(row, col.lead),
      statedStatus: status,
      ratedBy: fromFill ? 'fill' : 'text',
      commentary: text(row, col.commentary),
      milestones,
      source: new RowSource(place, row.number, sourceCols),
    };
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
