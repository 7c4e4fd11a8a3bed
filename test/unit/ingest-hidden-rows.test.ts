/**
 * Rows a sheet hides, and text struck through (src/ingest/formula-cells.ts notes them as the XML streams past; exceljs's streaming
 * reader drops the attribute). Officers hide closed projects rather than delete them, and a hidden row may
 * hold what is not for publication: it is still read — the data is the data — but never without a word.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { readTracker } from '../../src/ingest/index.js';
import type { ColumnAudit } from '../../src/model/index.js';
import { fileHandle } from '../helpers/read.js';

describe.each([
  ['saved by LibreOffice Calc (hidden="true")', 'test/fixtures/libreoffice/hidden-rows.xlsx'],
  ['written by exceljs (hidden="1")', 'test/fixtures/exceljs/hidden-rows.xlsx'],
])('a tracker with hidden rows, %s', (_, file) => {
  it('reads every project and warns about the two hidden rows with data, naming them', async () => {
    const audits: ColumnAudit[] = [];
    const { plan } = await readTracker(fileHandle(file), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => p.ref))).toEqual(['1.1', '1.2', '1.3', '1.4']);
    expect(audits.flatMap((a) => a.warnings).map(formatProblem)).toEqual([
      `${file} › Tracker!A6: found 2 hidden rows with data (rows 6, 9), which are read like the others: a paper shows what the sheet hides [RowsHidden]`,
    ]);
  });
});

describe('a tracker with no hidden rows', () => {
  it('gives no such warning', async () => {
    const audits: ColumnAudit[] = [];
    await readTracker(fileHandle('test/fixtures/libreoffice/tracker.xlsx'), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    expect(audits.flatMap((a) => a.warnings).filter((w) => w.name === 'RowsHidden')).toEqual([]);
  });
});

describe.each([
  ['saved by LibreOffice Calc', 'test/fixtures/libreoffice/struck-through.xlsx'],
  ['written by exceljs', 'test/fixtures/exceljs/struck-through.xlsx'],
])('a tracker with text struck through, %s', (_, file) => {
  it('reads it as written and warns, naming the cells struck through as a whole (a milestone, a title)', async () => {
    const audits: ColumnAudit[] = [];
    const { plan } = await readTracker(fileHandle(file), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => p.title))).toEqual(['Recruitment campaign', 'Training programme', 'Dropped project', 'Untouched project']);
    // D6 is a rich text struck through in part: its runs' fonts are not kept by exceljs's reader, so it is not named.
    expect(audits.flatMap((a) => a.warnings).map(formatProblem)).toEqual([
      `${file} › Tracker!E5: found 2 cells struck through (E5, B7), read as if they were not: a strike-through is not a state this tool can read (done, or dropped?) [TextStruckThrough]`,
    ]);
  });
});
