/**
 * The action plan (.xlsx or .csv) answering inspection recommendations: one row per action.
 *
 * Policy
 * - Columns: recommendation, action No, summary, action, deadline, responsible officer, what good
 *   looks like, progress to date, status, completed on. Aliases extend from the config.
 * - The recommendation an action answers comes from its own column ("3", "Recommendation 3: …",
 *   "Ofsted recommendation 3: …"; a blank cell under a filled one in the same group carries it down), else
 *   from a section row above ("Recommendation 3: …", often merged across the table), else from its No
 *   ("3.02" → 3).
 * - A section row naming a plan outcome ("Key business outcome: Fewer children need to come into care",
 *   "Outcome 2: …") groups the actions under it until the next.
 * - Deadlines are read in every form officers write (see model/dates.ts); "Completed", "Ongoing",
 *   "TBC", "Depended upon above" are kept as states, not errors.
 * - Errors, all collected: missing column, duplicate action No, a deadline or completion date that is
 *   not a date or state, an ambiguous two-digit year, a status that is not a rating.
 */
import { problem, PapersError, type Problem } from '../errors.js';
import {
  DEFAULT_COLOURS,
  headerKey,
  parseStatus,
  readDate,
  statusFromFill,
  type Action,
  type ActionPlan,
  type ColourTable,
  type Deadline,
  type DeadlineState,
  type Source,
  type SourceFile,
  type Status,
} from '../model/index.js';
import { withAliases, type ColumnAliases } from './columns.js';
import { actionSchema, conform } from './schemas.js';
import type { Limits } from './limits.js';
import { columnName, openTable, type TableRow } from './table.js';
import { sha256Of, type SourceHandle } from './text.js';

export const ACTION_COLUMNS = {
  recommendation: { required: false, aliases: ['Recommendation', 'Recommendation No', 'Rec', 'Rec No'] },
  no: { required: true, aliases: ['No', 'No.', 'Action No', 'Action Number', 'Ref'] },
  summary: { required: false, aliases: ['Summary', 'Summary of Recommendation', 'Theme'] },
  action: { required: true, aliases: ['Action', 'Actions', 'Action Required'] },
  deadline: { required: true, aliases: ['Deadline', 'Timescale', 'Due Date', 'Target Date', 'By When'] },
  responsible: { required: false, aliases: ['Responsible', 'Responsible Officer', 'Lead', 'Lead Officer', 'Owner'] },
  successMeasure: { required: false, aliases: ['What Good Looks Like', 'Success Measure', 'Outcome', 'Measure of Success'] },
  progress: { required: false, aliases: ['Progress', 'Progress to Date', 'Update', 'Commentary'] },
  status: { required: false, aliases: ['Status', 'RAG', 'RAG Status'] },
  completed: { required: false, aliases: ['Completed On', 'Date Completed', 'Completion Date'] },
} as const;
export type ActionField = keyof typeof ACTION_COLUMNS;

export interface ActionOptions {
  sheet?: string | undefined;
  columns?: ColumnAliases<ActionField> | undefined;
  colours?: ColourTable | undefined;
  /** Extra rating words, lower case → status. */
  synonyms?: Readonly<Record<string, Status>> | undefined;
  asAt: string;
  twoDigitYears?: number | undefined;
  limits?: Limits | undefined;
}

const SECTION = /^(?:[a-z]+\s+)?(?:recommendation|rec\.?)\s*(\d+)\s*[:.–-]?\s*(.*)$/is;
/** "OOP Key Business Outcome: Fewer children…", "Outcome 2 – …": the plan outcome the rows below serve. */
const OUTCOME = /^(?:[a-z]+\s+){0,3}outcome\s*(?:\d+\s*)?[:.–-]\s*(\S.*)$/is;
const NO = /^(\d+)[.-]\d+[a-z]?$/i;

/** A row alone in its row that heads the rows below: a recommendation's number, or a plan outcome. */
function sectionOf(text: string): { recommendation?: string; outcome?: string } | undefined {
  const rec = SECTION.exec(text);
  if (rec) return { recommendation: rec[1]! };
  const outcome = OUTCOME.exec(text);
  return outcome ? { outcome: outcome[1]!.trim() } : undefined;
}

export async function readActionPlan(handle: SourceHandle, options: ActionOptions): Promise<ActionPlan> {
  const spec = withAliases(ACTION_COLUMNS, options.columns);
  const table = await openTable<ActionField>(
    { handle, sheet: options.sheet, ...(options.limits ? { limits: options.limits } : {}) },
    spec,
    'no',
    (f) => ({ no: 'action No', successMeasure: 'what good looks like' })[f as string] ?? f,
  );
  const col = table.layout.columns;
  const at = (row: TableRow, f: ActionField): Source => table.at(`${columnName(col[f] ?? 1)}${row.number}`) as Source;
  const problems: Problem[] = [];
  const actions: Action[] = [];
  const seen = new Map<string, string>();
  const noAliases = new Set(spec.no.aliases.map(headerKey));
  let section: string | undefined;
  let outcome = '';
  let carried = ''; // the recommendation written on the first line of a group, for the blank cells under it

  for await (const batch of table.batches) for (const row of batch) {
    const get = (f: ActionField): string => (col[f] === undefined ? '' : row.text(col[f]!));
    const texts = row.texts();
    if (texts.length === 0) continue;
    const no = get('no');
    if (noAliases.has(headerKey(no))) continue;

    // A section row: "Recommendation 3: …" or "Key business outcome: …" alone on its row (often merged across the table).
    const heading = texts.length === 1 ? sectionOf(texts[0]!) : undefined;
    if (heading?.recommendation !== undefined) section = heading.recommendation;
    if (heading?.outcome !== undefined) [outcome, section, carried] = [heading.outcome, undefined, ''];
    if (heading || (texts.length === 1 && no === '')) continue; // a section, or a note row

    const rowSource = at(row, 'no');
    if (no === '') {
      problems.push(problem('ValueMissing', { field: 'action No', expected: 'a number such as 1.01' }, rowSource));
      continue;
    }
    if (seen.has(no)) {
      problems.push(problem('DuplicateKey', { what: 'action No', key: no, first: seen.get(no)! }, rowSource));
      continue;
    }
    seen.set(no, rowSource.cell);

    const recText = get('recommendation');
    const written = /^\d+/.exec(SECTION.exec(recText)?.[1] ?? recText)?.[0];
    if (written !== undefined) carried = written;
    const recommendation = written ?? (recText === '' && carried !== '' ? carried : undefined) ?? section ?? NO.exec(no)?.[1] ?? '';

    const cell = (f: ActionField): Source => at(row, f);
    const deadline = readDeadline(row, col.deadline!, cell('deadline'), options, problems);
    const completedOn = col.completed !== undefined && get('completed') !== '' ? readCompletion(row, col.completed, cell('completed'), options, problems) : undefined;
    const statedStatus = col.status !== undefined ? readStatus(row, col.status, cell('status'), options, problems) : undefined;

    if (get('action') === '') {
      problems.push(problem('ValueMissing', { field: 'action', expected: 'what will be done' }, at(row, 'action')));
      continue;
    }
    actions.push({
      no,
      recommendation,
      outcome,
      summary: get('summary'),
      action: get('action'),
      deadline,
      ...(completedOn ? { completedOn } : {}),
      responsible: get('responsible'),
      successMeasure: get('successMeasure'),
      progress: get('progress'),
      statedStatus,
      source: { row: rowSource, deadline: cell('deadline'), status: col.status !== undefined ? cell('status') : undefined },
    });
  }
  if (problems.length > 0) throw new PapersError(problems);
  conform(actionSchema, 'action', actions);
  return {
    actions,
    source: { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), sha256: await sha256Of(handle), bytes: handle.size },
  };
}

type DateOptions = Pick<ActionOptions, 'asAt' | 'twoDigitYears'>;

/** The deadline as written, and the date or the state ("Ongoing", "TBC") it names; problems pushed. */
function readDeadline(row: TableRow, col: number, where: Source, options: DateOptions, problems: Problem[]): Deadline {
  const value = row.value(col);
  const deadline: Deadline = { text: row.text(col) };
  const reading = readDate(value instanceof Date || typeof value === 'number' ? value : deadline.text, { asAt: options.asAt, twoDigitYears: options.twoDigitYears });
  if (reading.kind === 'date') deadline.date = reading.iso;
  else if (reading.kind === 'state') deadline.state = reading.state;
  else if (reading.kind === 'ambiguous') problems.push(problem('AmbiguousDate', { field: 'deadline', found: deadline.text }, where));
  else if (reading.kind === 'invalid') problems.push(problem('BadDate', { field: 'deadline', found: deadline.text }, where));
  return deadline;
}

/** The date an action was completed on, when its cell holds one; problems pushed. */
function readCompletion(row: TableRow, col: number, where: Source, options: DateOptions, problems: Problem[]): string | undefined {
  const v = row.value(col);
  const t = row.text(col);
  const r = readDate(v instanceof Date || typeof v === 'number' ? v : t, { asAt: options.asAt, twoDigitYears: options.twoDigitYears });
  if (r.kind === 'date') return r.iso;
  if (r.kind === 'ambiguous') problems.push(problem('AmbiguousDate', { field: 'completion date', found: t }, where));
  else if (r.kind !== 'state') problems.push(problem('BadDate', { field: 'completion date', found: t }, where));
  return undefined;
}

/** The status the plan states, in words or by the cell's fill; undefined when blank and uncoloured. */
function readStatus(row: TableRow, col: number, where: Source, options: Pick<ActionOptions, 'synonyms' | 'colours'>, problems: Problem[]): Status | undefined {
  const t = row.text(col);
  const parsed = parseStatus(t, options.synonyms);
  if (parsed === undefined) {
    problems.push(problem('UnknownRating', { found: t }, where));
    return undefined;
  }
  return parsed ?? statusFromFill(row.fill(col), options.colours ?? DEFAULT_COLOURS);
}
