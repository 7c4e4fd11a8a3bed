/**
 * A tracker sheet with a REF column (seed 000's SIP summary): a project a row, workstream heading rows,
 * the RAG in words or as the RAG cell's fill, milestones by month column, a footer dating the extract.
 *
 * Policy
 * - A row whose REF cell holds "<number> <words>" and no rating — usually merged across the table —
 *   starts a workstream; so does a row holding only text in the REF column.
 * - Blank rows, legend rows (see plan-page.ts) and repeated header rows (with their row of months) are skipped. A footer "Accurate
 *   when produced on dd/mm/yyyy" gives the extract's as-at date and ends the table.
 * - A row whose REF, project and RAG cells are blank (merged down from the row above, often) but holds text
 *   further along is another line of the project above: its lead, commentary and milestones join the
 *   project's. A blank row ends a project's lines; lines under a refused project are not read again.
 * - RAG is read from the cell's text (letter or word) or, when the cell has no text, from its fill colour
 *   — matched once the whole sheet is read, so that a legend under the table can say what its colours mean.
 * - Errors (every one collected): unknown RAG, bad or duplicate REF, missing project title, a project above
 *   the first workstream (on a sheet read alone). Warnings: a blank RAG with no recognisable fill; a
 *   workstream whose heading says its projects are over ("Closed projects", "Completed", "Archive"), often a
 *   second table under the plan: read like the others, so the paper counts them.
 */
import { problem, type Problem } from '../errors.js';
import {
  headerKey,
  monthOfHeader,
  parseStatus,
  parseYesNo,
  type ColourTable,
  type CriteriaRecord,
  type Project,
  type Source,
  type Status,
  type Workstream,
} from '../model/index.js';
import { legendOf, stateOfFill, withLegend, type LegendEntry } from './plan-page.js';
import { columnName, type OpenTable, type TableRow } from './table.js';
import { cellOf, TrackedProject, type DatingContext, type SheetContext } from './tracked-project.js';
import type { TrackerColumn, TrackerField } from './tracker-columns.js';

const FOOTER = /accurate\s+(?:when\s+produced\s+)?(?:on|as\s+at)\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/i;
const WORKSTREAM = /^(\d{1,3})\s*[.:)–-]?\s+(\S.*)$/s;
const REF = /^\d{1,3}\.\d{1,4}[a-z]?$/i;
/** A plan's own code for a project (CP01, H1, HOU-03, A1.2, 12, 2a): its REF when the sheet's first project has one. */
const CODE = /^(?:[A-Z]{1,6}[ -]?)?\d{1,4}(?:\.\d{1,4}){0,2}[a-z]?$/i;
/** A heading over projects that are over (a "Closed projects" table under the live one, an "Archive" tab): read, and said. */
const CLOSED = /\b(?:closed|completed|archived?|finished|delivered|withdrawn|dropped|superseded|no longer)\b/i;

/** What reading a REF sheet needs besides its table: the reader's settings and what all sheets share. */
export interface RefSheetInput {
  table: OpenTable<TrackerColumn>;
  /** The RAG criteria columns the tracker has (all or none). */
  present: { name: string; col: number }[];
  synonyms: Readonly<Record<string, Status>> | undefined;
  colours: ColourTable;
  /** REF → where it was first seen, across every sheet read. */
  seen: Map<string, string>;
  problems: Problem[];
  warnings: Problem[];
  /** When several sheets are read: the sheet's own workstream, for projects above any heading row. */
  implicit: Workstream | undefined;
  dating: DatingContext;
}

/** What a sheet gave: its workstreams, its footer's date, its legend. */
export interface SheetRead {
  workstreams: Workstream[];
  extractAsAt: string | undefined;
  legend: LegendEntry[];
  projects: number;
  /** The sheet has no REF column: its projects' REFs were made from their workstream and place. */
  refsMade?: boolean;
}

/** A written REF: present, of the sheet's form and not seen before (where it is seen is recorded); problems pushed. */
function refChecked(cells: { ref: string; refIsValid: boolean; refLike: string | undefined }, pr: RefSheetInput & { ctx: SheetContext }, at: Source, row: number): boolean {
  if (cells.ref === '') {
    pr.problems.push(problem('ValueMissing', { field: 'REF', expected: 'a REF such as 1.1' }, at));
    return false;
  }
  if (!cells.refIsValid) {
    pr.problems.push(problem('BadRef', { found: cells.ref, ...(cells.refLike !== undefined ? { like: cells.refLike } : {}) }, at));
    return false;
  }
  const first = pr.seen.get(cells.ref);
  if (first !== undefined) {
    pr.problems.push(problem('DuplicateRef', { ref: cells.ref, first }, at));
    return false;
  }
  pr.seen.set(cells.ref, `${pr.ctx.refPrefix}${row}`); // where it was first seen, as a cell: built from a prefix made once a sheet
  return true;
}

/** A project row; its REF, title and RAG text are passed in as the loop read them (each cell is read once). */
function readProject(row: TableRow, cells: { ref: string; refIsValid: boolean; refLike: string | undefined; title: string; rating: string }, pr: RefSheetInput & { ctx: SheetContext; pending: { project: TrackedProject; fill: string | undefined }[] }): TrackedProject | undefined {
  const { problems, present } = pr;
  const col = pr.table.layout.columns as Partial<Record<TrackerField, number>>;
  const at = (c: number): Source => cellOf(pr.ctx, c, row.number);
  let ok = pr.ctx.made || refChecked(cells, pr, at(col.ref!), row.number); // a made REF is unique by construction
  if (cells.title === '') {
    problems.push(problem('ValueMissing', { field: 'project title', expected: 'the project’s name' }, at(col.title!)));
    ok = false;
  }
  const parsed = parseStatus(cells.rating, pr.synonyms);
  if (parsed === undefined) {
    problems.push(problem('UnknownRating', { found: cells.rating }, at(col.rating!)));
    ok = false;
  }
  let record: CriteriaRecord | undefined;
  if (present.length > 0) {
    record = {};
    for (const c of present) {
      const t = row.text(c.col);
      const yes = parseYesNo(t);
      if (yes === undefined) {
        problems.push(problem('BadChoice', { field: `criterion “${c.name}”`, found: t, choices: ['Y', 'N', '✓', '✗', 'blank (not recorded)'] }, at(c.col)));
        ok = false;
      } else {
        record[c.name] = yes ?? undefined;
      }
    }
  }
  if (!ok) return undefined;
  const months = pr.ctx.months;
  const monthTexts = new Array<string>(months.length);
  for (let i = 0; i < months.length; i++) monthTexts[i] = row.rawText(months[i]!.col); // tidied when split
  const text = (c: number | undefined): string => (c === undefined ? '' : row.text(c));
  const rated = parsed ? { status: parsed, by: 'text' as const } : { status: undefined, by: 'fill' as const };
  const project = new TrackedProject(cells.ref, cells.title, text(col.lead), rated, text(col.commentary), row.number, monthTexts, pr.ctx);
  if (!parsed) pr.pending.push({ project, fill: row.fill(col.rating!) }); // matched once the legend is known
  if (record) project.criteria = record;
  return project;
}

/** A cell's text, or '' for a column the sheet does not have. */
const text = (row: TableRow, c: number | undefined): string => (c === undefined ? '' : row.text(c));

/** Read one tracker sheet, with a REF column or without one (its REFs made); problems and warnings go to the input's lists. */
export async function readRefSheet(input: RefSheetInput): Promise<SheetRead> {
  const { table, problems, warnings } = input;
  const { layout, at } = table;
  const col = layout.columns as Partial<Record<TrackerField, number>>;
  const place = { file: at('A1').file, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}) };
  // No REF column: each project's REF is made from its workstream and its place in it (2.3), and the plan
  // says so; a heading is then a row with one text and no RAG, and a project's row is named by its title cell.
  const made = col.ref === undefined;
  const keyCol = col.ref ?? col.title!;
  const refPrefix = `${input.implicit && place.sheet !== undefined ? `${place.sheet}!` : ''}${columnName(keyCol)}`;
  const ctx: SheetContext = { place, cols: { ref: keyCol, rating: col.rating!, commentary: col.commentary }, months: layout.months, dating: input.dating, refPrefix, made };
  const src = (c: number, r: number): Source => cellOf(ctx, c, r);
  const refAliases = new Set(table.spec.ref.aliases.map(headerKey));
  const titleAliases = new Set(table.spec.title.aliases.map(headerKey));
  const headed = new Set<Workstream>(); // lines alone read as headings (any with made REFs; unnumbered in a REF column): with no project under one, it is a note
  const workstreams: Workstream[] = input.implicit ? [input.implicit] : [];
  const legend: LegendEntry[] = table.above.flatMap((r) => legendOf(r, input.synonyms) ?? []);
  const pending: { project: TrackedProject; fill: string | undefined }[] = [];
  const rowsOf = { ...input, ctx, pending };
  let extractAsAt: string | undefined;
  let projects = 0;
  const orphans: TrackedProject[] = [];
  // The sheet's REFs are 1.1 (workstream, project) or the plan's own codes (CP01), as its first project's is.
  let refs: { form: 'dotted' | 'code'; first: string } | undefined;
  const named = col.workstream !== undefined && !input.implicit ? new NamedWorkstreams(col.workstream, workstreams) : undefined;
  let [last, lastRow]: [TrackedProject | 'refused' | undefined, number] = [undefined, 0]; // the project the row above read (or refused), which a further line continues, and its latest line's row

  rows: for await (const batch of table.batches) for (const row of batch) {
    let ref = text(row, col.ref);
    let isProject = !made && REF.test(ref); // most rows: known from the REF cell alone
    const texts = isProject ? undefined : row.texts();
    if (texts) {
      const other = otherRow(row, texts, { ref, title: text(row, col.title), made, legend, synonyms: input.synonyms, aliases: made ? titleAliases : refAliases });
      if (typeof other === 'object') {
        extractAsAt = other.asAt;
        break rows;
      }
      if (other === 'skip') {
        last = undefined; // a blank row, a repeated header or a legend ends a project's lines
        continue;
      }
    }
    const rating = text(row, col.rating);
    const title = text(row, col.title);
    // A further line of the project above: REF, title and RAG blank (merged down, often), its text past the title.
    if (last !== undefined && ref === '' && lastRow === row.number - 1 && title === '' && rating === '' && (!made || row.filled()[0]! > col.title!)) {
      if (last !== 'refused') last.continueWith(row, { lead: col.lead, commentary: col.commentary });
      lastRow = row.number;
      continue;
    }
    last = undefined;
    const alone = made && texts?.length === 1 && rating === '' && row.fill(col.rating!) === undefined ? texts[0]! : undefined;
    const heading = isProject ? null : WORKSTREAM.exec(alone ?? ref);
    const startsWorkstream = made ? alone !== undefined : (heading && rating === '' && title === '') || (texts && ref !== '' && texts.length === 1);
    if (startsWorkstream) {
      const at = made ? row.filled()[0]! : col.ref!;
      const ws = { number: heading ? heading[1]! : String(workstreams.length + 1), title: heading ? heading[2]!.trim() : (alone ?? ref), projects: [], source: src(at, row.number) };
      const placed = addHeading(workstreams, input.implicit, ws, heading !== null);
      if (made || heading === null) headed.add(placed);
      continue;
    }
    const target = named ? named.place(row, src) : workstreams[workstreams.length - 1];
    if (made) [ref, isProject] = [madeRef(target, orphans), true];
    else if (!isProject && title !== '' && CODE.test(ref)) {
      refs ??= { form: 'code', first: ref };
      isProject = refs.form === 'code';
    }
    if (isProject) refs ??= { form: 'dotted', first: ref };
    const project = readProject(row, { ref, refIsValid: isProject, refLike: refs?.form === 'code' ? refs.first : undefined, title, rating }, rowsOf);
    [last, lastRow] = [project ?? 'refused', row.number]; // lines under a refused project are its own, not read again
    if (project) {
      projects += 1;
      if (!target) orphans.push(project);
      else target.projects.push(project);
    }
  }

  finishSheet({ input, workstreams, orphans, headed, pending, legend, made, top: src(keyCol, layout.headerRow) });
  return { workstreams, extractAsAt, legend, projects, ...(made ? { refsMade: true } : {}) };
}

/**
 * A row that holds no project: `'skip'` for a blank row, a header repeated down the sheet (or its row of
 * months) and a legend (its entries added to `x.legend`); the footer's as-at date; undefined for any other.
 */
function otherRow(
  row: TableRow,
  texts: string[],
  x: { ref: string; title: string; made: boolean; legend: LegendEntry[]; synonyms: RefSheetInput['synonyms']; aliases: ReadonlySet<string> },
): 'skip' | { asAt: string } | undefined {
  if (texts.length === 0) return 'skip';
  const footer = texts.length === 1 ? FOOTER.exec(texts[0]!) : null; // a footer stands alone on its row
  if (footer) {
    const [, d, m, y] = footer;
    return { asAt: `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}` };
  }
  if (x.aliases.has(headerKey(x.made ? x.title : x.ref))) return 'skip'; // a header repeated down the sheet
  if (x.ref === '' && texts.every((t) => monthOfHeader(t) !== undefined)) return 'skip'; // and its months row
  const key = legendOf(row, x.synonyms);
  if (!key) return undefined;
  x.legend.push(...key);
  return 'skip';
}

/** A workstream heading row's workstream, placed: a new one, or the sheet's own, renamed, when no project came before it. */
function addHeading(workstreams: Workstream[], implicit: Workstream | undefined, ws: Workstream, numbered: boolean): Workstream {
  if (implicit !== undefined && workstreams.length === 1 && workstreams[0] === implicit && implicit.projects.length === 0) return (workstreams[0] = { ...ws, number: numbered ? ws.number : implicit.number });
  workstreams.push(ws);
  return ws;
}

/** The REF made for the next project when the sheet has none: its workstream's number, a dot, its place in it (2.3). */
function madeRef(target: Workstream | undefined, orphans: readonly Project[]): string {
  return `${target?.number ?? '1'}.${(target ? target.projects.length : orphans.length) + 1}`;
}

/**
 * A workstream column ("Workstream", "Theme"): each project goes to the workstream its row names (a blank
 * cell: the one above, as a merged cell reads), made in the order first named; "2 Economy" is numbered 2.
 * Used on a sheet read alone (several sheets are a workstream each), over heading rows it has none of.
 */
class NamedWorkstreams {
  private readonly byName = new Map<string, Workstream>();
  private carried: Workstream | undefined;
  constructor(
    private readonly col: number,
    private readonly workstreams: Workstream[],
  ) {}
  place(row: TableRow, src: (c: number, r: number) => Source): Workstream | undefined {
    const text = row.text(this.col);
    if (text === '') return this.carried ?? this.workstreams[this.workstreams.length - 1];
    const key = headerKey(text);
    let ws = this.byName.get(key);
    if (!ws) {
      const numbered = WORKSTREAM.exec(text);
      ws = { number: numbered ? numbered[1]! : String(this.workstreams.length + 1), title: numbered ? numbered[2]!.trim() : text, projects: [], source: src(this.col, row.number) };
      this.byName.set(key, ws);
      this.workstreams.push(ws);
    }
    return (this.carried = ws);
  }
}

/** What a sheet's rows left to settle once all are read. */
interface SheetEnd {
  input: RefSheetInput;
  workstreams: Workstream[];
  /** Projects above any heading row. */
  orphans: TrackedProject[];
  /** Headings read from a line alone: any, with no REF column; an unnumbered one in the REF column. */
  headed: Set<Workstream>;
  pending: { project: TrackedProject; fill: string | undefined }[];
  legend: LegendEntry[];
  made: boolean;
  /** The header row's key cell: where a list with no heading rows is sourced. */
  top: Source;
}

/** After the last row: projects above any heading, lines alone with nothing under them, closed projects said, colour-only RAGs matched. */
function finishSheet(end: SheetEnd): void {
  const { input, workstreams, orphans, headed, pending, legend, made } = end;
  const { problems, warnings } = input;
  // A list with no heading rows at all is one workstream; projects above the first of several headings are a mistake.
  if (workstreams.length === 0 && orphans.length > 0) workstreams.push({ number: '1', title: '', projects: orphans, source: end.top });
  else for (const o of orphans) problems.push(problem('RefOutsideWorkstream', { ref: made ? o.title : o.ref }, o.source.row));
  // A line alone with nothing under it (a note below the table) is not a workstream: with no REF column, any;
  // in a REF column, one with no workstream number ("4 Early help" with no projects yet is a workstream).
  for (const ws of headed) {
    if (ws.projects.length > 0) continue;
    warnings.push(problem('RowNotRead', { text: ws.title, refs: !made }, ws.source));
    workstreams.splice(workstreams.indexOf(ws), 1);
  }
  for (const ws of workstreams) {
    if (ws.projects.length > 0 && CLOSED.test(ws.title)) warnings.push(problem('ClosedProjectsRead', { title: ws.title, count: ws.projects.length }, ws.source));
  }
  // Colour-only RAG cells, matched now the legend (above or under the table) is known.
  const colours = withLegend(input.colours, legend);
  for (const { project, fill } of pending) {
    project.statedStatus = stateOfFill(fill, colours);
    if (project.statedStatus === undefined) {
      project.ratedBy = 'text';
      warnings.push(problem('RatingMissing', {}, project.source.rating));
    }
  }
}
