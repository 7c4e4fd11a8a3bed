/**
 * The same workbooks as written by exceljs and as re-saved by a real spreadsheet program
 * (LibreOffice Calc, headless; scripts/make-libreoffice-fixtures.sh) must read the same.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { handleFromBytes, openTable, projectSchema, readActionPlan, readTracker, TRACKER_COLUMNS } from '../../src/ingest/index.js';
import { fileHandle, problemsFrom } from '../helpers/read.js';
import { zip, zipParts } from '../helpers/zip.js';

const asAt = '2017-02-24';
const summary = async (file: string) => {
  const { plan, warnings } = await readTracker(fileHandle(file), { sheet: 'SIP Summary', asAt });
  return {
    warnings: warnings.length,
    footer: plan.footerAsAt,
    months: plan.months,
    projects: plan.workstreams.flatMap((w) => w.projects.map((p) => [w.number, p.ref, p.title, p.statedStatus, p.ratedBy, p.source.rating.cell, p.milestones.flatMap((m) => m.milestones.map((x) => x.due))])),
  };
};

describe('a tracker saved by LibreOffice Calc', () => {
  it('reads exactly as the exceljs original: merged header, merged workstreams, colour-only RAG, footer', async () => {
    const lo = await summary('test/fixtures/libreoffice/tracker.xlsx');
    expect(lo).toEqual(await summary('data/sample/tracker.xlsx'));
    expect(lo.projects).toHaveLength(46);
    expect(lo.projects.filter((p) => p[4] === 'fill')).toHaveLength(4);
  });
});

describe('an action plan saved by LibreOffice Calc', () => {
  it('reads the same deadlines, states and statuses, including the real date cell', async () => {
    const read = async (f: string) =>
      (await readActionPlan(fileHandle(f), { sheet: 'Action Plan', asAt, columns: { status: ['RAG'] } })).actions.map((a) => [a.recommendation, a.no, a.deadline.date ?? a.deadline.state, a.statedStatus]);
    expect(await read('test/fixtures/libreoffice/action-plan.xlsx')).toEqual(await read('data/sample/action-plan.xlsx'));
  });
});

describe.each(['test/fixtures/exceljs/quirks.xlsx', 'test/fixtures/libreoffice/quirks.xlsx'])('quirks in %s', (file) => {
  it('reads formulas by their cached value, rich text as plain text, colour-only RAG, date cells', async () => {
    const { plan } = await readTracker(fileHandle(file), { asAt });
    const [a, b, c] = plan.workstreams[0]!.projects;
    expect([a!.title, a!.statedStatus, a!.commentary]).toEqual(['Rich text title', 'amber', 'Commentary with bold and a non-breaking space']);
    expect([b!.title, b!.statedStatus]).toEqual(['Formula title', 'green']);
    expect([c!.title, c!.statedStatus, c!.ratedBy]).toEqual(['Colour only', 'red', 'fill']);
    const table = await openTable({ handle: fileHandle(file) }, TRACKER_COLUMNS, 'ref', (f) => f);
    const rows = [];
    for await (const batch of table.batches) rows.push(...batch);
    const updated = rows.find((r) => r.number === 5)!;
    expect(updated.value(5)).toBeInstanceOf(Date);
    expect(updated.text(5)).toBe('20/02/2017');
  });
});

describe('the parts of a workbook are read by name, whatever their order in the zip', () => {
  // exceljs's own streaming reader parks a worksheet stored before xl/workbook.xml or the shared strings
  // in a temporary file, and loses the zip entries that follow while the file is created (exceljs #3064):
  // with this delay, every read of the sample action plan failed ("reading 'sheets'"), as CI's setup did
  // once on a loaded disk. src/ingest/workbook-parts.ts reads through the zip's directory instead.
  const require = createRequire(import.meta.url);
  const tmp = require(require.resolve('tmp', { paths: [require.resolve('exceljs')] })) as { file: (...a: unknown[]) => void };
  const file = tmp.file;
  afterEach(() => {
    tmp.file = file;
  });

  it('reads every sample and LibreOffice workbook the same when temporary files are slow, and makes none', async () => {
    const read = async () => [
      await summary('data/sample/tracker.xlsx'),
      await summary('test/fixtures/libreoffice/tracker.xlsx'),
      (await readActionPlan(fileHandle('data/sample/action-plan.xlsx'), { sheet: 'Action Plan', asAt })).actions,
      (await readActionPlan(fileHandle('test/fixtures/libreoffice/action-plan.xlsx'), { sheet: 'Action Plan', asAt })).actions.map((a) => ({ ...a, source: undefined })),
    ];
    const quick = await read();
    let made = 0;
    tmp.file = (...a: unknown[]) => {
      made++;
      setTimeout(() => file(...a), 50);
    };
    const slow = await read();
    expect(made).toBe(0);
    expect(slow).toEqual(quick);
    expect(quick[2]).toHaveLength(17);
    expect((quick[3] as unknown[]).length).toBe(17);
  });

  it('takes the first tab when no sheet is named, though it is sheet2.xml; finds the others by name', async () => {
    const wb = new ExcelJS.Workbook();
    const second = wb.addWorksheet('Second');
    second.addRow(['Ref', 'Title']).commit();
    second.addRow(['S1', 'from the second tab']).commit();
    const first = wb.addWorksheet('First');
    first.addRow(['Ref', 'Title']).commit();
    first.addRow(['F1', 'from the first tab']).commit();
    // exceljs writes tabs in orderNo order (not in its typings) and names parts by sheet id.
    Object.assign(first, { orderNo: 0 });
    Object.assign(second, { orderNo: 1 });
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const titles = async (sheet?: string) => {
      const columns = { ref: { aliases: ['Ref'], required: true }, title: { aliases: ['Title'], required: true } };
      const table = await openTable<'ref' | 'title'>({ handle: handleFromBytes(bytes, 'tabs.xlsx'), sheet }, columns, 'ref', (f) => f);
      const out = [table.sheet, ...table.layout.found];
      for await (const batch of table.batches) for (const row of batch) out.push(row.text(2));
      return out;
    };
    expect(await titles()).toEqual(['First', 'Ref', 'Title', 'from the first tab']);
    expect(await titles('second')).toEqual(['Second', 'Ref', 'Title', 'from the second tab']);
    expect(await problemsFrom(() => titles('Third'))).toEqual([expect.stringContaining('"First", "Second"')]);
  });
});

describe('a workbook as other programs write it', () => {
  // The sample action plan, re-zipped as (for example) openpyxl writes workbooks — absolute relationship
  // targets, the workbook part first — with a chart sheet as its first tab and the parts out of order.
  const crafted = async (options: { scratch?: boolean } = {}): Promise<Buffer> => {
    const parts = new Map((await zipParts(readFileSync('data/sample/action-plan.xlsx'))).map((p) => [p.name, p.data]));
    const text = (name: string): string => parts.get(name)!.toString('utf8');
    // With `scratch`, a worksheet tab before the plan whose part is not XML at all: read only if asked for.
    const scratch = options.scratch ? '<sheet sheetId="3" name="Scratch" r:id="rId10"/>' : '';
    const scratchRel = options.scratch ? '<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>' : '';
    if (options.scratch) parts.set('xl/worksheets/sheet2.xml', Buffer.from('this is not a worksheet <<<'));
    parts.set('xl/workbook.xml', Buffer.from(text('xl/workbook.xml').replace('<sheets>', `<sheets><sheet sheetId="2" name="Chart1" r:id="rId9"/>${scratch}`)));
    parts.set(
      'xl/_rels/workbook.xml.rels',
      Buffer.from(
        text('xl/_rels/workbook.xml.rels')
          .replace('Target="worksheets/sheet1.xml"', 'Target="/xl/worksheets/sheet1.xml"')
          .replace('</Relationships>', `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>${scratchRel}</Relationships>`),
      ),
    );
    parts.set('xl/chartsheets/sheet1.xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>'));
    const order = ['xl/workbook.xml', 'xl/chartsheets/sheet1.xml', 'xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];
    return zip([...order, ...[...parts.keys()].filter((n) => !order.includes(n))].map((name) => ({ name, data: parts.get(name)! })));
  };

  it('reads the first worksheet tab (not the chart sheet before it), by absolute targets, with its text and colours', async () => {
    const bytes = await crafted();
    const read = async (sheet?: string) =>
      (await readActionPlan(handleFromBytes(bytes, 'action-plan.xlsx'), { sheet, asAt, columns: { status: ['RAG'] } })).actions.map((a) => [a.no, a.summary, a.statedStatus, a.source.row.sheet]);
    const expected = (await readActionPlan(fileHandle('data/sample/action-plan.xlsx'), { sheet: 'Action Plan', asAt, columns: { status: ['RAG'] } })).actions.map((a) => [a.no, a.summary, a.statedStatus, a.source.row.sheet]);
    expect(expected).toHaveLength(17);
    expect(await read()).toEqual(expected);
    expect(await read('Action Plan')).toEqual(expected);
    expect(await problemsFrom(() => read('Chart1'))).toEqual([expect.stringContaining('found no sheet named "Chart1", expected one of "Action Plan"')]);
  });

  it('never reads a sheet it was not asked for: a broken tab before the named one does not matter', async () => {
    const bytes = await crafted({ scratch: true });
    const read = async (sheet?: string) => (await readActionPlan(handleFromBytes(bytes, 'action-plan.xlsx'), { sheet, asAt, columns: { status: ['RAG'] } })).actions.length;
    expect(await read('Action Plan')).toBe(17);
    // Not named, the first worksheet tab is the broken one, and it says so.
    expect(await problemsFrom(() => read())).toEqual([
      'action-plan.xlsx › Scratch: could not be opened (the workbook is damaged or incomplete: 1:26: disallowed character in tag name), expected an Excel workbook (.xlsx) saved in full [SourceUnreadable]',
    ]);
  });
});

describe('workbooks that cannot be read say why', () => {
  it('an old .xls renamed .xlsx (told apart from a password-protected workbook, the same OLE container)', async () => {
    const f = 'test/fixtures/libreoffice/old-format-renamed.xlsx';
    expect(await problemsFrom(() => readTracker(fileHandle(f), { asAt }))).toEqual([
      `${f}: could not be opened (it is an old-format .xls workbook (or another OLE file) named .xlsx), expected an Excel workbook (.xlsx): open it and "Save As" Excel Workbook (.xlsx) [SourceUnreadable]`,
    ]);
  });
});

describe('a workbook cut off between two rows says so, never reads the rows it has', () => {
  // A part cut off at a tag boundary is well-formed as far as it goes: the XML parser meets no bad
  // character, only the end. Before the check in workbook-parts.ts, the action plan below gave 29
  // actions of 60 rows, published with exit code 0.
  const cut = async (file: string, part: string, after: string) => {
    const parts = await zipParts(readFileSync(file));
    const xml = parts.find((p) => p.name.toLowerCase() === part.toLowerCase())!;
    const text = xml.data.toString('utf8');
    xml.data = Buffer.from(text.slice(0, text.indexOf(after, Math.floor(text.length / 2)) + after.length));
    return { bytes: zip(parts), at: xml.data.length };
  };
  const f = 'test/fixtures/libreoffice/action-plan.xlsx';
  const read = (bytes: Buffer) => readActionPlan(handleFromBytes(bytes, 'action-plan.xlsx'), { sheet: 'Action Plan', asAt, columns: { status: ['RAG'] } });

  it('a worksheet cut after a </row>', async () => {
    const { bytes, at } = await cut(f, 'xl/worksheets/sheet1.xml', '</row>');
    expect(await problemsFrom(() => read(bytes))).toEqual([
      `action-plan.xlsx › Action Plan: could not be opened (the workbook is damaged or incomplete: its part xl/worksheets/sheet1.xml stops before the end of its <worksheet> (cut off after ${at.toLocaleString('en-GB')} bytes)), expected an Excel workbook (.xlsx) saved in full [SourceUnreadable]`,
    ]);
  });

  it('the shared strings cut after a </si>', async () => {
    const { bytes, at } = await cut(f, 'xl/sharedStrings.xml', '</si>');
    expect(await problemsFrom(() => read(bytes))).toEqual([
      `action-plan.xlsx: could not be opened (the workbook is damaged or incomplete: its part xl/sharedStrings.xml stops before the end of its <sst> (cut off after ${at.toLocaleString('en-GB')} bytes)), expected an Excel workbook (.xlsx) saved in full [SourceUnreadable]`,
    ]);
  });

  it('the same workbook whole reads in full', async () => {
    expect((await read(readFileSync(f))).actions.length).toBeGreaterThan(0);
  });
});

describe('every tracker fixture’s records match the tracker schema', () => {
  it.each(['data/sample/tracker.xlsx', 'test/fixtures/libreoffice/tracker.xlsx', 'test/fixtures/exceljs/quirks.xlsx', 'test/fixtures/libreoffice/quirks.xlsx'])('%s', async (file) => {
    const { plan } = await readTracker(fileHandle(file), { asAt });
    const projects = plan.workstreams.flatMap((w) => w.projects);
    expect(projects.length).toBeGreaterThan(0);
    for (const p of projects) expect(projectSchema.safeParse(p).error).toBeUndefined();
  });
});
