/**
 * The KPI return CSV → `KpiSet`. One row per measure per month (long format, as returned by
 * performance teams): measure id, name, unit, polarity, target, period, value.
 *
 * Policy
 * - Headers match by text with aliases, case- and space-insensitively; column order is free.
 * - Text is UTF-8 (a byte-order mark is dropped); a file that is not valid UTF-8 is read as
 *   Windows-1252, which is what Excel writes for "CSV" on a UK desktop.
 * - Cells are named as a spreadsheet would show them (`kpis.csv › F12`): officers open CSVs in Excel.
 * - Errors, all collected: missing column, value or target not a number, period not YYYY-MM, unknown
 *   unit or polarity, a measure whose name/unit/polarity/target changes between rows, two values for
 *   one month. A blank value is no data for that month (not an error).
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { problem, PapersError, type Problem } from '../errors.js';
import { headerKey, tidy, type Kpi, type KpiSet, type Polarity, type Source, type Unit } from '../model/index.js';

export const KPI_COLUMNS = {
  id: { required: true, aliases: ['Measure ID', 'KPI ID', 'ID', 'Ref'] },
  name: { required: true, aliases: ['Measure Name', 'Measure', 'KPI', 'Name', 'Indicator'] },
  unit: { required: true, aliases: ['Unit', 'Units'] },
  polarity: { required: true, aliases: ['Polarity', 'Good Is', 'Better When'] },
  target: { required: false, aliases: ['Target'] },
  period: { required: true, aliases: ['Period', 'Month'] },
  value: { required: true, aliases: ['Value', 'Actual', 'Result'] },
} as const;
type Field = keyof typeof KPI_COLUMNS;

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
};
const POLARITIES: Record<string, Polarity> = {
  higher: 'higher',
  'higher is better': 'higher',
  high: 'higher',
  lower: 'lower',
  'lower is better': 'lower',
  low: 'lower',
  none: 'none',
  'n a': 'none',
  '': 'none',
};

export interface KpiInput {
  bytes: Buffer;
  display: string;
  sha256: string;
}

/** UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252 (Node 20's own TextDecoder reads that label as Latin-1, losing “ ” – €). */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'win1252');
  }
}

/** Column index (0-based) → spreadsheet letters. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function parseNumber(text: string): number | undefined {
  const t = tidy(text).replace(/,/g, '').replace(/%$/, '').trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  return Number(t);
}

export function readKpis(input: KpiInput): KpiSet {
  const file = input.display;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decodeText(input.bytes), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new PapersError([problem('SourceUnreadable', { reason, expected: 'a CSV file' }, { file })]);
  }
  const header = records[0];
  if (!header) {
    throw new PapersError([problem('HeaderNotFound', { expected: 'a header row', scanned: 0 }, { file })]);
  }
  const columns: Partial<Record<Field, number>> = {};
  header.record.forEach((h, i) => {
    const key = headerKey(h);
    for (const [field, spec] of Object.entries(KPI_COLUMNS) as [Field, (typeof KPI_COLUMNS)[Field]][]) {
      if (columns[field] === undefined && spec.aliases.some((a) => headerKey(a) === key)) columns[field] = i;
    }
  });
  const missing = (Object.keys(KPI_COLUMNS) as Field[]).filter((f) => KPI_COLUMNS[f].required && columns[f] === undefined);
  if (missing.length > 0) {
    const found = header.record.map((h) => tidy(h)).filter(Boolean);
    const span = `A${header.info.lines}:${columnLetters(Math.max(0, header.record.length - 1))}${header.info.lines}`;
    throw new PapersError(
      missing.map((f) =>
        problem('ColumnMissing', { column: f, aliases: [...KPI_COLUMNS[f].aliases], found }, { file, cell: span }),
      ),
    );
  }

  const problems: Problem[] = [];
  const byId = new Map<string, Kpi>();
  const periodsSeen = new Map<string, string>();

  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const at = (f: Field): Source => ({ file, cell: `${columnLetters(columns[f]!)}${line}` });
    const get = (f: Field): string => (columns[f] === undefined ? '' : tidy(record[columns[f]!] ?? ''));
    if (record.every((c) => tidy(c) === '')) continue;

    const id = get('id');
    if (id === '') {
      problems.push(problem('ValueMissing', { field: 'measure ID', expected: 'the measure’s ID' }, at('id')));
      continue;
    }
    const unitText = get('unit');
    const unit = UNITS[headerKey(unitText) || unitText];
    if (!unit) problems.push(problem('BadChoice', { field: 'unit', found: unitText, choices: ['%', 'number', 'days', 'rate per 10,000'] }, at('unit')));
    const polarityText = get('polarity');
    const polarity = POLARITIES[headerKey(polarityText)];
    if (!polarity) problems.push(problem('BadChoice', { field: 'polarity', found: polarityText, choices: ['higher', 'lower', 'none'] }, at('polarity')));
    const targetText = get('target');
    const target = targetText === '' ? undefined : parseNumber(targetText);
    if (targetText !== '' && target === undefined) problems.push(problem('NotANumber', { field: 'target', found: targetText }, at('target')));
    const period = normalisePeriod(get('period'));
    if (!period) problems.push(problem('BadPeriod', { found: get('period') }, at('period')));
    const valueText = get('value');
    const value = valueText === '' ? undefined : parseNumber(valueText);
    if (valueText !== '' && value === undefined) problems.push(problem('NotANumber', { field: 'value', found: valueText }, at('value')));
    const name = get('name');
    if (name === '') problems.push(problem('ValueMissing', { field: 'measure name', expected: 'the measure’s name' }, at('name')));
    if (!unit || !polarity || !period || name === '' || (targetText !== '' && target === undefined)) continue;

    let kpi = byId.get(id);
    if (!kpi) {
      kpi = { id, name, unit, polarity, target, values: [], source: at('id') };
      byId.set(id, kpi);
    } else {
      const firstAt = kpi.source.cell;
      const check = (field: string, found: unknown, first: unknown, f: Field): void => {
        if (found !== first) problems.push(problem('InconsistentKpi', { field, found, first, firstAt }, at(f)));
      };
      check('name', name, kpi.name, 'name');
      check('unit', unit, kpi.unit, 'unit');
      check('polarity', polarity, kpi.polarity, 'polarity');
      check('target', target ?? '', kpi.target ?? '', 'target');
    }
    const key = `${id}\u0000${period}`;
    if (periodsSeen.has(key)) {
      problems.push(problem('DuplicatePeriod', { id, period, first: periodsSeen.get(key)! }, at('period')));
      continue;
    }
    periodsSeen.set(key, at('period').cell);
    if (value !== undefined) kpi.values.push({ period, value, source: at('value') });
  }
  if (problems.length > 0) throw new PapersError(problems);
  const kpis = [...byId.values()];
  for (const k of kpis) k.values.sort((a, b) => a.period.localeCompare(b.period));
  return { kpis, source: { file, sha256: input.sha256, bytes: input.bytes.length } };
}

const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `2017-03`, `2017-3`, `Mar 2017`, `March 2017` → `2017-03`. */
export function normalisePeriod(text: string): string | undefined {
  const t = tidy(text);
  let m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : undefined;
  }
  m = /^([A-Za-z]{3,9})\s+(\d{4})$/.exec(t);
  if (m) {
    const i = MONTH_ABBR.indexOf(m[1]!.slice(0, 3).toLowerCase());
    return i >= 0 ? `${m[2]}-${String(i + 1).padStart(2, '0')}` : undefined;
  }
  return undefined;
}
