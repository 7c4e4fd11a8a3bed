/**
 * npm run bench, part three: an agenda pack of 10 papers (each the sample paper, ≈ 28 pages) plus the
 * sample's included minutes and an item to follow — well over 150 pages — built end to end by
 * `buildMeeting`, and, in the same run, the time Chromium alone takes to print the same final HTML — in a
 * process of its own (bench/bare-print.ts), so that nothing the bench ran before speeds it up or slows it down
 * (every paper, and the pack's own pages: its front sheet and the minutes' cover — the pack's other
 * pages are the papers' own, joined, not printed again), one reused browser and page, the same PDF
 * options. Then the time to regenerate after one cell of one paper's data changed. Medians of
 * BENCH_PACK_RUNS (3) runs after a warm-up. The standard copy only (`largePrint: false`): Chromium alone
 * prints one copy. Then both again as the processes that live long build (`papers serve`, `papers
 * worker`): each build borrowing a Chromium kept between builds (print/shelf.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { optimiseLater } from '../src/cli/tiering.js';
import { buildMeeting, type BuildResult } from '../src/pipeline/index.js';
import { nodeEffects, PrinterShelf, RECYCLE_EVERY, type Effects } from '../src/pipeline/index.js';
import { manyPapersMeeting } from '../test/helpers/sample.js';
import { median } from './stats.js';

optimiseLater(); // V8 tuned as `papers` tunes it (src/cli/tiering.ts): these builds are the CLI's, in-process
const RUNS = Number(process.env.BENCH_PACK_RUNS ?? 3);
const quiet = nodeEffects({ log: () => {} });

const dir = mkdtempSync(path.join(tmpdir(), 'papers-pack-bench-'));
const config = manyPapersMeeting(dir, 10);
const tool = { name: 'committee-papers', version: 'bench' };
/** RUNS full builds after a warm-up, each into a fresh folder `<prefix>-<i>`: their times, and the last build. */
async function fullBuilds(effects: Effects, prefix: string): Promise<{ times: number[]; last: BuildResult }> {
  const times: number[] = [];
  let last: BuildResult | undefined;
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    last = await buildMeeting(config, { cwd: process.cwd(), outDir: path.join(dir, `${prefix}-${i}`), tool, largePrint: false }, effects);
    if (i > 0) times.push(performance.now() - t0); // the first is a warm-up
  }
  return { times, last: last! };
}
const { times: builds, last } = await fullBuilds(quiet, 'out');
const result = last!;
const htmls = [...result.papers.map((p) => readFileSync(path.join(result.outDir, p.files.html), 'utf8')), result.pack!.html, ...result.pack!.covers];
const printedPages = result.papers.reduce((a, p) => a + p.pages, 0);

// Chromium alone, in a process of its own (bench/bare-print.ts): the same HTML, written to files.
const htmlDir = path.join(dir, 'final-html');
mkdirSync(htmlDir);
htmls.forEach((html, i) => writeFileSync(path.join(htmlDir, `${String(i).padStart(3, '0')}.html`), html));
const bareRun = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'bare-print.ts'), htmlDir, String(RUNS)], { encoding: 'utf8' });
if (bareRun.status !== 0) throw new Error(`bare-print failed: ${bareRun.stderr}`);
const bareMedian = Number(bareRun.stdout.trim());

// Regenerating after a data fix: one cell of the first paper's return changed, built into the folder
// of the last full build (the other nine papers are reused). Each run changes the cell to a new value.
const returnFile = path.join(dir, 'kpis-first.csv');
const original = readFileSync(returnFile, 'utf8');
async function regenerations(effects: Effects, outDir: string, from: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    writeFileSync(returnFile, original.replace('\r\nWF02,2017-02,79.4,', `\r\nWF02,2017-02,${(from + i / 10).toFixed(1)},`));
    const t0 = performance.now();
    const r = await buildMeeting(config, { cwd: process.cwd(), outDir, tool, largePrint: false }, effects);
    if (r.papers.length !== 1) throw new Error(`expected one paper rebuilt, got ${r.papers.length}`);
    if (i > 0) times.push(performance.now() - t0);
  }
  return times;
}
const regen = await regenerations(quiet, path.join(dir, `out-${RUNS}`), 80);

// The same two, as `papers serve` and `papers worker` build (print/shelf.ts): in a process that lives long,
// each build borrowing a Chromium kept between builds (launched by the warm-up build, before the timing).
const shelf = new PrinterShelf(quiet.launchPrinter, { every: RECYCLE_EVERY });
const kept = nodeEffects({ log: () => {}, launchPrinter: shelf.borrow });
let keptBuilds: number[];
let keptRegen: number[];
try {
  keptBuilds = (await fullBuilds(kept, 'kept')).times;
  keptRegen = await regenerations(kept, path.join(dir, `kept-${RUNS}`), 90);
} finally {
  await shelf.close();
}

const b = median(builds);
const c = bareMedian;
const g = median(regen);
const kb = median(keptBuilds);
const kg = median(keptRegen);
console.log(`\npack · ${result.papers.length} papers (${printedPages} pages printed), ${result.pack!.pages}-page pack · medians of ${RUNS}`);
console.log(`${'pack build (buildMeeting: ingest, score, render, print, assemble, publish)'.padEnd(76)} ${b.toFixed(0).padStart(7)} ms`);
console.log(`${'Chromium alone: the same final HTML (papers, front sheet, cover), one page'.padEnd(76)} ${c.toFixed(0).padStart(7)} ms`);
console.log(`${'pack build / Chromium alone'.padEnd(76)} ${(b / c).toFixed(2).padStart(7)} ×   (at most 1.3)`);
console.log(`${'regenerate after one cell changed (1 paper rebuilt, 9 reused, pack rejoined)'.padEnd(76)} ${g.toFixed(0).padStart(7)} ms`);
console.log(`${'regeneration / full build'.padEnd(76)} ${(g / b).toFixed(2).padStart(7)} ×   (at most 0.25)`);
console.log(`${'with Chromium kept between builds (papers serve, papers worker): pack build'.padEnd(76)} ${kb.toFixed(0).padStart(7)} ms`);
console.log(`${'  pack build, Chromium kept / Chromium alone'.padEnd(76)} ${(kb / c).toFixed(2).padStart(7)} ×`);
console.log(`${'  regenerate after one cell changed, Chromium kept'.padEnd(76)} ${kg.toFixed(0).padStart(7)} ms`);
console.log(`${'  regeneration, Chromium kept / its full build'.padEnd(76)} ${(kg / kb).toFixed(2).padStart(7)} ×`);
console.log(`${'  regeneration, Chromium kept / the full build above (a browser each)'.padEnd(76)} ${(kg / b).toFixed(2).padStart(7)} ×`);
