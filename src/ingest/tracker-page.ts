/**
 * A plan on a page (seed 003): one sheet per plan, no REF column ("Child Outcome | Project | Milestone (RAG)
 * - 21/01/20 | Measure"), a project merged down several rows — a milestone a row — and the state of each
 * milestone only the fill of its cell, with a legend of the colours above or under the table.
 *
 * Policy
 * - A row naming a project starts it; the rows under it with no project (its cell merged down) are more of
 *   its milestones. An outcome (or a measure) merged down over several projects belongs to each.
 * - With no REF column, each project is numbered by its sheet and its place on it (1.3: the third project
 *   on the first sheet read) and the plan says so; a REF column, when there is one, is used as written.
 * - Each milestone's state is its cell's fill, matched against the legend's colours first. A project's
 *   stated rating is its worst milestone not completed (complete only when every one is), shown "by the
 *   cell's colour"; a project with no coloured milestone is not rated (a warning).
 * - The milestone column's header may date the extract ("… - 21/01/20"); a footer may too.
 */
import { problem, type Problem } from '../errors.js';
import { headerKey, severity, type ColourTable, type Milestone, type Project, type Source, type Status, type Workstream } from '../model/index.js';
import { headerDate, legendOf, milestonesOfText, stateOfFill, withLegend, type LegendEntry } from './plan-page.js';
import { columnName, type OpenTable, type TableRow } from './table.js';
import type { TrackerColumn, TrackerField } from './tracker-columns.js';
import type { SheetRead } from './tracker-rows.js';

const FOOTER = /accurate\s+(?:when\s+produced\s+)?(?:on|as\s+at)\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/i;

export interface PageSheetInput {
  table: OpenTable<TrackerColumn>;
  synonyms: Readonly<Record<string, Status>> | undefined;
  colours: ColourTable;
  seen: Map<string, string>;
  problems: Problem[];
  warnings: Problem[];
  /** The sheet's workstream: its number and title (the title row above the table, else the tab's name). */
  workstream: Workstream;
  /** The report's as-at date, for the years of "By Nov 19" when the sheet gives no date of its own. */
  asAt: string;
}

/** A project as its rows are read: its milestone cells kept until the legend and the extract's date are known. */
interface PageProject {
  project: Project;
  cells: { text: string; fill: string | undefined; source: Source }[];
}

/** Read one plan-on-a-page sheet into its workstream; problems and warnings go to the input's lists. */
export async function readPageSheet(input: PageSheetInput): Promise<SheetRead & { refsMade: boolean }> {
  const { table, workstream } = input;
  const { layout, at } = table;
  const col = layout.columns as Partial<Record<TrackerField, number>>;
  const src = (c: number, r: number): Source => at(`${columnName(c)}${r}`) as Source;
  const titleAliases = new Set(table.spec.title.aliases.map(headerKey));
  const legend: LegendEntry[] = table.above.flatMap((r) => legendOf(r, input.synonyms) ?? []);
  const read: PageProject[] = [];
  const text = (row: TableRow, c: number | undefined): string => (c === undefined ? '' : row.text(c));
  let outcome = '';
  let extractAsAt = headerDate(layout.headers.rating ?? '');

  rows: for await (const batch of table.batches) for (const row of batch) {
    const texts = row.texts();
    const fill = row.fill(col.rating!);
    if (texts.length === 0 && fill === undefined) continue;
    const footer = texts.length === 1 ? FOOTER.exec(texts[0]!) : null;
    if (footer) {
      extractAsAt = `${footer[3]}-${footer[2]!.padStart(2, '0')}-${footer[1]!.padStart(2, '0')}`;
      break rows;
    }
    const title = text(row, col.title);
    if (titleAliases.has(headerKey(title))) continue; // a header repeated down the sheet
    const key = legendOf(row, input.synonyms);
    if (key) {
      legend.push(...key);
      continue;
    }
    if (text(row, col.outcome) !== '') outcome = text(row, col.outcome);
    const milestone = { text: row.rawText(col.rating!), fill, source: src(col.rating!, row.number) };
    if (title !== '') {
      read.push({ project: startProject(row, title, outcome, input, read.length), cells: [milestone] });
      continue;
    }
    const current = read[read.length - 1];
    if (!current) {
      // Something in the table before any project: a title alone (a note, a sub-heading) is left; anything else needs its project.
      if (texts.length > 1 || fill !== undefined) input.problems.push(problem('ValueMissing', { field: 'project', expected: 'the project this row’s milestone belongs to (a project merged down over its rows is read as one)' }, src(col.title!, row.number)));
      continue;
    }
    current.cells.push(milestone); // the project's cell merged down: another of its milestones
    const more = text(row, col.measure);
    if (more !== '' && current.project.measure !== undefined) current.project.measure = current.project.measure ? `${current.project.measure}\n${more}` : more;
  }

  const colours = withLegend(input.colours, legend);
  const datedAt = extractAsAt ?? input.asAt;
  for (const p of read) finishProject(p, colours, datedAt, input.warnings);
  workstream.projects.push(...read.map((p) => p.project));
  return { workstreams: [workstream], extractAsAt, legend, projects: read.length, refsMade: col.ref === undefined };
}

/** A project from the row naming it: its REF as written, or made from its sheet and place. */
function startProject(row: TableRow, title: string, outcome: string, input: PageSheetInput, index: number): Project {
  const col = input.table.layout.columns as Partial<Record<TrackerField, number>>;
  const src = (c: number): Source => input.table.at(`${columnName(c)}${row.number}`) as Source;
  const written = col.ref === undefined ? '' : row.text(col.ref);
  const ref = written !== '' ? written : `${input.workstream.number}.${index + 1}`;
  const first = input.seen.get(ref);
  if (first !== undefined) input.problems.push(problem('DuplicateRef', { ref, first }, src(col.ref ?? col.title!)));
  else input.seen.set(ref, input.table.sheet !== undefined ? `${input.table.sheet}!${src(col.title!).cell}` : src(col.title!).cell);
  const text = (c: number | undefined): string => (c === undefined ? '' : row.text(c));
  return {
    ref,
    title,
    lead: text(col.lead),
    statedStatus: undefined,
    ratedBy: 'fill',
    commentary: text(col.commentary),
    milestones: [],
    ...(col.outcome !== undefined ? { outcome } : {}),
    ...(col.measure !== undefined ? { measure: text(col.measure) } : {}),
    source: { row: src(col.title!), rating: src(col.rating!), commentary: src(col.commentary ?? col.title!) },
  };
}

/**
 * A project's milestones split and dated, each with the state its fill shows; the project rated by its
 * worst milestone not completed, and its rating traced to that milestone's cell.
 */
function finishProject(p: PageProject, colours: ColourTable, asAt: string, warnings: Problem[]): void {
  const states: { status: Status; source: Source }[] = [];
  const milestones: Milestone[] = [];
  for (const cell of p.cells) {
    const status = stateOfFill(cell.fill, colours);
    if (status !== undefined) states.push({ status, source: cell.source });
    const list = cell.text.trim() === '' ? [] : milestonesOfText(cell.text, asAt);
    for (const m of list) milestones.push(status !== undefined ? { ...m, status } : m);
  }
  p.project.milestones = [{ month: '', milestones, source: p.cells[0]!.source }];
  const open = states.filter((s) => s.status !== 'blue');
  const deciding = open.length > 0 ? open.reduce((w, s) => ((severity(s.status) ?? 0) > (severity(w.status) ?? 0) ? s : w)) : states[0];
  if (!deciding) {
    p.project.ratedBy = 'text';
    warnings.push(problem('RatingMissing', {}, p.cells[0]!.source));
    return;
  }
  p.project.statedStatus = deciding.status;
  p.project.source = { ...p.project.source, rating: deciding.source };
}
