/**
 * One ingest measurement in a fresh process (so peak memory is its own): prints one JSON line
 * { rows, ms, maxRssMb }. Run by bench/ingest.ts; not meant to be run by hand. Plain JavaScript
 * importing the compiled dist/, so the product is measured as it runs (not through a TS loader).
 *
 *   scenarios: bare-xlsx | tracker | bare-csv | kpis
 */
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { handleFromPath, keptMonths, readKpis, readTracker } from '../dist/ingest/index.js';

const [scenario, file, asAt = '2023-04-30'] = process.argv.slice(2);
if (!scenario || !file) throw new Error('usage: ingest-worker <scenario> <file> [asAt]');

const limits = { maxBytes: 2 ** 31, maxRows: 10_000_000 };
const t0 = performance.now();
let rows = 0;

if (scenario === 'bare-xlsx') {
  // The ceiling: exceljs's streaming reader alone, touching every cell's value, nothing else.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  let touched = 0;
  for await (const ws of reader) {
    for await (const row of ws) {
      rows += 1;
      row.eachCell({ includeEmpty: true }, (c) => {
        if (c.value !== null) touched += 1;
      });
    }
  }
  if (touched === 0) throw new Error('no cells');
} else if (scenario === 'tracker') {
  // The full ingest: header found, columns mapped, RAG from text or colour, milestones split and
  // dated, every value with its cell, every row validated.
  const { plan } = await readTracker(await handleFromPath(file, file), { asAt, limits });
  rows = plan.workstreams.reduce((a, w) => a + w.projects.length + 1, 0);
} else if (scenario === 'bare-csv') {
  // The ceiling: csv-parse alone on the file stream.
  for await (const record of createReadStream(file).pipe(parse({ bom: true }))) {
    if (record.length > 0) rows += 1;
  }
  rows -= 1; // header
} else if (scenario === 'kpis') {
  // The full ingest: decoding, header mapping, numbers, periods, definitions checked on every row,
  // duplicates found, cells kept for the months papers use.
  const set = await readKpis(await handleFromPath(file, file), { limits, keep: keptMonths(asAt) });
  rows = Number(process.env.BENCH_ROWS ?? 0);
  if (set.kpis.length === 0) throw new Error('no measures');
} else {
  throw new Error(`unknown scenario ${scenario}`);
}

const ms = performance.now() - t0;
console.log(JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
