/**
 * Opening .xlsx workbooks and reading cells as a person sees them.
 *
 * Policy: a file that is not a readable workbook is a user problem (SourceUnreadable), never a crash.
 * Merged cells read as their top-left cell's value wherever the merge reaches — what a reader sees.
 */
import ExcelJS from 'exceljs';
import { problem, PapersError } from '../errors.js';

export type Worksheet = ExcelJS.Worksheet;
export type WorkbookCell = ExcelJS.Cell;

export async function openWorkbook(bytes: Buffer, display: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types want its own Buffer flavour; a Node Buffer is what it reads.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new PapersError([
      problem('SourceUnreadable', { reason, expected: 'an Excel workbook (.xlsx)' }, { file: display }),
    ]);
  }
  return workbook;
}

export function pickSheet(workbook: ExcelJS.Workbook, name: string | undefined, display: string): Worksheet {
  const sheets = workbook.worksheets;
  if (name === undefined) {
    const first = sheets[0];
    if (first) return first;
    throw new PapersError([problem('SheetNotFound', { sheet: '(any)', sheets: [] }, { file: display })]);
  }
  const wanted = name.trim().toLowerCase();
  const found = sheets.find((s) => s.name.trim().toLowerCase() === wanted);
  if (found) return found;
  throw new PapersError([
    problem('SheetNotFound', { sheet: name, sheets: sheets.map((s) => s.name) }, { file: display }),
  ]);
}

/** The text of a cell as displayed: rich text flattened, formulas as their result, dates as dd/mm/yyyy. */
export function cellText(cell: WorkbookCell): string {
  return valueText(cell.value);
}

function valueText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const dd = String(v.getUTCDate()).padStart(2, '0');
    const mm = String(v.getUTCMonth() + 1).padStart(2, '0');
    return `${dd}/${mm}/${v.getUTCFullYear()}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return valueText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** True for a cell covered by a merge whose value lives in another (top-left) cell. */
export function isCoveredByMerge(cell: WorkbookCell): boolean {
  return cell.isMerged && cell.master.address !== cell.address;
}
