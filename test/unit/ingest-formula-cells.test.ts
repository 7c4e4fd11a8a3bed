/**
 * Formula cells read as the spreadsheet shows them (src/ingest/formula-cells.ts). The action plan in
 * test/fixtures/exceljs/formulas.xlsx holds formulas without results; LibreOffice Calc re-saved it as
 * test/fixtures/libreoffice/formulas.xlsx, with each result and its type (scripts/make-libreoffice-fixtures.sh).
 * Before the rewrite, the re-saved workbook read a date formula as 42825, and #N/A, #DIV/0! and an
 * empty-text result all as empty; the original read every formula as empty, without a word.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readActionPlan } from '../../src/ingest/index.js';
import { openWorkbookRows, type TableRow } from '../../src/ingest/rows.js';
import { fileHandle, problemsFrom, rewrittenInChunks } from '../helpers/read.js';
import { zipParts } from '../helpers/zip.js';

const SAVED = 'test/fixtures/libreoffice/formulas.xlsx';
const UNCALCULATED = 'test/fixtures/exceljs/formulas.xlsx';

async function rows(file: string): Promise<TableRow[]> {
  const { batches } = await openWorkbookRows({ handle: fileHandle(file) });
  const out: TableRow[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}

describe('formula cells saved by LibreOffice Calc read as their results, typed', () => {
  it('a date as a date, an empty text as empty, TRUE and FALSE, numbers, text, errors by their code', async () => {
    const all = await rows(SAVED);
    const [a, b] = [all.find((r) => r.number === 4)!, all.find((r) => r.number === 5)!];
    expect(a.value(4)).toEqual(new Date(Date.UTC(2017, 2, 31)));
    expect(a.text(4)).toBe('31/03/2017');
    expect(b.text(4)).toBe('31/01/2017');
    expect([a.text(6), a.text(7), a.value(8), a.value(9)]).toEqual(['', 'Green', true, 6]);
    expect([b.text(6), b.text(7), b.value(8), b.text(9)]).toEqual(['#N/A', 'Amber', false, '#DIV/0!']);
  });

  it('the action plan reads its formula deadlines and RAG', async () => {
    const plan = await readActionPlan(fileHandle(SAVED), { sheet: 'Action Plan', asAt: '2017-02-24', columns: { status: ['RAG'] } });
    expect(plan.actions.map((x) => [x.no, x.deadline.date, x.statedStatus])).toEqual([
      ['1.01', '2017-03-31', 'green'],
      ['1.02', '2017-01-31', 'amber'],
    ]);
  });
});

describe('formulas never calculated are refused, not read as empty', () => {
  it('names the first cell, its formula and how many more, and what to do', async () => {
    const problems = await problemsFrom(() => readActionPlan(fileHandle(UNCALCULATED), { sheet: 'Action Plan', asAt: '2017-02-24', columns: { status: ['RAG'] } }));
    expect(problems).toEqual([
      `${UNCALCULATED} › Action Plan!D4: found the formula "=DATE(2017,3,31)" with no saved result (and 9 more formula cells in this sheet like it), expected the value the spreadsheet shows [FormulaNotCalculated]`,
    ]);
  });
});

describe('the rewrite is the same whatever the chunks the part arrives in', () => {
  it('every split of the sheet into chunks of 1 to 64 bytes gives the bytes of the whole', async () => {
    const sheet = (await zipParts(readFileSync(SAVED))).find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data;
    const run = (size: number): Promise<string> => rewrittenInChunks(sheet, size);
    const whole = await run(sheet.length);
    expect(whole).not.toContain('<f');
    expect(whole).toContain('<c r="D4" s="1" t="n"><v>42825</v></c>');
    expect(whole.length).toBeLessThan(sheet.length);
    for (let size = 1; size <= 64; size++) expect(await run(size)).toBe(whole);
  });
});
