/**
 * The KPI return (its definitions are read by ./kpi-definitions.ts).
 *
 * - **Return** (.xlsx or .csv): one row per measure per month (long format) — ID, period, value, optional
 *   numerator and denominator; or one row per measure with a column per period (wide format, as most
 *   returns are kept): months ("Apr 2019", "2019-04", date cells), quarters ("Q1 2019/20") or financial
 *   years ("2019/20"), each value read from its own cell. Name, unit, polarity and target may sit on the
 *   rows instead of in a definitions file.
 *
 * Policy
 * - Streamed: memory grows with the measures and the months kept, not with the rows read. Rows outside
 *   the window kept (`keep.from`..`keep.to`) are checked but not kept.
 * - Errors, all collected: missing column; value, target, numerator or denominator not a number; period
 *   not a month; unknown unit or polarity; a measure whose definition changes between rows; two values
 *   for one month; a measure with no definition anywhere. A blank value is no data (not an error).
 */
import { z } from 'zod';
import { problem, PapersError, type Problem } from '../errors.js';
import type { Kpi, KpiDefinition, KpiSet, Source, Status, Unit } from '../model/index.js';
import { withAliases, type ColumnAliases } from './columns.js';
import type { Limits } from './limits.js';
import { StatedRatings } from './kpi-stated.js';
import { cellReader, noFigure, parseNumber, periodOfHeading, readDefinitionFields, unitOfMeasure, type HeadingPeriod } from './kpi-fields.js';
import { columnName, columnNumber, openTable, tableSource, type AuditSink, type OpenTable, type TableRow } from './table.js';
import { sha256Of, type SourceHandle } from './text.js';

export const KPI_COLUMNS = {
  id: { required: true, aliases: ['Measure ID', 'KPI ID', 'ID', 'Ref'] },
  name: { required: false, aliases: ['Measure Name', 'Measure', 'KPI', 'Name', 'Indicator'] },
  unit: { required: false, aliases: ['Unit', 'Units'] },
  polarity: { required: false, aliases: ['Polarity', 'Good Is', 'Better When'] },
  // "Target 24/25", "2024/25 Target", "Annual target": the year's target, as scorecards head it.
  target: { required: false, aliases: ['Target'], patterns: [/^(?:annual\s+|year[- ]end\s+)?target\b(?!.*\b(?:met|achieved|rag|status)\b)/i, /^(?:\d{2}|\d{4})\s*[/-]\s*\d{2,4}\s+target$/i] },
  period: { required: true, aliases: ['Period', 'Month'] },
  value: { required: true, aliases: ['Value', 'Actual', 'Result'] },
  numerator: { required: false, aliases: ['Numerator'] },
  denominator: { required: false, aliases: ['Denominator'] },
  // The return's own RAG, compared with the rules' rating (kpi-stated.ts); exact headers only, so "Q1 RAG" beside "Q2 RAG" is no clash.
  rating: { required: false, aliases: ['RAG', 'RAG Status', 'RAG Rating', 'Current RAG'], readsFill: true },
  commentary: { required: false, aliases: ['Commentary', 'Comments', 'Comment', 'Narrative', 'Update', 'Corrective Action', 'Remedial Action', 'Action Being Taken', 'Actions Being Taken'] },
} as const;
export type KpiField = keyof typeof KPI_COLUMNS;

export interface KpiReadOptions {
  sheet?: string | undefined;
  columns?: ColumnAliases<KpiField> | undefined;
  limits?: Limits | undefined;
  audit?: AuditSink | undefined;
  /** Measures defined in a definitions file (they win over what rows say, which must agree). */
  definitions?: Map<string, KpiDefinition> | undefined;
  /** Months kept, inclusive (`YYYY-MM`); rows outside are checked but not kept. */
  keep?: { from?: string; to?: string } | undefined;
  /** Extra rating words for the return's RAG column, lower case → status. */
  synonyms?: Readonly<Record<string, Status>> | undefined;
}

/** A set of months (1900-01 … 2199-12) in a bitmap: constant memory however many rows a measure has. */
class MonthSet {
  private bits = new Uint8Array(450);
  private cells = new Map<number, string>();
  has(index: number): boolean {
    return (this.bits[index >> 3]! & (1 << (index & 7))) !== 0;
  }
  add(index: number, cell: string, remember: boolean): void {
    this.bits[index >> 3]! |= 1 << (index & 7);
    if (remember) this.cells.set(index, cell);
  }
  firstCell(index: number): string {
    return this.cells.get(index) ?? 'an earlier row';
  }
}

/** `YYYY-MM` → months since January 1900, read digit by digit (this runs once a row). */
const monthIndex = (p: string): number => {
  const d = (i: number): number => p.charCodeAt(i) - 48;
  return (d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3) - 1900) * 12 + d(5) * 10 + d(6) - 1;
};

/** One row of the return, once its cells are read: what every row must be. */
export const kpiRowSchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  value: z.number().finite().optional(),
  numerator: z.number().finite().optional(),
  denominator: z.number().finite().nonnegative().optional(),
});

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const FAST_NUMBER = /^-?\d+(\.\d+)?$/;
const finiteOrAbsent = (n: number | undefined): boolean => n === undefined || Number.isFinite(n);

export interface KpiRow {
  period: string | undefined;
  value: number | undefined;
  numerator: number | undefined;
  denominator: number | undefined;
}

/**
 * The schema's rules, checked directly: a million rows a run cannot each afford a zod parse. A row
 * that fails is then parsed by `kpiRowSchema` to word its problems; a test keeps the two in step.
 */
export function kpiRowValid(r: KpiRow): boolean {
  return (
    r.period !== undefined &&
    PERIOD.test(r.period) &&
    finiteOrAbsent(r.value) &&
    finiteOrAbsent(r.numerator) &&
    finiteOrAbsent(r.denominator) &&
    (r.denominator === undefined || r.denominator >= 0)
  );
}

/**
 * A percentage measure whose every value is between 0 and 1 against a target of 5% or more: a percentage
 * written as a fraction (0.862 for 86.2%, as some systems export it), read as under 1%. Read as written,
 * and said.
 */
function percentAsFraction(k: Kpi): { id: string; latest: number; target: number } | undefined {
  const target = k.target ?? k.band?.high;
  if (k.unit !== 'percent' || target === undefined || target < 5) return undefined;
  const values = k.values.flatMap((v) => (v.value === undefined ? [] : [v.value]));
  return values.length > 0 && values.every((v) => v >= 0 && v <= 1) ? { id: k.id, latest: values.at(-1)!, target } : undefined;
}

export async function readKpis(handle: SourceHandle, options: KpiReadOptions = {}): Promise<KpiSet> {
  // Period and value are required of a long return only: opened without them, the header then says which form it is.
  const spec = Object.fromEntries(Object.entries(withAliases(KPI_COLUMNS, options.columns)).map(([f, c]) => [f, { ...c, required: c.required && f !== 'period' && f !== 'value' }])) as Record<KpiField, { aliases: readonly string[]; required: boolean }>;
  const describe = (f: KpiField): string => (f === 'id' ? 'measure ID' : f === 'rating' ? 'RAG' : f);
  const table = await openTable<KpiField>(tableSource(handle, options), spec, 'id', describe);
  const wide = wideColumns(table, spec);
  const reader = new ReturnReader(table, options, wide);
  for await (const batch of table.batches) for (const row of batch) reader.row(row);
  const all = table.finish(reader.problems, reader.byId.size, 'measures');
  if (all.length > 0) throw new PapersError(all);
  const kpis = [...reader.byId.values()].map((e) => e.kpi);
  for (const k of kpis) k.values.sort((a, b) => a.period.localeCompare(b.period));
  // A long return's commentary is the latest period's word, or none.
  if (!wide) for (const k of kpis) if (k.commentary && reader.commentaryPeriod.get(k.id) !== k.values.at(-1)?.period) delete k.commentary;
  if (reader.unitsRead.length > 0) table.audit.warnings.push(problem('UnitsRead', { units: reader.unitsRead }, table.at(table.layout.span)));
  for (const k of kpis) {
    const fraction = percentAsFraction(k);
    if (fraction) table.audit.warnings.push(problem('PercentAsFraction', fraction, k.values.at(-1)!.source));
  }
  return {
    kpis,
    source: { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), sha256: await sha256Of(handle), bytes: handle.size },
  };
}

/** A heading naming a month, a year or a quarter. */
const PERIOD_LIKE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:19|20)\d{2}\b|\bq[1-4]\b|\d{2}\s*\/\s*\d{2}/i;

/** A wide return's period columns, or undefined for a long return; the audit says how each heading was read. */
function wideColumns(table: OpenTable<KpiField>, spec: Record<KpiField, { aliases: readonly string[]; required: boolean }>): WideColumn[] | undefined {
  const { layout, audit } = table;
  if (layout.columns.period !== undefined && layout.columns.value !== undefined) {
    // Long: period and value are required after all (a column empty on every row is then an error).
    for (const f of ['period', 'value'] as const) spec[f].required = true;
    for (const c of audit.columns) if (c.field === 'period' || c.field === 'value') c.required = true;
    return undefined;
  }
  const wide: WideColumn[] = [];
  const first = new Map<string, string>();
  const problems: Problem[] = [];
  for (const c of audit.columns) {
    if (c.field !== undefined) continue;
    const col = columnNumber(c.cell);
    const heading = periodOfHeading(c.header, table.headerValue(col));
    if (!heading) continue;
    const at = first.get(heading.period);
    if (at !== undefined) problems.push(problem('DuplicatePeriod', { id: 'every measure', period: heading.label, first: at }, table.at(c.cell)));
    first.set(heading.period, c.cell);
    delete c.ignored;
    delete c.month;
    c.period = heading.label;
    wide.push({ col, ...heading });
  }
  if (problems.length > 0) throw new PapersError(problems);
  // A heading that names a month, a year or a quarter in a way not read here: its values would be left out without a word.
  if (wide.length > 0) {
    for (const c of audit.columns) {
      if (c.field === undefined && c.period === undefined && PERIOD_LIKE.test(c.header)) audit.warnings.push(problem('PeriodNotRead', { header: c.header }, table.at(c.cell)));
    }
  }
  if (wide.length === 0) {
    // A long return short of one column says which; neither form says both ways to give the periods.
    const missing = (['period', 'value'] as const).filter((f) => layout.columns[f] === undefined);
    if (missing.length === 1) throw new PapersError(missing.map((f) => problem('ColumnMissing', { column: f, aliases: [...spec[f].aliases], found: layout.found }, table.at(layout.span))));
    throw new PapersError([problem('NoPeriods', { found: layout.found, period: [...spec.period.aliases], value: [...spec.value.aliases] }, table.at(layout.span))]);
  }
  audit.absent = audit.absent.filter((a) => a !== 'period' && a !== 'value' && a !== 'numerator' && a !== 'denominator');
  return wide;
}

/** A period column of a wide return. */
interface WideColumn extends HeadingPeriod {
  col: number;
}

/** A measure as read so far: its definition, the months seen, and the raw definition cells last checked. */
interface MeasureRead {
  kpi: Kpi;
  months: MonthSet;
  rawDefinition: unknown[];
}

/** Reads a return row by row: each row's measure (its definition checked when its cells change) and its value. */
class ReturnReader {
  readonly problems: Problem[] = [];
  readonly byId = new Map<string, MeasureRead>();
  /** The period of the row each long return's measure's commentary was read from. */
  readonly commentaryPeriod = new Map<string, string>();
  /** "CP1 %", "CP2 days": each measure's unit as read from its name and cells, when the return has no unit column. */
  readonly unitsRead: string[] = [];
  private readonly col: Partial<Record<KpiField, number>>;
  private readonly definitionCols: (number | undefined)[];
  private readonly from: string;
  private readonly to: string;
  private readonly stated: StatedRatings;

  constructor(
    private readonly table: OpenTable<KpiField>,
    private readonly options: KpiReadOptions,
    private readonly wide: WideColumn[] | undefined,
  ) {
    this.col = table.layout.columns;
    this.definitionCols = (['name', 'unit', 'polarity', 'target'] as const).map((f) => this.col[f]);
    this.from = options.keep?.from ?? '0000-00';
    this.to = options.keep?.to ?? '9999-99';
    this.stated = new StatedRatings(this.col.rating, this.at, options.synonyms, this.problems);
  }

  private readonly at = (a: string): Source => this.table.at(a) as Source;
  private text(row: TableRow, f: KpiField): string {
    return this.col[f] === undefined ? '' : row.text(this.col[f]!);
  }

  row(row: TableRow): void {
    const id = this.text(row, 'id');
    if (id === '') {
      if (row.texts().length > 0) this.problems.push(problem('ValueMissing', { field: 'measure ID', expected: 'the measure’s ID' }, cellReader<KpiField>(row, this.col, this.at).where('id')));
      return;
    }
    // The definition a row repeats (name, unit, polarity, target) is read and checked once per
    // measure, and again only when the row's raw cells differ from the last row checked.
    let entry = this.byId.get(id);
    if (!entry || !this.sameDefinition(entry.rawDefinition, row)) {
      entry = this.measure(row, id, entry);
      if (!entry) return;
    }
    if (this.wide) {
      let latest: string | undefined; // the row's RAG is its latest figure's
      for (const w of this.wide) {
        const period = this.wideValue(row, id, entry, w);
        if (period !== undefined && (latest === undefined || period > latest)) latest = period;
      }
      this.stated.read(row, entry.kpi, latest);
      const said = this.text(row, 'commentary');
      if (said !== '') entry.kpi.commentary = { text: said, source: this.at(`${columnName(this.col.commentary!)}${row.number}`) };
    } else this.value(row, id, entry);
  }

  /** One cell of a wide return: the measure's value for the column's period (its period returned when kept). A blank cell is no data. */
  private wideValue(row: TableRow, id: string, entry: MeasureRead, w: WideColumn): string | undefined {
    const raw = row.rawText(w.col);
    const text = FAST_NUMBER.test(raw) ? raw : row.text(w.col);
    if (text === '') return undefined;
    const cell = `${columnName(w.col)}${row.number}`;
    const suppressed = noFigure(text);
    const value = suppressed !== undefined ? undefined : numeric(text);
    if (value !== undefined && !Number.isFinite(value)) {
      this.problems.push(problem('NotANumber', { field: `the value for ${w.label}`, found: text }, this.at(cell)));
      return undefined;
    }
    const idx = monthIndex(w.period);
    if (entry.months.has(idx)) {
      this.problems.push(problem('DuplicatePeriod', { id, period: w.label, first: entry.months.firstCell(idx) }, this.at(cell)));
      return undefined;
    }
    const keep = w.period >= this.from && w.period <= this.to;
    entry.months.add(idx, keep ? cell : '', keep);
    if (!keep) return undefined;
    entry.kpi.values.push({ period: w.period, ...(w.kind !== 'month' ? { label: w.label } : {}), value, ...(suppressed !== undefined ? { suppressed } : {}), source: this.at(cell) });
    return w.period;
  }

  private sameDefinition(raw: unknown[], row: TableRow): boolean {
    for (let i = 0; i < this.definitionCols.length; i++) {
      const c = this.definitionCols[i];
      if (c !== undefined && raw[i] !== row.value(c)) return false;
    }
    return true;
  }

  /** With no unit column: the unit its name and its cells show ("48.0%"), noted for the warning that says so. */
  private unitRead(row: TableRow, id: string, name: string): Unit | undefined {
    if (this.col.unit !== undefined || name === '') return undefined;
    const cells = [this.col.target, ...(this.wide ? this.wide.map((w) => w.col) : [this.col.value])];
    const unit = unitOfMeasure(name, cells.flatMap((c) => (c === undefined ? [] : [row.text(c)])));
    this.unitsRead.push(`${id} ${unit === 'percent' ? '%' : unit}`);
    return unit;
  }

  /** The row's measure, its definition read from the row (or the definitions file) and checked against its first row's. */
  private measure(row: TableRow, id: string, known: MeasureRead | undefined): MeasureRead | undefined {
    const rawDefinition = this.definitionCols.map((c) => (c === undefined ? null : row.value(c)));
    const { get, where } = cellReader<KpiField>(row, this.col, this.at);
    const fields = readDefinitionFields(get, where, this.problems);
    if (!fields.ok) return undefined;
    let entry = known;
    if (!entry) {
      const defs = this.options.definitions;
      const def = defs?.get(id);
      if (def) {
        entry = { kpi: { ...def, values: [] }, months: new MonthSet(), rawDefinition };
      } else if (fields.name === '' || !(fields.unit ??= this.unitRead(row, id, fields.name)) || !fields.polarity) {
        const whereDefined = defs ? 'the KPI definitions, or name, unit and polarity on its rows' : 'name, unit and polarity columns on its rows';
        const lacking = (['name', 'unit', 'polarity'] as const).filter((f) => !fields[f]); // said when the row has some
        this.problems.push(problem('UnknownMeasure', { id, where: whereDefined, lacking: lacking.length < 3 ? lacking : [] }, where('id')));
        this.byId.set(id, { kpi: { id, name: id, unit: 'number', polarity: 'none', target: undefined, values: [], source: where('id') }, months: new MonthSet(), rawDefinition });
        return undefined;
      } else {
        entry = { kpi: { id, name: fields.name, unit: fields.unit, polarity: fields.polarity, target: fields.target, values: [], source: where('id') }, months: new MonthSet(), rawDefinition };
      }
      this.byId.set(id, entry);
    }
    const k = entry.kpi;
    const firstAt = k.source.cell;
    const check = (field: 'name' | 'unit' | 'polarity' | 'target', found: unknown, first: unknown, given: boolean): void => {
      if (given && found !== first) this.problems.push(problem('InconsistentKpi', { field, found, first, firstAt }, where(field)));
    };
    check('name', fields.name, k.name, fields.name !== '');
    check('unit', fields.unit, k.unit, fields.given.unit === true);
    check('polarity', fields.polarity, k.polarity, fields.given.polarity === true);
    check('target', fields.target ?? '', k.target ?? '', fields.given.target === true);
    entry.rawDefinition = rawDefinition;
    return entry;
  }

  /** The row's period and value, checked, and kept when the month is in the window. */
  private value(row: TableRow, id: string, entry: MeasureRead): void {
    const col = this.col;
    // Period and value are usually clean already ("2017-02", "86.2"): test the raw text first.
    const periodRaw = row.rawText(col.period!);
    const periodText = PERIOD.test(periodRaw) ? periodRaw : this.text(row, 'period');
    // A month in any form; a quarter or a financial year as its last month, as a wide return's headings are.
    const heading = PERIOD.test(periodText) ? undefined : periodOfHeading(periodText, row.value(col.period!));
    const period = heading ? heading.period : PERIOD.test(periodText) ? periodText : undefined;
    const valueRaw = row.rawText(col.value!);
    const valueText = FAST_NUMBER.test(valueRaw) ? valueRaw : this.text(row, 'value');
    const suppressed = noFigure(valueText);
    const v: KpiRow = {
      period,
      value: suppressed !== undefined ? undefined : numeric(valueText),
      numerator: numeric(this.text(row, 'numerator')),
      denominator: numeric(this.text(row, 'denominator')),
    };
    if (!kpiRowValid(v)) {
      const { where } = cellReader<KpiField>(row, col, this.at);
      const parsed = kpiRowSchema.safeParse(v);
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        const f = issue.path[0] as 'period' | 'value' | 'numerator' | 'denominator';
        if (f === 'period') this.problems.push(problem('BadPeriod', { found: periodText }, where('period')));
        else this.problems.push(problem('NotANumber', { field: f, found: this.text(row, f) }, where(f)));
      }
      return;
    }
    const month = v.period!;
    const idx = monthIndex(month);
    const keep = month >= this.from && month <= this.to;
    if (entry.months.has(idx)) {
      this.problems.push(problem('DuplicatePeriod', { id, period: heading && heading.kind !== 'month' ? `${heading.label}, kept as ${month}` : month, first: entry.months.firstCell(idx) }, cellReader<KpiField>(row, col, this.at).where('period')));
      return;
    }
    entry.months.add(idx, keep ? `${columnName(col.period!)}${row.number}` : '', keep);
    const said = keep && col.commentary !== undefined ? row.text(col.commentary) : '';
    if (said !== '' && month >= (this.commentaryPeriod.get(id) ?? '')) {
      entry.kpi.commentary = { text: said, source: this.at(`${columnName(col.commentary!)}${row.number}`) };
      this.commentaryPeriod.set(id, month);
    }
    if (keep && (v.value !== undefined || suppressed !== undefined)) {
      entry.kpi.values.push({
        period: month,
        ...(heading && heading.kind !== 'month' ? { label: heading.label } : {}),
        value: v.value,
        ...(suppressed !== undefined ? { suppressed } : {}),
        ...(v.numerator !== undefined ? { numerator: v.numerator } : {}),
        ...(v.denominator !== undefined ? { denominator: v.denominator } : {}),
        source: this.at(`${columnName(col.value!)}${row.number}`),
      });
      this.stated.read(row, entry.kpi, month);
    }
  }
}

/** A cell's number: blank is no data; text that is not a number becomes NaN, which the row's schema refuses. */
function numeric(t: string): number | undefined {
  return t === '' ? undefined : FAST_NUMBER.test(t) ? Number(t) : (parseNumber(t) ?? Number.NaN);
}
