/**
 * A project as a tracker sheet's rows give it (tracker-rows.ts): its cells read once, its milestones split and
 * dated when first asked, its provenance made into Sources when asked, so a long tracker streams past lightly.
 */
import {
  readDate,
  splitMilestones,
  type CriteriaRecord,
  type Milestone,
  type MonthMilestones,
  type Project,
  type Source,
  type Status,
} from '../model/index.js';
import { columnName, type TableRow } from './table.js';

/** What milestone dates are read against: set once the whole sheet (and its footer) has been read. */
export interface DatingContext {
  asAt: string;
  cache: Map<string, string | undefined>;
}

/** What every project of one sheet shares: where it is, its columns, its month columns, how to date. */
export interface SheetContext {
  place: { file: string; sheet?: string };
  cols: { ref: number; rating: number; commentary: number | undefined };
  months: { month: string; col: number }[];
  dating: DatingContext;
  /** What a REF's first cell is named from, less its row: `B` (or `Sheet 2!B` when sheets are read together). */
  refPrefix: string;
  /** The sheet has no REF column: REFs are made (2.3), unique by construction, and a project's row is named by its title cell. */
  made: boolean;
}

export function cellOf(ctx: SheetContext, col: number, row: number): Source {
  return { ...ctx.place, cell: `${columnName(col)}${row}` };
}

/**
 * A project as read from one tracker row. Its milestone cells are kept as the text read and split
 * and dated when first asked (by scoring or rendering), and its provenance is made into Sources when
 * asked: a 50,000-row tracker streams past keeping one small object and one array a row.
 */
export class TrackedProject implements Project {
  criteria: CriteriaRecord | undefined;
  statedStatus: Status | undefined;
  ratedBy: 'text' | 'fill';
  #milestones: MonthMilestones[] | undefined;
  #source: Project['source'] | undefined;
  constructor(
    readonly ref: string,
    readonly title: string,
    public lead: string,
    rated: { status: Status | undefined; by: 'text' | 'fill' },
    public commentary: string,
    private readonly row: number,
    private readonly monthTexts: string[],
    private readonly ctx: SheetContext,
  ) {
    this.statedStatus = rated.status;
    this.ratedBy = rated.by;
  }
  /** A further line of this project (its REF, title and RAG left blank, often merged down): its lead, commentary and milestones join these. */
  continueWith(row: TableRow, cols: { lead: number | undefined; commentary: number | undefined }): void {
    const join = (a: string, b: string, sep: string): string => (b === '' || a === b ? a : a === '' ? b : `${a}${sep}${b}`);
    if (cols.lead !== undefined) this.lead = join(this.lead, row.text(cols.lead), ' / ');
    if (cols.commentary !== undefined) this.commentary = join(this.commentary, row.text(cols.commentary), '\n');
    this.ctx.months.forEach(({ col }, i) => (this.monthTexts[i] = join(this.monthTexts[i]!, row.rawText(col), '\n')));
  }
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

