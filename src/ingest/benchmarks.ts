/**
 * National benchmarks from the Department for Education's Explore Education Statistics "tidy" CSVs:
 * for one local authority and one measure column, per year — its own value, England, its region, and
 * the mean and median of its 10 statistical neighbours (from the DfE's statistical-neighbour model).
 *
 * Policy
 * - Suppressed or missing values (c, x, u, z, k, low, :, .., blank) are ignored, never read as 0; the
 *   neighbour figures say how many of the 10 neighbours had a value.
 * - Files with several rows per authority and year (breakdowns, population types) need a filter in the
 *   config (`where: { population_type: … }`); rows must then be unique per geography and year.
 * - An authority, column or filter that matches nothing is a BenchmarkNotFound problem.
 * Data: Department for Education, Explore Education Statistics, Open Government Licence v3.0.
 */
import { parse } from 'csv-parse/sync';
import { problem, PapersError } from '../errors.js';
import { SUPPRESSION_CODES, type BenchmarkSeries, type BenchmarkYear, type Neighbours } from '../model/index.js';
import { decodeText, sha256Of, type SourceHandle } from './text.js';

export { SUPPRESSION_CODES };

type Row = Record<string, string>;

/** A statistics file, parsed once (several measures often come from one file): header and raw rows. */
export interface StatisticsFile {
  header: string[];
  rows: string[][];
  sha256: string;
  handle: SourceHandle;
}

export interface StatisticsOptions {
  /**
   * The local authorities whose rows are wanted (old LA codes: the council and its neighbours). Every
   * other authority's row is skipped without being split into fields; national and regional rows, and
   * any row this cannot tell apart cheaply, are always kept. Undefined: every row.
   */
  authorities?: ReadonlySet<string> | undefined;
}

const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true } as const;

export async function readStatistics(handle: SourceHandle, options: StatisticsOptions = {}): Promise<StatisticsFile> {
  const chunks: Buffer[] = [];
  for await (const c of handle.open() as AsyncIterable<Buffer>) chunks.push(c);
  const bytes = Buffer.concat(chunks);
  try {
    const [header = [], ...rows] = statisticsRows(decodeText(bytes), options.authorities);
    return { header: header.map((h) => h.trim()), rows, sha256: await sha256Of(handle), handle };
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new PapersError([problem('SourceUnreadable', { reason, expected: 'a DfE statistics CSV' }, { file: handle.display })]);
  }
}

/**
 * The file's records, header first: with `authorities`, only the local-authority rows of those codes.
 * A DfE file holds every English authority (≈ 150) for every year, and a paper quotes 11 of them, so
 * most of its rows are dropped here by looking at two fields of each line — a fifth of the time of
 * parsing them all (the 3.3 MB of the sample's DfE files: ≈ 100 ms against ≈ 300–450). A line with a
 * quote in it is parsed properly, and a file whose quotes run over a line break is parsed whole.
 */
function statisticsRows(text: string, authorities: ReadonlySet<string> | undefined): string[][] {
  const whole = (): string[][] => parse(text, CSV_OPTIONS) as string[][];
  if (!authorities || (text.includes('\r') && !text.includes('\r\n'))) return whole();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const first = lines[0]!.replace(/\r$/, '');
  if ((first.split('"').length - 1) % 2 === 1) return whole();
  const head = (parse(first, CSV_OPTIONS) as string[][])[0] ?? [];
  const level = head.findIndex((f) => f.trim() === 'geographic_level');
  const code = head.findIndex((f) => f.trim() === 'old_la_code');
  if (level < 0 || code < level) return whole();
  /** A row of an authority that is not wanted, from its level and code fields. */
  const elsewhere = (levelText: string, codeText: string): boolean => levelText.trim() === 'Local authority' && !authorities.has(codeText.trim());
  /** Whether the line is another authority's row, from its first fields (undefined: a quote comes first). */
  const someoneElse = (line: string): boolean | undefined => {
    let at = 0;
    let levelText = '';
    for (let i = 0; ; i++) {
      const comma = line.indexOf(',', at);
      const field = comma < 0 ? line.slice(at) : line.slice(at, comma);
      if (field.includes('"')) return undefined;
      if (i === level) levelText = field;
      if (i === code) return elsewhere(levelText, field);
      if (comma < 0) return false; // a short row: kept, and read as it is
      at = comma + 1;
    }
  };
  // Lines without quotes are split here; those with quotes are parsed together, in one call, at the end.
  const rows: (string[] | undefined)[] = [head];
  const quoted: string[] = [];
  const quotedAt: number[] = [];
  for (let n = 1; n < lines.length; n++) {
    const raw = lines[n]!;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || someoneElse(line) === true) continue;
    if (!line.includes('"')) {
      rows.push(line.split(','));
      continue;
    }
    if ((line.split('"').length - 1) % 2 === 1) return whole(); // a quoted field runs on to the next line
    quotedAt.push(rows.length);
    quoted.push(line);
    rows.push(undefined);
  }
  if (quoted.length > 0) {
    const parsed = parse(quoted.join('\n'), CSV_OPTIONS) as string[][];
    if (parsed.length !== quoted.length) return whole();
    quotedAt.forEach((at, i) => (rows[at] = parsed[i]));
  }
  // Another authority's row whose code field is quoted: known only now.
  return rows.filter((r): r is string[] => r !== undefined && (r === head || !elsewhere(r[level] ?? '', r[code] ?? '')));
}

/** Rows as records, for the small files (the neighbour model) where that is simplest. */
function records(stats: StatisticsFile): Row[] {
  return stats.rows.map((r) => Object.fromEntries(stats.header.map((h, i) => [h, r[i] ?? ''])));
}

export async function readNeighbours(handle: SourceHandle): Promise<Map<string, Neighbours>> {
  const rows = records(await readStatistics(handle));
  const out = new Map<string, Neighbours>();
  for (const r of rows) {
    const code = (r.old_la_code ?? '').trim();
    if (code === '') continue;
    const neighbours: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const n = (r[`SN_${i}`] ?? '').trim();
      if (n !== '') neighbours.push(n);
    }
    out.set(code, { code, name: (r.la_name ?? '').trim(), region: (r.region_name ?? '').trim(), neighbours });
  }
  if (out.size === 0) {
    throw new PapersError([problem('BenchmarkNotFound', { what: 'authorities', expected: 'a statistical-neighbour file with old_la_code and SN_1 … SN_10 columns' }, { file: handle.display })]);
  }
  return out;
}

export function numberOrSuppressed(text: string | undefined): number | undefined {
  const t = (text ?? '').trim().toLowerCase();
  if (SUPPRESSION_CODES.has(t)) return undefined;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

export function periodLabel(period: string): string {
  return /^\d{6}$/.test(period) ? `${period.slice(0, 4)}/${period.slice(4)}` : period;
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1]! + s[m]!) / 2;
}

export interface BenchmarkRequest {
  /** The council's old (three-digit) LA code, e.g. "885". */
  la: string;
  column: string;
  where?: Record<string, string> | undefined;
}

export async function readBenchmark(
  source: SourceHandle | StatisticsFile,
  request: BenchmarkRequest,
  neighbours: Map<string, Neighbours>,
): Promise<BenchmarkSeries> {
  const stats = 'rows' in source ? source : await readStatistics(source);
  const handle = stats.handle;
  const file = handle.display;
  const { header, rows, sha256 } = stats;
  const me = neighbours.get(request.la);
  if (!me) {
    throw new PapersError([problem('BenchmarkNotFound', { what: `local authority with old LA code "${request.la}"`, expected: 'a code listed in the statistical-neighbour file (e.g. 885)' }, { file })]);
  }
  const col = (name: string): number => header.indexOf(name);
  const valueCol = col(request.column);
  if (valueCol < 0) {
    throw new PapersError([
      problem('BenchmarkNotFound', { what: `column "${request.column}"`, expected: `one of ${header.filter((k) => !/^(time_|geographic|country|region|old_la|new_la|la_name)/.test(k)).join(', ')}` }, { file }),
    ]);
  }
  const [yearCol, levelCol, regionCol, laCol] = ['time_period', 'geographic_level', 'region_name', 'old_la_code'].map(col) as [number, number, number, number];
  const filters = Object.entries(request.where ?? {}).map(([k, v]) => [col(k), v] as const);
  const cell = (r: string[], i: number): string => (i < 0 ? '' : (r[i] ?? '').trim());
  const filtered = rows.filter((r) => filters.every(([i, v]) => cell(r, i) === v));
  if (filtered.length === 0) {
    throw new PapersError([problem('BenchmarkNotFound', { what: `rows matching ${JSON.stringify(request.where)}`, expected: 'the filter to name values found in the file' }, { file })]);
  }

  // Index: year → geography key → value.
  const byYear = new Map<string, Map<string, number | undefined>>();
  for (const r of filtered) {
    const year = cell(r, yearCol);
    const level = cell(r, levelCol);
    const key = level === 'National' ? 'E' : level === 'Regional' ? `R:${cell(r, regionCol)}` : level === 'Local authority' ? `L:${cell(r, laCol)}` : undefined;
    if (!key || year === '') continue;
    let m = byYear.get(year);
    if (!m) byYear.set(year, (m = new Map()));
    if (m.has(key)) {
      // Which descriptive columns differ between rows of one geography and year: those need a filter.
      const same = filtered.filter((o) => cell(o, yearCol) === year && cell(o, levelCol) === level);
      const columns = header.filter(
        (c, i) => !/^(time_|geographic|country|region|old_la|new_la|la_name)/.test(c) && !/^-?[\d.]+$|^[cxuzk]$/.test(cell(r, i)) && new Set(same.map((o) => o[i])).size > 1,
      );
      throw new PapersError([problem('BenchmarkAmbiguous', { geography: key === 'E' ? 'England' : key.slice(2), year, columns }, { file })]);
    }
    m.set(key, numberOrSuppressed(r[valueCol]));
  }
  if (![...byYear.values()].some((m) => m.has(`L:${request.la}`))) {
    throw new PapersError([problem('BenchmarkNotFound', { what: `rows for ${me.name} (${request.la})`, expected: 'the authority to appear in this file' }, { file })]);
  }
  const years = [...byYear.keys()].sort().map((period) => {
    const m = byYear.get(period)!;
    const values = me.neighbours.map((n) => m.get(`L:${n}`)).filter((v): v is number => v !== undefined);
    return {
      period,
      label: periodLabel(period),
      own: m.get(`L:${request.la}`),
      england: m.get('E'),
      region: { name: me.region, value: m.get(`R:${me.region}`) },
      neighbours: {
        mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined,
        median: median(values),
        used: values.length,
        of: me.neighbours.length,
      },
    };
  });
  return { la: { code: me.code, name: me.name }, column: request.column, years, source: { file, sha256, bytes: handle.size } };
}
