/**
 * KPI definitions and the KPI return.
 *
 * - **Definitions** (.xlsx or .csv): one row per measure — ID, name, unit, polarity, target, tolerance,
 *   owning workstream.
 * - **Return** (.xlsx or .csv): one row per measure per month (long format, as performance teams
 *   return it) — ID, period, value, optional numerator and denominator; name, unit, polarity and target
 *   may sit on the rows instead of in a definitions file.
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
import { headerKey, type Kpi, type KpiDefinition, type KpiSet, type Polarity, type Source, type Unit } from '../model/index.js';
import { SUPPRESSION_CODES } from './benchmarks.js';
import { withAliases, type ColumnAliases } from './columns.js';
import { conform, kpiDefinitionSchema } from './schemas.js';
import type { Limits } from './limits.js';
import { columnName, openTable, type TableRow } from './table.js';
import { sha256Of, type SourceHandle } from './text.js';

export const KPI_DEFINITION_COLUMNS = {
  id: { required: true, aliases: ['Measure ID', 'KPI ID', 'ID', 'Ref'] },
  name: { required: true, aliases: ['Measure Name', 'Measure', 'KPI', 'Name', 'Indicator'] },
  unit: { required: true, aliases: ['Unit', 'Units'] },
  polarity: { required: true, aliases: ['Polarity', 'Good Is', 'Better When'] },
  target: { required: false, aliases: ['Target'] },
  tolerance: { required: false, aliases: ['Tolerance'] },
  low: { required: false, aliases: ['Band Low', 'Lower Limit', 'Band From', 'Low'] },
  high: { required: false, aliases: ['Band High', 'Upper Limit', 'Band To', 'High'] },
  workstream: { required: false, aliases: ['Workstream', 'Owner Workstream'] },
} as const;
export type KpiDefinitionField = keyof typeof KPI_DEFINITION_COLUMNS;

export const KPI_COLUMNS = {
  id: { required: true, aliases: ['Measure ID', 'KPI ID', 'ID', 'Ref'] },
  name: { required: false, aliases: ['Measure Name', 'Measure', 'KPI', 'Name', 'Indicator'] },
  unit: { required: false, aliases: ['Unit', 'Units'] },
  polarity: { required: false, aliases: ['Polarity', 'Good Is', 'Better When'] },
  target: { required: false, aliases: ['Target'] },
  period: { required: true, aliases: ['Period', 'Month'] },
  value: { required: true, aliases: ['Value', 'Actual', 'Result'] },
  numerator: { required: false, aliases: ['Numerator'] },
  denominator: { required: false, aliases: ['Denominator'] },
} as const;
export type KpiField = keyof typeof KPI_COLUMNS;

const UNITS: Record<string, Unit> = {
  '%': 'percent',
  percent: 'percent',
  percentage: 'percent',
  number: 'number',
  count: 'number',
  no: 'number',
  days: 'days',
  'rate per 10 000': 'rate per 10,000',
  'rate per 10000': 'rate per 10,000',
  'per 10 000': 'rate per 10,000',
  'rate per 10k': 'rate per 10,000',
};
const POLARITIES: Record<string, Polarity> = {
  higher: 'higher',
  'higher is better': 'higher',
  high: 'higher',
  lower: 'lower',
  'lower is better': 'lower',
  low: 'lower',
  band: 'band',
  'within a band': 'band',
  'in range': 'band',
  'within range': 'band',
  none: 'none',
  'n a': 'none',
  contextual: 'none',
};

/** Numbers as spreadsheets show them: "86.2", "86.2%", "1,204", "1 204", "(12)" is not accepted. */
export function parseNumber(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0,]/g, '').replace(/%$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  return Number(t);
}

const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `2017-03`, `2017-3`, `Mar 2017`, `March 2017`, an Excel date → `2017-03`. */
export function normalisePeriod(text: string, value?: unknown): string | undefined {
  if (value instanceof Date) return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}`;
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : undefined;
  }
  m = /^([A-Za-z]{3,9})[\s-]+(\d{4})$/.exec(t);
  if (m) {
    const i = MONTH_ABBR.indexOf(m[1]!.slice(0, 3).toLowerCase());
    return i >= 0 ? `${m[2]}-${String(i + 1).padStart(2, '0')}` : undefined;
  }
  return undefined;
}

/** Column index (0-based) → spreadsheet letters. */
export function columnLetters(index: number): string {
  return columnName(index + 1);
}

type Getter<F extends string> = (f: F) => string;

function cellReader<F extends string>(row: TableRow, columns: Partial<Record<F, number>>, at: (a: string) => Source) {
  const get: Getter<F> = (f) => (columns[f] === undefined ? '' : row.text(columns[f]!));
  const where = (f: F): Source => at(`${columnName(columns[f] ?? 1)}${row.number}`);
  return { get, where };
}

/** The definition fields a row may carry, each read and checked; problems are pushed. */
function readDefinitionFields<F extends 'name' | 'unit' | 'polarity' | 'target'>(
  get: Getter<F>,
  where: (f: F) => Source,
  problems: Problem[],
): { name: string; unit: Unit | undefined; polarity: Polarity | undefined; target: number | undefined; ok: boolean; given: Record<string, boolean> } {
  let ok = true;
  const unitText = get('unit' as F);
  const unit = unitText === '' ? undefined : UNITS[unitText === '%' ? '%' : headerKey(unitText)];
  if (unitText !== '' && !unit) {
    problems.push(problem('BadChoice', { field: 'unit', found: unitText, choices: ['%', 'number', 'days', 'rate per 10,000'] }, where('unit' as F)));
    ok = false;
  }
  const polarityText = get('polarity' as F);
  const polarity = polarityText === '' ? undefined : POLARITIES[headerKey(polarityText)];
  if (polarityText !== '' && !polarity) {
    problems.push(problem('BadChoice', { field: 'polarity', found: polarityText, choices: ['higher', 'lower', 'band', 'none'] }, where('polarity' as F)));
    ok = false;
  }
  const targetText = get('target' as F);
  const target = targetText === '' ? undefined : parseNumber(targetText);
  if (targetText !== '' && target === undefined) {
    problems.push(problem('NotANumber', { field: 'target', found: targetText }, where('target' as F)));
    ok = false;
  }
  return { name: get('name' as F), unit, polarity, target, ok, given: { unit: unitText !== '', polarity: polarityText !== '', target: targetText !== '' } };
}

export interface KpiDefinitionsRead {
  definitions: Map<string, KpiDefinition>;
  source: { file: string; sheet?: string; sha256: string; bytes: number };
}

export async function readKpiDefinitions(
  handle: SourceHandle,
  options: { sheet?: string | undefined; columns?: ColumnAliases<KpiDefinitionField> | undefined; limits?: Limits | undefined } = {},
): Promise<KpiDefinitionsRead> {
  const spec = withAliases(KPI_DEFINITION_COLUMNS, options.columns);
  const table = await openTable<KpiDefinitionField>({ handle, sheet: options.sheet, ...(options.limits ? { limits: options.limits } : {}) }, spec, 'id', (f) => (f === 'id' ? 'measure ID' : f));
  const at = (a: string): Source => table.at(a) as Source;
  const problems: Problem[] = [];
  const definitions = new Map<string, KpiDefinition>();
  for await (const batch of table.batches) for (const row of batch) {
    const { get, where } = cellReader<KpiDefinitionField>(row, table.layout.columns, at);
    if (row.texts().length === 0) continue;
    const id = get('id');
    if (id === '') {
      problems.push(problem('ValueMissing', { field: 'measure ID', expected: 'the measure’s ID' }, where('id')));
      continue;
    }
    const f = readDefinitionFields(get, where, problems);
    if (f.name === '') problems.push(problem('ValueMissing', { field: 'measure name', expected: 'the measure’s name' }, where('name')));
    if (!f.given.unit) problems.push(problem('ValueMissing', { field: 'unit', expected: '%, number, days or rate per 10,000' }, where('unit')));
    if (!f.given.polarity) problems.push(problem('ValueMissing', { field: 'polarity', expected: 'higher, lower, band or none' }, where('polarity')));
    const tolText = get('tolerance');
    const tolerance = tolText === '' ? undefined : parseNumber(tolText);
    if (tolText !== '' && tolerance === undefined) problems.push(problem('NotANumber', { field: 'tolerance', found: tolText }, where('tolerance')));
    const bound = (field: 'low' | 'high'): number | undefined => {
      const t = get(field);
      const n = t === '' ? undefined : parseNumber(t);
      if (t !== '' && n === undefined) problems.push(problem('NotANumber', { field: field === 'low' ? 'band low' : 'band high', found: t }, where(field)));
      return n;
    };
    const low = bound('low');
    const high = bound('high');
    if (f.polarity === 'band' && (low === undefined || high === undefined || low > high)) {
      problems.push(problem('ValueMissing', { field: 'band', expected: 'Band Low and Band High, low ≤ high, for a band measure' }, where(low === undefined ? 'low' : 'high')));
    }
    if (definitions.has(id)) {
      problems.push(problem('DuplicateKey', { what: 'measure', key: id, first: definitions.get(id)!.source.cell }, where('id')));
      continue;
    }
    if (!f.ok || f.name === '' || !f.unit || !f.polarity) continue;
    const percent = tolText.trim().endsWith('%');
    definitions.set(id, {
      id,
      name: f.name,
      unit: f.unit,
      polarity: f.polarity,
      target: f.target,
      // "5%" is relative to the target; a bare number is in the measure's unit.
      tolerance: tolerance === undefined ? undefined : percent ? { kind: 'relative', value: tolerance / 100 } : { kind: 'absolute', value: tolerance },
      band: f.polarity === 'band' && low !== undefined && high !== undefined ? { low, high } : undefined,
      workstream: get('workstream') || undefined,
      source: where('id'),
    });
  }
  if (problems.length > 0) throw new PapersError(problems);
  conform(kpiDefinitionSchema, 'KPI definition', [...definitions.values()]);
  return {
    definitions,
    source: { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), sha256: await sha256Of(handle), bytes: handle.size },
  };
}

export interface KpiReadOptions {
  sheet?: string | undefined;
  columns?: ColumnAliases<KpiField> | undefined;
  limits?: Limits | undefined;
  /** Measures defined in a definitions file (they win over what rows say, which must agree). */
  definitions?: Map<string, KpiDefinition> | undefined;
  /** Months kept, inclusive (`YYYY-MM`); rows outside are checked but not kept. */
  keep?: { from?: string; to?: string } | undefined;
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

export async function readKpis(handle: SourceHandle, options: KpiReadOptions = {}): Promise<KpiSet> {
  const spec = withAliases(KPI_COLUMNS, options.columns);
  const table = await openTable<KpiField>({ handle, sheet: options.sheet, ...(options.limits ? { limits: options.limits } : {}) }, spec, 'id', (f) => (f === 'id' ? 'measure ID' : f));
  const at = (a: string): Source => table.at(a) as Source;
  const problems: Problem[] = [];
  const byId = new Map<string, { kpi: Kpi; months: MonthSet; rawDefinition: unknown[] }>();
  const definitionCols = (['name', 'unit', 'polarity', 'target'] as const).map((f) => table.layout.columns[f]);
  const definitionCells = (row: TableRow): unknown[] => definitionCols.map((c) => (c === undefined ? null : row.value(c)));
  const sameDefinition = (raw: unknown[], row: TableRow): boolean => {
    for (let i = 0; i < definitionCols.length; i++) {
      const c = definitionCols[i];
      if (c !== undefined && raw[i] !== row.value(c)) return false;
    }
    return true;
  };
  const defs = options.definitions;
  const from = options.keep?.from ?? '0000-00';
  const to = options.keep?.to ?? '9999-99';

  const col = table.layout.columns;
  const text = (row: TableRow, f: KpiField): string => (col[f] === undefined ? '' : row.text(col[f]!));

  for await (const batch of table.batches) {
    for (const row of batch) {
      const id = text(row, 'id');
      if (id === '') {
        if (row.texts().length === 0) continue;
        problems.push(problem('ValueMissing', { field: 'measure ID', expected: 'the measure’s ID' }, cellReader<KpiField>(row, col, at).where('id')));
        continue;
      }
      // The definition a row repeats (name, unit, polarity, target) is read and checked once per
      // measure, and again only when the row's raw cells differ from the last row checked.
      let entry = byId.get(id);
      if (!entry || !sameDefinition(entry.rawDefinition, row)) {
        const rawDefinition = definitionCells(row);
        const { get, where } = cellReader<KpiField>(row, col, at);
        const fields = readDefinitionFields(get, where, problems);
        if (!fields.ok) continue;
        if (!entry) {
          const def = defs?.get(id);
          if (def) {
            entry = { kpi: { ...def, values: [] }, months: new MonthSet(), rawDefinition };
          } else if (fields.name === '' || !fields.unit || !fields.polarity) {
            const whereDefined = defs ? 'the KPI definitions, or name, unit and polarity on its rows' : 'name, unit and polarity columns on its rows';
            problems.push(problem('UnknownMeasure', { id, where: whereDefined }, where('id')));
            byId.set(id, { kpi: { id, name: id, unit: 'number', polarity: 'none', target: undefined, values: [], source: where('id') }, months: new MonthSet(), rawDefinition });
            continue;
          } else {
            entry = {
              kpi: { id, name: fields.name, unit: fields.unit, polarity: fields.polarity, target: fields.target, values: [], source: where('id') },
              months: new MonthSet(),
              rawDefinition,
            };
          }
          byId.set(id, entry);
        }
        const k = entry.kpi;
        const firstAt = k.source.cell;
        const check = (field: 'name' | 'unit' | 'polarity' | 'target', found: unknown, first: unknown, given: boolean): void => {
          if (given && found !== first) problems.push(problem('InconsistentKpi', { field, found, first, firstAt }, where(field)));
        };
        check('name', fields.name, k.name, fields.name !== '');
        check('unit', fields.unit, k.unit, fields.given.unit === true);
        check('polarity', fields.polarity, k.polarity, fields.given.polarity === true);
        check('target', fields.target ?? '', k.target ?? '', fields.given.target === true);
        entry.rawDefinition = rawDefinition;
      }

      // Period and value are usually clean already ("2017-02", "86.2"): test the raw text first.
      const periodRaw = row.rawText(col.period!);
      const periodText = PERIOD.test(periodRaw) ? periodRaw : text(row, 'period');
      const period = PERIOD.test(periodText) ? periodText : normalisePeriod(periodText, row.value(col.period!));
      const valueRaw = row.rawText(col.value!);
      const valueText = FAST_NUMBER.test(valueRaw) ? valueRaw : text(row, 'value');
      const suppressed = valueText !== '' && valueText.length <= 3 && SUPPRESSION_CODES.has(valueText.toLowerCase()) ? valueText : undefined;
      // Blank is no data; text that is not a number becomes NaN, which the schema refuses.
      const numeric = (t: string): number | undefined => (t === '' ? undefined : FAST_NUMBER.test(t) ? Number(t) : (parseNumber(t) ?? Number.NaN));
      const v: KpiRow = {
        period,
        value: suppressed !== undefined ? undefined : numeric(valueText),
        numerator: numeric(text(row, 'numerator')),
        denominator: numeric(text(row, 'denominator')),
      };
      if (!kpiRowValid(v)) {
        const { where } = cellReader<KpiField>(row, col, at);
        const parsed = kpiRowSchema.safeParse(v);
        for (const issue of parsed.success ? [] : parsed.error.issues) {
          const f = issue.path[0] as 'period' | 'value' | 'numerator' | 'denominator';
          if (f === 'period') problems.push(problem('BadPeriod', { found: periodText }, where('period')));
          else problems.push(problem('NotANumber', { field: f, found: text(row, f) }, where(f)));
        }
        continue;
      }
      const month = v.period!;
      const idx = monthIndex(month);
      const keep = month >= from && month <= to;
      if (entry.months.has(idx)) {
        const { where } = cellReader<KpiField>(row, col, at);
        problems.push(problem('DuplicatePeriod', { id, period: month, first: entry.months.firstCell(idx) }, where('period')));
        continue;
      }
      entry.months.add(idx, keep ? `${columnName(col.period!)}${row.number}` : '', keep);
      if (keep && (v.value !== undefined || suppressed !== undefined)) {
        entry.kpi.values.push({
          period: month,
          value: v.value,
          ...(suppressed !== undefined ? { suppressed } : {}),
          ...(v.numerator !== undefined ? { numerator: v.numerator } : {}),
          ...(v.denominator !== undefined ? { denominator: v.denominator } : {}),
          source: at(`${columnName(col.value!)}${row.number}`),
        });
      }
    }
  }
  if (problems.length > 0) throw new PapersError(problems);
  const kpis = [...byId.values()].map((e) => e.kpi);
  for (const k of kpis) k.values.sort((a, b) => a.period.localeCompare(b.period));
  return {
    kpis,
    source: { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), sha256: await sha256Of(handle), bytes: handle.size },
  };
}
