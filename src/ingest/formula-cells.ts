/**
 * Formula cells read as what the spreadsheet shows: their saved result, typed as the cell says.
 *
 * exceljs's streaming reader keeps a formula cell as `{formula, result}` and loses the result's type on
 * the way: a date (`=B5+28`, formatted as a date) comes through as its serial number (42825, printed
 * "42825"); an error (#N/A, #DIV/0!) and an empty text (`=IF(D5="","",…)`) both come through as no
 * result at all, indistinguishable from a formula that was never calculated; TRUE comes through as 1.
 * Checked on a workbook saved by LibreOffice Calc (test/unit/ingest-formula-cells.test.ts).
 *
 * So the worksheet's XML is passed on with each formula cell's `<f>` element taken out: exceljs then
 * reads the cached `<v>` as it reads any other cell, by its `t` type and number format — a date as a
 * date, an error as its code, an empty text as empty. Nothing else in the part changes; a chunk with no
 * formula is passed on as it came (the markup is ASCII, so searching the bytes is safe in UTF-8).
 *
 * Rows and columns the sheet hides are noted on the way (exceljs does not read the attribute): a hidden
 * row or column is still read, and the reader says so (RowsHidden, ColumnsHidden).
 *
 * A formula with no saved result (a file written by a program that does not calculate, never opened
 * and saved in a spreadsheet program) has no value to read: its cell is recorded, and the sheet is
 * refused once read (FormulaNotCalculated) rather than read as empty.
 *
 * Two more kinds of cell are rewritten on the way, both written by programs other than Excel and
 * LibreOffice (exports from line-of-business systems, scripts), and both read wrong by exceljs without a word:
 * - an inline string in runs (`<is><r><t>Recruit </t></r><r><rPr><b/></rPr><t>six</t></r>…</is>`, part of
 *   it bold): exceljs keeps only the last run's text ("six"). Its runs' text is joined into one `<t>`
 *   (phonetic guides, `<rPh>`, left out, as a spreadsheet program shows them);
 * - a date cell (`t="d"`, `<v>2017-03-31T00:00:00Z</v>`): exceljs reads the ISO text as a number, 2017 (in
 *   a date format, 9 July 1905). It is passed on as Excel opens it, the day number (42825, with the time
 *   as a fraction), which the cell's date format makes a date; text that is not an ISO date is passed on
 *   as text, for the reader to report.
 */

const LT = 0x3c; // <
const SLASH = 0x2f; // /
const CLOSE_CELL = Buffer.from('</c>');

/** What one worksheet part showed as it streamed past: the cells whose formula has no saved result, and the rows it hides. */
export interface SheetFindings {
  /** The first few cells (A1 references) and their formulas, in the order met. */
  cells: { cell: string; formula: string }[];
  count: number;
  /** Rows the sheet hides (`<row r="12" hidden="1">`): exceljs's streaming reader does not say. */
  hidden?: Set<number>;
  /** Columns the sheet hides, as first–last ranges (`<col min="5" max="6" hidden="1"/>`): nor of these. */
  hiddenColumns?: [number, number][];
}

const HIDDEN = /<(row|col)\b[^>]*?\shidden="(?:1|true)"[^>]*>/g;

/** Notes the hidden rows and columns in a stretch of the part that holds whole tags only. */
function noteHidden(slice: Buffer, found: SheetFindings): void {
  if (found.hidden === undefined || (slice.indexOf('hidden="1"', 0, 'latin1') < 0 && slice.indexOf('hidden="true"', 0, 'latin1') < 0)) return;
  for (const m of slice.toString('latin1').matchAll(HIDDEN)) {
    if (m[1] === 'col') {
      const [min, max] = [/\smin="(\d+)"/.exec(m[0])?.[1], /\smax="(\d+)"/.exec(m[0])?.[1]];
      if (min !== undefined) (found.hiddenColumns ??= []).push([Number(min), Number(max ?? min)]);
      continue;
    }
    const r = /\sr="(\d+)"/.exec(m[0]);
    if (r) found.hidden.add(Number(r[1]));
  }
}

/** The index of the next `<f` that opens a formula element (`<f>`, `<f `, `<f/`) at or after `from`; -1 if none. */
function nextFormula(buf: Buffer, from: number): number {
  for (let i = buf.indexOf('<f', from, 'latin1'); i >= 0; i = buf.indexOf('<f', i + 2, 'latin1')) {
    const next = buf[i + 2];
    if (next === undefined) return i; // cut after "<f": decided with the next chunk
    if (next === 0x3e || next === 0x20 || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) return i;
  }
  return -1;
}

const RUN = Buffer.from('<r>');
const PHONETIC_RUN = Buffer.from('<rPh');
const DATE_TYPE = Buffer.from(' t="d"');

/**
 * The next place at or after `from` in `buf` that makes its cell one to rewrite (see the top of this
 * file): a formula element, a run of an inline string, a date cell's type; -1 if none. Each kind is
 * searched for again only once `from` has passed where it was found, so a chunk is read once for each.
 */
function rewrites(buf: Buffer): (from: number) => number {
  const tokens = [RUN, PHONETIC_RUN, DATE_TYPE];
  const at = tokens.map(() => -2); // -2: not looked for yet; -1: none left in this chunk
  let formula = -2;
  return (from) => {
    if (formula !== -1 && formula < from) formula = nextFormula(buf, from);
    let next = formula;
    tokens.forEach((token, k) => {
      if (at[k] !== -1 && at[k]! < from) at[k] = buf.indexOf(token, from);
      const i = at[k]!;
      if (i >= 0 && (next < 0 || i < next)) next = i;
    });
    return next;
  };
}

/** The start of the `<c …>` element that holds `at`: the last `<c` followed by a space or `>` before it. */
function cellStart(buf: Buffer, at: number, floor: number): number {
  for (let i = buf.lastIndexOf('<c', at, 'latin1'); i >= floor; i = buf.lastIndexOf('<c', i - 1, 'latin1')) {
    const next = buf[i + 2];
    if (next === 0x20 || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d) return i;
    if (i === 0) break;
  }
  return -1;
}

/**
 * Where the part of `buf` that must wait for the next chunk starts (buf.length if none): the last cell
 * if it is not closed yet, else a tag cut off at the end.
 */
function heldFrom(buf: Buffer, pos: number): number {
  const cell = cellStart(buf, buf.length - 1, pos);
  if (cell >= 0) {
    const openEnd = buf.indexOf('>', cell, 'latin1');
    if (openEnd < 0) return cell;
    if (buf[openEnd - 1] !== SLASH && buf.indexOf(CLOSE_CELL, openEnd) < 0) return cell;
  }
  const lt = buf.lastIndexOf(LT);
  return lt >= pos && buf.indexOf('>', lt, 'latin1') < 0 ? lt : buf.length;
}

const F_ELEMENT = /<f\b[^>]*\/>|<f\b[^>]*>[\s\S]*?<\/f>/g;
const V_ELEMENT = /<v\b[^>]*>([\s\S]*?)<\/v>/;

const IS_ELEMENT = /<is\b[^>]*>([\s\S]*?)<\/is>/;
const T_ELEMENT = /<t\b[^>]*>([\s\S]*?)<\/t>/g;
const EMPTY_T = /<t\b[^>]*\/>/g;
const PHONETIC = /<rPh\b[\s\S]*?<\/rPh>|<phoneticPr\b[^>]*\/>/g;
/** An ISO date, as a date cell holds it ("2017-03-31", "2017-03-31T13:45:00Z"); a zone is ignored, as Excel does. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** The day number Excel gives an ISO date (1900 date system, from 1 March 1900), or undefined when it is not one. */
function excelSerial(iso: string): number | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const day = Date.UTC(y, mo - 1, d);
  const back = new Date(day);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || day < Date.UTC(1900, 2, 1) || h > 23 || mi > 59 || sec >= 60) return undefined;
  return (day - Date.UTC(1899, 11, 30)) / 86_400_000 + (h * 3600 + mi * 60 + sec) / 86_400;
}

/**
 * One whole cell, `<c …>…</c>`, as exceljs should read it (see the top of this file): without its
 * formula (recorded when it has no saved result), an inline string's runs as one text, a date cell's
 * ISO date as Excel's day number. Any other cell comes back as it was.
 */
function rewrite(cell: string, found: SheetFindings): string {
  const open = /^<c\b[^>]*>/.exec(cell)![0];
  const type = /\st="([^"]*)"/.exec(open)?.[1] ?? 'n';
  let out = cell;
  if (/<f\b/.test(cell)) {
    const v = V_ELEMENT.exec(cell);
    if (v === null || (v[1] === '' && type !== 'str' && type !== 'inlineStr')) {
      found.count += 1;
      if (found.cells.length < 3) {
        const formula = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(cell)?.[1] ?? '';
        found.cells.push({ cell: /\sr="([^"]*)"/.exec(open)?.[1] ?? '?', formula: decodeXml(formula) });
      }
      return `${open}</c>`; // read as empty; the sheet is refused at its end
    }
    out = cell.replace(F_ELEMENT, '');
  }
  if (type === 'inlineStr') {
    const is = IS_ELEMENT.exec(out);
    if (is === null) return out;
    const text = [...is[1]!.replace(PHONETIC, '').replace(EMPTY_T, '').matchAll(T_ELEMENT)].map((t) => t[1]).join('');
    return out.replace(IS_ELEMENT, () => `<is><t xml:space="preserve">${text}</t></is>`);
  }
  if (type === 'd') {
    const v = V_ELEMENT.exec(out);
    if (v === null) return out;
    // As Excel opens it: the day number, shown in the cell's format (a date format, as such a cell has).
    // Not an ISO date: passed on as text, for the reader to refuse as the value it is.
    const serial = excelSerial(v[1]!.trim());
    const typed = serial === undefined ? ' t="str"' : '';
    return out.replace(/^<c\b[^>]*>/, (o) => o.replace(/\st="d"/, typed)).replace(V_ELEMENT, (whole) => (serial === undefined ? whole : `<v>${serial}</v>`));
  }
  return out;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

/**
 * The worksheet part's chunks with formula elements taken out (see above). `found` collects the cells
 * whose formulas have no saved result. At most one cell is held back between chunks.
 */
export async function* withoutFormulas(chunks: AsyncIterable<Buffer>, found: SheetFindings): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    const buf = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    carry = undefined;
    const out: Buffer[] = [];
    let pos = 0;
    const nextRewrite = rewrites(buf);
    for (;;) {
      const f = nextRewrite(pos);
      if (f < 0) {
        // Hold back a cell not yet closed (what makes it one to rewrite may come in the next chunk), or a tag cut off.
        const end = heldFrom(buf, pos);
        if (end > pos) out.push(buf.subarray(pos, end));
        if (end > pos) noteHidden(buf.subarray(pos, end), found);
        if (end < buf.length) carry = Buffer.from(buf.subarray(end));
        break;
      }
      const start = cellStart(buf, f, pos);
      const openEnd = start >= 0 ? buf.indexOf('>', start, 'latin1') : -1;
      if (openEnd >= 0 && buf[openEnd - 1] === SLASH) {
        // A cell with nothing in it (`<c r="D8" s="5" t="d"/>`), what was found in it or after it: passed on as it is.
        out.push(buf.subarray(pos, openEnd + 1));
        noteHidden(buf.subarray(pos, openEnd + 1), found);
        pos = openEnd + 1;
        continue;
      }
      const close = buf.indexOf(CLOSE_CELL, f);
      if (f + 2 >= buf.length || close < 0 || (start >= 0 && openEnd < 0)) {
        // The cell is not whole yet: pass on what is before it, keep the cell for the next chunk.
        const keep = start >= 0 ? start : f;
        if (keep > pos) out.push(buf.subarray(pos, keep));
        if (keep > pos) noteHidden(buf.subarray(pos, keep), found);
        carry = Buffer.from(buf.subarray(keep));
        break;
      }
      const after = close + CLOSE_CELL.length;
      if (start < 0) {
        out.push(buf.subarray(pos, after)); // outside any cell: not one we know; as it is
        noteHidden(buf.subarray(pos, after), found);
      } else {
        if (start > pos) out.push(buf.subarray(pos, start));
        if (start > pos) noteHidden(buf.subarray(pos, start), found);
        out.push(Buffer.from(rewrite(buf.toString('utf8', start, after), found), 'utf8'));
      }
      pos = after;
    }
    if (out.length === 1) yield out[0]!;
    else if (out.length > 1) yield Buffer.concat(out);
  }
  if (carry !== undefined && carry.length > 0) {
    noteHidden(carry, found);
    yield carry;
  }
  if (found.count > 0) throw new NotCalculated(found);
}

/** Thrown at the end of a worksheet that holds formulas with no saved result (rows.ts names the problem). */
export class NotCalculated extends Error {
  constructor(readonly found: SheetFindings) {
    super(`${found.count} formula cells have no saved result`);
  }
}
