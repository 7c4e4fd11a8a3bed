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
 * Rows the sheet hides are noted on the way (exceljs does not read the attribute): a hidden row is still
 * read, and the reader says so (RowsHidden).
 *
 * A formula with no saved result (a file written by a program that does not calculate, never opened
 * and saved in a spreadsheet program) has no value to read: its cell is recorded, and the sheet is
 * refused once read (FormulaNotCalculated) rather than read as empty.
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
}

const HIDDEN = /<row\b[^>]*?\shidden="(?:1|true)"[^>]*>/g;

/** Notes the hidden rows in a stretch of the part that holds whole tags only. */
function noteHidden(slice: Buffer, found: SheetFindings): void {
  if (found.hidden === undefined || (slice.indexOf('hidden="1"', 0, 'latin1') < 0 && slice.indexOf('hidden="true"', 0, 'latin1') < 0)) return;
  for (const m of slice.toString('latin1').matchAll(HIDDEN)) {
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

/** One whole formula cell, `<c …>…</c>`, without its formula; records it when it has no saved result. */
function rewrite(cell: string, found: SheetFindings): string {
  const open = /^<c\b[^>]*>/.exec(cell)![0];
  const v = V_ELEMENT.exec(cell);
  const type = /\st="([^"]*)"/.exec(open)?.[1] ?? 'n';
  if (v === null || (v[1] === '' && type !== 'str' && type !== 'inlineStr')) {
    found.count += 1;
    if (found.cells.length < 3) {
      const formula = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(cell)?.[1] ?? '';
      found.cells.push({ cell: /\sr="([^"]*)"/.exec(open)?.[1] ?? '?', formula: decodeXml(formula) });
    }
    return `${open}</c>`; // read as empty; the sheet is refused at its end
  }
  return cell.replace(F_ELEMENT, '');
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
    for (;;) {
      const f = nextFormula(buf, pos);
      if (f < 0) {
        // Hold back a cell not yet closed (its formula may come in the next chunk), or a tag cut off.
        const end = heldFrom(buf, pos);
        if (end > pos) out.push(buf.subarray(pos, end));
        if (end > pos) noteHidden(buf.subarray(pos, end), found);
        if (end < buf.length) carry = Buffer.from(buf.subarray(end));
        break;
      }
      const start = cellStart(buf, f, pos);
      const close = buf.indexOf(CLOSE_CELL, f);
      if (f + 2 >= buf.length || close < 0) {
        // The cell is not whole yet: pass on what is before it, keep the cell for the next chunk.
        const keep = start >= 0 ? start : f;
        if (keep > pos) out.push(buf.subarray(pos, keep));
        if (keep > pos) noteHidden(buf.subarray(pos, keep), found);
        carry = Buffer.from(buf.subarray(keep));
        break;
      }
      const after = close + CLOSE_CELL.length;
      if (start < 0) {
        out.push(buf.subarray(pos, after)); // a formula element outside any cell: not one we know; as it is
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
