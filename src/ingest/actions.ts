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
  periodEnds,
  progressState,
  tidy,
  readDate,
  statusFromFill,
  formatIsoDate,
  type Action,
  type ActionLine,
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
import { cellSample, columnName, openTable, sampleCell, sampleText, tableSource, type AuditSink, type CellSample, type TableRow } from './table.js';
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
  status: { required: false, aliases: ['Status', 'RAG', 'RAG Status'], readsFill: true },
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
  audit?: AuditSink | undefined;
}

const SECTION = /^(?:[a-z]+\s+)?(?:recommendation|rec\.?)\s*(\d+)\s*[:.–-]?\s*(.*)$/is;
/** "OOP Key Business Outcome: Fewer children…", "Outcome 2 – …": the plan outcome the rows below serve. */
const OUTCOME = /^(?:[a-z]+\s+){0,3}outcome\s*(?:\d+\s*)?[:.–-]\s*(\S.*)$/is;
const NO = /^(\d+)[.-]\d+[a-z]?$/i;

/** Words, not an action's number ("1.01", "R3", "2a"): a space and a word of three letters. */
const WORDS = /^(?=.*\s)(?=.*\p{L}{3})/u;

/** The columns whose text, typed alone on the next row, carries on the line above. */
const CARRIED_ON = ['action', 'responsible', 'progress', 'successMeasure'] as const;

/**
 * A row holding one text, not a section row. Words in the No column are a heading or a note: named
 * (HeadingNotRead), not read. Text alone in an action, responsible, progress or success-measure cell
 * directly under an action's line carries that line on, as a new line of the cell (typed on the next row,
 * or pasted from a Word table whose cell ran over two rows). Any other is a note row. A number alone is
 * left to be read (and refused) as an action.
 */
function lineAlone(
  no: string,
  get: (f: ActionField) => string,
  x: { under: Action | undefined; source: Source; warnings: Problem[]; notes: CellSample; row: TableRow },
): 'heading' | 'joined' | 'note' | undefined {
  if (no !== '') {
    if (!WORDS.test(no)) return undefined;
    x.warnings.push(problem('HeadingNotRead', { text: no }, x.source));
    return 'heading';
  }
  const field = x.under && CARRIED_ON.find((f) => get(f) !== '');
  if (!x.under || !field) {
    const col = x.row.filled()[0]!;
    sampleCell(x.notes, `${columnName(col)}${x.row.number}`, () => x.row.text(col)); // one NotesNotRead names them all
    return 'note';
  }
  const more = (s: string): string => (s === '' ? get(field) : `${s}\n${get(field)}`);
  if (field === 'successMeasure') x.under.successMeasure = more(x.under.successMeasure);
  else {
    const line = x.under.lines[x.under.lines.length - 1]!;
    line[field] = more(line[field]);
    if (x.under.lines.length === 1) x.under[field] = line[field];
  }
  return 'joined';
}

/** A row alone in its row that heads the rows below: a recommendation's number, or a plan outcome. */
function sectionOf(text: string): { recommendation?: string; outcome?: string } | undefined {
  const rec = SECTION.exec(text);
  if (rec) return { recommendation: rec[1]! };
  const outcome = OUTCOME.exec(text);
  return outcome ? { outcome: outcome[1]!.trim() } : undefined;
}

export async function readActionPlan(handle: SourceHandle, options: ActionOptions): Promise<ActionPlan & { warnings: Problem[] }> {
  const spec = withAliases(ACTION_COLUMNS, options.columns);
  const table = await openTable<ActionField>(
    tableSource(handle, options),
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
  const warnings: Problem[] = [];
  let section: string | undefined;
  let outcome = '';
  let carried = ''; // the recommendation written on the first line of a group, for the blank cells under it
  let last: Action | undefined; // the action a line with a blank (or the same) number continues
  let lastRow = 0; // the row its latest line was read from (or carried on to)
  const notes = cellSample(); // rows read as notes (one text, under no line)

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
    if (heading) last = undefined;
    if (heading) continue;
    const alone = texts.length === 1 ? lineAlone(no, get, { under: lastRow === row.number - 1 ? last : undefined, source: at(row, 'no'), warnings, notes, row }) : undefined;
    if (alone === 'heading') last = undefined;
    if (alone === 'joined') lastRow = row.number;
    if (alone) continue;

    const rowSource = at(row, 'no');
    // A further line of the action above: its number left blank, or written again on the next row.
    const continues = last !== undefined && (no === '' || no === last.no) && get('action') !== '';
    if (no === '' && !continues) {
      problems.push(problem('ValueMissing', { field: 'action No', expected: 'a number such as 1.01 (a line with no number continues the action above it)' }, rowSource));
      continue;
    }
    if (!continues && seen.has(no)) {
      problems.push(problem('DuplicateKey', { what: 'action No', key: no, first: seen.get(no)! }, rowSource));
      continue;
    }
    const line = readLine(row, { col, at: (f) => at(row, f), options, found: { problems, warnings } });
    lastRow = row.number;
    if (line.responsible === '' && continues) line.responsible = last!.responsible; // as a cell merged down reads
    if (line.action === '') {
      problems.push(problem('ValueMissing', { field: 'action', expected: 'what will be done' }, at(row, 'action')));
      continue;
    }
    if (continues) {
      last!.lines.push(line);
      continue;
    }
    seen.set(no, rowSource.cell);
    const recText = get('recommendation');
    const written = /^\d+/.exec(SECTION.exec(recText)?.[1] ?? recText)?.[0];
    if (written !== undefined) carried = written;
    const recommendation = written ?? (recText === '' && carried !== '' ? carried : undefined) ?? section ?? NO.exec(no)?.[1] ?? '';
    last = { no, recommendation, outcome, summary: get('summary'), successMeasure: get('successMeasure'), ...line, lines: [line] };
    actions.push(last);
  }
  if (notes.count > 0) warnings.push(problem('NotesNotRead', { count: notes.count, cells: sampleText(notes) }, table.at(notes.cells[0]!) as Source));
  const all = table.finish(problems, actions.length, 'actions');
  if (all.length > 0) throw new PapersError(all);
  conform(actionSchema, 'action', actions);
  return {
    actions,
    source: { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), sha256: await sha256Of(handle), bytes: handle.size },
    warnings,
  };
}

type DateOptions = Pick<ActionOptions, 'asAt' | 'twoDigitYears'>;

/** One line of an action as its row holds it: what, by when, by whom, how it is going; problems pushed. */
function readLine(
  row: TableRow,
  x: { col: Partial<Record<ActionField, number>>; at: (f: ActionField) => Source; options: ActionOptions; found: { problems: Problem[]; warnings: Problem[] } },
): ActionLine {
  const { col, at, options, found } = x;
  const get = (f: ActionField): string => (col[f] === undefined ? '' : row.text(col[f]!));
  const line: ActionLine = {
    action: get('action'),
    deadline: readDeadline(row, col.deadline!, at('deadline'), options, found),
    responsible: get('responsible'),
    progress: get('progress'),
    statedStatus: undefined,
    source: { row: at('no'), deadline: at('deadline'), status: col.status !== undefined ? at('status') : undefined },
  };
  if (col.status !== undefined) {
    const stated = readStatus(row, col.status, at('status'), options, found.problems);
    line.statedStatus = stated.status;
    if (stated.state !== undefined) line.statedState = stated.state;
  }
  if (col.completed !== undefined && get('completed') !== '') {
    const on = readCompletion(row, col.completed, at('completed'), options, found.problems);
    if (on !== undefined) line.completedOn = on;
  }
  return line;
}

/** A month named among other words: "First phase August 2017", "Phase One Completed … September 2017". */
const MONTH_IN_TEXT = /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s*(\d{4})\b/gi;
/** A word that says part of the action is complete: "Phase One Completed …". */
const PARTLY_COMPLETE = /\b(?:\w+\s+){0,3}complete[ds]?\b/i;

/**
 * The deadline as written, and the date or the state ("Ongoing", "TBC") it names; problems pushed. A text
 * that is neither but names a month among other words is read as that month (the latest, when it names
 * several) with a warning saying how it was read.
 */
function readDeadline(row: TableRow, col: number, where: Source, options: DateOptions, found: { problems: Problem[]; warnings: Problem[] }): Deadline {
  const value = row.value(col);
  const deadline: Deadline = { text: row.text(col) };
  const reading = readDate(value instanceof Date || typeof value === 'number' ? value : deadline.text, { asAt: options.asAt, twoDigitYears: options.twoDigitYears });
  if (reading.kind === 'date') deadline.date = reading.iso;
  else if (reading.kind === 'state') deadline.state = reading.state;
  else if (reading.kind === 'ambiguous') found.problems.push(problem('AmbiguousDate', { field: 'deadline', found: deadline.text }, where));
  else if (reading.kind === 'invalid') {
    const months = [...deadline.text.matchAll(MONTH_IN_TEXT)].map((m) => readDate(`${m[1]} ${m[2]}`, { asAt: options.asAt })).flatMap((r) => (r.kind === 'date' ? [{ iso: r.iso, period: undefined }] : []));
    // The latest of the months and periods (quarters, financial years, seasons) it names; a month first on the same day.
    const latest = [...months, ...periodEnds(deadline.text)].reduce<{ iso: string; period: string | undefined } | undefined>((a, b) => (a === undefined || b.iso > a.iso ? b : a), undefined);
    if (latest === undefined) found.problems.push(problem('BadDate', { field: 'deadline', found: deadline.text }, where));
    else {
      deadline.date = latest.iso;
      deadline.fromWords = true;
      const partly = PARTLY_COMPLETE.exec(deadline.text);
      const note = partly ? `; it says part of the action is complete (“${partly[0].trim()}”), so the action is rated on that date` : '';
      const read = formatIsoDate(latest.iso);
      if (latest.period === undefined) found.warnings.push(problem('DeadlineReadAsMonth', { found: deadline.text, read, note }, where));
      else found.warnings.push(problem('DeadlineReadAsPeriod', { found: deadline.text, read, period: latest.period, note }, where));
    }
  }
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

/**
 * The status the plan states: a rating in words or by the cell's fill (undefined when blank and uncoloured),
 * or a state of progress ("Done" is complete; "Not started", "On hold" are kept as written, and the line is
 * rated by its deadline); problems pushed.
 */
function readStatus(row: TableRow, col: number, where: Source, options: Pick<ActionOptions, 'synonyms' | 'colours'>, problems: Problem[]): { status: Status | undefined; state?: string } {
  const t = row.text(col);
  const parsed = parseStatus(t, options.synonyms);
  if (parsed === undefined) {
    const progress = progressState(t);
    if (progress === 'complete') return { status: 'blue' };
    if (progress === 'open') return { status: undefined, state: tidy(t) };
    problems.push(problem('UnknownRating', { found: t, states: true }, where));
    return { status: undefined };
  }
  return { status: parsed ?? statusFromFill(row.fill(col), options.colours ?? DEFAULT_COLOURS) };
}
