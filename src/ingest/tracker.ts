/**
 * The project tracker workbook → `Plan` (workstreams holding projects).
 *
 * Policy
 * - The header row is found (the first row, within the first 30, holding a REF column and at least
 *   one other known column), not assumed to be row 1. A second header row under it naming months
 *   ("NEXT KEY MILESTONES" over "March | April") is read as a person reads it.
 * - Headers match by text, case-, space- and punctuation-insensitively, against the aliases below.
 * - A row whose REF cell holds "<number> <words>" (often merged across the table) starts a workstream.
 * - Blank rows and repeated header rows are skipped. A footer "Accurate when produced on dd/mm/yyyy"
 *   gives the extract's as-at date and ends the table.
 * - Errors (every one collected, then thrown together): missing required column, unknown RAG, bad or
 *   duplicate REF, missing project title, a project above the first workstream.
 * - Warnings: a blank RAG (the project is shown grey, "not rated").
 */
import { problem, PapersError, type Problem } from '../errors.js';
import {
  headerKey,
  monthOfHeader,
  parseStatus,
  splitMilestones,
  tidy,
  type MonthMilestones,
  type Plan,
  type Project,
  type Source,
  type SourceFile,
  type Workstream,
} from '../model/index.js';
import { cellText, isCoveredByMerge, openWorkbook, pickSheet, type Worksheet } from './workbook.js';

export const TRACKER_COLUMNS = {
  ref: { required: true, aliases: ['REF', 'Ref No', 'Reference', 'Project Ref'] },
  title: { required: true, aliases: ['Project', 'Workstream Detail', 'Project Title', 'Project Name'] },
  lead: { required: false, aliases: ['Lead', 'Project Lead', 'Lead Officer', 'Owner'] },
  rating: { required: true, aliases: ['RAG', 'RAG Status', 'Status', 'Rating'] },
  commentary: { required: false, aliases: ['Commentary', 'Comments', 'Comment', 'Update'] },
} as const;
type Field = keyof typeof TRACKER_COLUMNS;

const HEADER_SCAN_ROWS = 30;
const FOOTER = /accurate\s+(?:when\s+produced\s+)?(?:on|as\s+at)\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/i;
const WORKSTREAM = /^(\d{1,2})\s*[.:)–-]?\s+(\S.*)$/s;
const REF = /^\d{1,2}\.\d{1,2}[a-z]?$/i;

export interface TrackerRead {
  plan: Plan;
  warnings: Problem[];
}

export interface TrackerInput {
  bytes: Buffer;
  /** The path as shown to users and in provenance. */
  display: string;
  sheet: string | undefined;
  sha256: string;
}

export async function readTracker(input: TrackerInput): Promise<TrackerRead> {
  const workbook = await openWorkbook(input.bytes, input.display);
  const sheet = pickSheet(workbook, input.sheet, input.display);
  return readTrackerSheet(sheet, input);
}

interface Layout {
  headerRow: number;
  firstDataRow: number;
  columns: Partial<Record<Field, number>>;
  months: { month: string; col: number }[];
}

export function readTrackerSheet(sheet: Worksheet, input: TrackerInput): TrackerRead {
  const file = input.display;
  const at = (row: number, col: number): Source => ({
    file,
    sheet: sheet.name,
    cell: sheet.getRow(row).getCell(col).address,
  });
  const layout = findLayout(sheet, file);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const workstreams: Workstream[] = [];
  const seen = new Map<string, string>();
  let footerAsAt: string | undefined;
  let title = '';

  // The text nearest above the header row names the plan (rows above it are usually the council).
  for (let r = layout.headerRow - 1; r >= 1 && title === ''; r--) {
    const first = rowTexts(sheet, r).find((c) => c.text !== '');
    if (first) title = first.text;
  }

  const col = layout.columns;
  const text = (row: number, c: number | undefined): string =>
    c === undefined ? '' : tidy(cellText(sheet.getRow(row).getCell(c)));

  for (let r = layout.firstDataRow; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    row.eachCell((cell) => {
      if (!isCoveredByMerge(cell)) cells.push(tidy(cellText(cell)));
    });
    const line = cells.filter(Boolean);
    if (line.length === 0) continue;

    const footer = line.map((t) => FOOTER.exec(t)).find((m) => m);
    if (footer) {
      const [, d, m, y] = footer;
      footerAsAt = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
      break;
    }

    const ref = text(r, col.ref);
    if (headerKey(ref) !== '' && TRACKER_COLUMNS.ref.aliases.some((a) => headerKey(a) === headerKey(ref))) continue;

    const refCell = row.getCell(col.ref!);
    const rating = text(r, col.rating);
    const heading = WORKSTREAM.exec(ref);
    if (heading && !REF.test(ref) && (rating === '' || isCoveredByMerge(row.getCell(col.rating!)))) {
      workstreams.push({
        number: heading[1]!,
        title: tidy(heading[2]!),
        projects: [],
        source: at(r, col.ref!),
      });
      continue;
    }

    // A heading written without a number, merged across the row, is still a workstream.
    if (ref !== '' && !REF.test(ref) && refCell.isMerged && rating === ref) {
      workstreams.push({ number: String(workstreams.length + 1), title: ref, projects: [], source: at(r, col.ref!) });
      continue;
    }

    const project = readProject(r);
    if (project) {
      const current = workstreams[workstreams.length - 1];
      if (!current) {
        problems.push(problem('RefOutsideWorkstream', { ref: project.ref }, project.source.row));
      } else {
        current.projects.push(project);
      }
    }
  }

  function readProject(r: number): Project | undefined {
    const ref = text(r, col.ref);
    const refSource = at(r, col.ref!);
    let ok = true;
    if (ref === '') {
      problems.push(problem('ValueMissing', { field: 'REF', expected: 'a REF such as 1.1' }, refSource));
      ok = false;
    } else if (!REF.test(ref)) {
      problems.push(problem('BadRef', { found: ref }, refSource));
      ok = false;
    } else if (seen.has(ref)) {
      problems.push(problem('DuplicateRef', { ref, first: seen.get(ref)! }, refSource));
      ok = false;
    } else {
      seen.set(ref, refSource.cell);
    }

    const title = text(r, col.title);
    if (title === '') {
      problems.push(
        problem('ValueMissing', { field: 'project title', expected: 'the project’s name' }, at(r, col.title!)),
      );
      ok = false;
    }

    const ratingSource = at(r, col.rating!);
    const ratingText = text(r, col.rating);
    const status = parseStatus(ratingText);
    if (status === undefined) {
      problems.push(problem('UnknownRating', { found: ratingText }, ratingSource));
      ok = false;
    } else if (status === null) {
      warnings.push(problem('RatingMissing', {}, ratingSource));
    }

    const milestones: MonthMilestones[] = layout.months.map(({ month, col: c }) => ({
      month,
      milestones: splitMilestones(text(r, c)),
      source: at(r, c),
    }));
    if (!ok) return undefined;
    return {
      ref,
      title,
      lead: text(r, col.lead),
      statedStatus: status ?? undefined,
      commentary: text(r, col.commentary),
      milestones,
      source: {
        row: refSource,
        rating: ratingSource,
        commentary: col.commentary !== undefined ? at(r, col.commentary) : refSource,
      },
    };
  }

  if (problems.length > 0) throw new PapersError(problems);
  const source: SourceFile = { file, sheet: sheet.name, sha256: input.sha256, bytes: input.bytes.length };
  return {
    plan: { title, workstreams, months: layout.months.map((m) => m.month), footerAsAt, source },
    warnings,
  };
}

function matchField(text: string): Field | undefined {
  const key = headerKey(text);
  if (key === '') return undefined;
  for (const [field, spec] of Object.entries(TRACKER_COLUMNS) as [Field, (typeof TRACKER_COLUMNS)[Field]][]) {
    if (spec.aliases.some((a) => headerKey(a) === key)) return field;
  }
  return undefined;
}

function rowTexts(sheet: Worksheet, r: number): { col: number; text: string }[] {
  const out: { col: number; text: string }[] = [];
  sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, c) => {
    if (!isCoveredByMerge(cell)) out.push({ col: c, text: tidy(cellText(cell)) });
  });
  return out;
}

function findLayout(sheet: Worksheet, file: string): Layout {
  const last = Math.min(sheet.rowCount, HEADER_SCAN_ROWS);
  for (let r = 1; r <= last; r++) {
    const cells = rowTexts(sheet, r);
    const columns: Partial<Record<Field, number>> = {};
    for (const { col, text } of cells) {
      const f = matchField(text);
      if (f && columns[f] === undefined) columns[f] = col;
    }
    if (columns.ref === undefined || Object.keys(columns).length < 2) continue;

    // Month columns: named in this row, or in a second header row just below.
    let months = cells
      .map(({ col, text }) => ({ col, month: matchField(text) ? undefined : monthOfHeader(text) }))
      .filter((m): m is { col: number; month: string } => m.month !== undefined);
    let firstDataRow = r + 1;
    const below = rowTexts(sheet, r + 1);
    const belowMonths = below
      .map(({ col, text }) => ({ col, month: monthOfHeader(text) }))
      .filter((m): m is { col: number; month: string } => m.month !== undefined);
    if (belowMonths.length > 0 && belowMonths.length === below.filter((b) => b.text !== '').length) {
      months = belowMonths;
      firstDataRow = r + 2;
    }

    const missing = (Object.keys(TRACKER_COLUMNS) as Field[]).filter(
      (f) => TRACKER_COLUMNS[f].required && columns[f] === undefined,
    );
    if (missing.length > 0) {
      const found = cells.map((c) => c.text).filter(Boolean);
      const row = sheet.getRow(r);
      const span = `${row.getCell(cells[0]!.col).address}:${row.getCell(cells[cells.length - 1]!.col).address}`;
      throw new PapersError(
        missing.map((f) =>
          problem(
            'ColumnMissing',
            { column: f === 'rating' ? 'RAG' : f === 'title' ? 'project' : f, aliases: [...TRACKER_COLUMNS[f].aliases], found },
            { file, sheet: sheet.name, cell: span },
          ),
        ),
      );
    }
    return { headerRow: r, firstDataRow, columns, months };
  }
  throw new PapersError([
    problem(
      'HeaderNotFound',
      { expected: `a REF column (${TRACKER_COLUMNS.ref.aliases.join(', ')}) and a RAG or project column`, scanned: last },
      { file, sheet: sheet.name },
    ),
  ]);
}
