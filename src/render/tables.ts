/**
 * Each appendix's table as data, for the CSV and JSON written beside the PDF: the same rows the
 * paper prints, each with the cell it came from. Pure; made from the view, so the files can never
 * disagree with the paper.
 */
import { stringify } from 'csv-stringify/sync';
import { slug } from '../model/index.js';
import { sectionTable } from './sections/index.js';
import type { PaperView } from './view.js';

export interface AppendixTable {
  /** "appendix-1-rag-summary-sheet". */
  name: string;
  title: string;
  columns: string[];
  rows: Record<string, string>[];
}

/** Each of the paper's sections that has a table, as data (render/sections/*: each kind's `table`). */
export function appendixTables(view: PaperView): AppendixTable[] {
  return view.sections.flatMap((section) => {
    const data = sectionTable(section);
    const { number, title } = section.view;
    return data ? [{ name: `appendix-${number}-${slug(title, 40)}`, title: `Appendix ${number} – ${title}`, ...data }] : [];
  });
}

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a leading '. */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV as Excel on a UK desktop opens it: UTF-8 with a byte-order mark, CRLF, a header row; data stays text. */
export function tableCsv(t: AppendixTable): string {
  const rows = t.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, inertCell(v)])));
  return `\ufeff${stringify(rows, { header: true, columns: t.columns, record_delimiter: '\r\n' })}`;
}

export function tableJson(t: AppendixTable): string {
  return `${JSON.stringify({ title: t.title, columns: t.columns, rows: t.rows }, null, 2)}\n`;
}
