/**
 * npm run bench, part three: an agenda pack of 10 papers (each the sample paper, ≈ 28 pages) plus the
 * sample's included minutes and an item to follow — well over 150 pages — built end to end by
 * `buildMeeting`, and the time Chromium alone takes to print the same final HTML — in a process of its own
 * (bench/bare-print.ts), so that nothing the bench ran before speeds it up or slows it down (every paper,
 * and the pack's own pages: its front sheet and the minutes' cover — the pack's other pages are the
 * papers' own, joined, not printed again), one reused browser and page, the same PDF options. Then the time
 * to regenerate after one cell of one paper's data changed. The standard copy only (`largePrint: false`):
 * Chromium alone prints one copy. Then both again as the processes that live long build (`papers serve`,
 * `papers worker`): each build borrowing a Chromium kept between builds (print/shelf.ts). Beside each round of
 * Chromium alone, one of Chromium alone launched with the product's own switches (print/chromium.ts), which
 * make Chromium itself cheaper: the build against that too, so the lead they give is seen for what it is.
 *
 * Alternated, after a warm-up of each: BENCH_PACK_RUNS (3) rounds of a full build, the regeneration after
 * it (in its folder), and a round of Chromium alone. This machine's speed drifts by 20–40% within minutes,
 * so each ratio is the median of the rounds' own ratios, each taken from figures measured side by side
 * (docs/PERFORMANCE.md, 2026-12-07); the times printed are medians.
 *
 * Then where the time goes, in CPU-seconds (Linux): one more full build, untimed, with the CPU of every
 * thread of this process and of every Chromium process under it, against Chromium alone's. While every core
 * is busy, a build takes at least its CPU-seconds over the machine's cores (docs/PERFORMANCE.md, 2026-12-07,
 * third session).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { optimiseLater } from '../src/cli/tiering.js';
import { buildMeeting, type BuildResult } from '../src/pipeline/index.js';
import { nodeEffects, PrinterShelf, RECYCLE_EVERY, type Effects } from '../src/pipeline/index.js';
import type { Printer } from '../src/print/index.js';
import { manyPapersMeeting } from '../test/helpers/sample.js';
import { startBarePrint } from './bare.js';
import { cores, cpuSeconds } from './cpu.js';
import { median } from './stats.js';

optimiseLater(); // V8 tuned as `papers` tunes it (src/cli/tiering.ts): these builds are the CLI's, in-process
const RUNS = Number(process.env.BENCH_PACK_RUNS ?? 3);
const quiet = nodeEffects({ log: () => {} });

const dir = mkdtempSync(path.join(tmpdir(), 'papers-pack-bench-'));
const config = manyPapersMeeting(dir, 10);
const tool = { name: 'committee-papers', version: 'bench' };
const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
};
const fullBuild = (effects: Effects, outDir: string): Promise<BuildResult> => buildMeeting(config, { cwd: process.cwd(), outDir, tool, largePrint: false }, effects);

// Regenerating after a data fix: one cell of the first paper's return changed, built into the folder of
// the full build before it (the other nine papers are reused). Each regeneration changes the cell to a new value.
const returnFile = path.join(dir, 'kpis-first.csv');
const original = readFileSync(returnFile, 'utf8');
let edits = 0;
async function regeneration(effects: Effects, outDir: string): Promise<number> {
  writeFileSync(returnFile, original.replace('\r\nWF02,2017-02,79.4,', `\r\nWF02,2017-02,${(80 + ++edits / 10).toFixed(1)},`));
  let papers = 0;
  const ms = await timed(async () => void (papers = (await fullBuild(effects, outDir)).papers.length));
  if (papers !== 1) throw new Error(`expected one paper rebuilt, got ${papers}`);
  return ms;
}

// The warm-up: a full build (whose final HTML Chromium alone prints) and a regeneration after it.
const result = await fullBuild(quiet, path.join(dir, 'out-0'));
await regeneration(quiet, path.join(dir, 'out-0'));
const htmls = [...result.papers.map((p) => readFileSync(path.join(result.outDir, p.files.html), 'utf8')), result.pack!.html, ...result.pack!.covers];
const printedPages = result.papers.reduce((a, p) => a + p.pages, 0);

// Chromium alone, in a process of its own (bench/bare-print.ts): the same HTML, written to files; a round
// printed each time one is asked for, after its own warm-up.
const htmlDir = path.join(dir, 'final-html');
mkdirSync(htmlDir);
htmls.forEach((html, i) => writeFileSync(path.join(htmlDir, `${String(i).padStart(3, '0')}.html`), html));
const bare = await startBarePrint(htmlDir);
// And Chromium alone launched with the product's switches (print/chromium.ts), which make Chromium itself
// cheaper: how much of the build's lead comes from them (docs/PERFORMANCE.md, 2026-12-07, fourth session).
const tuned = await startBarePrint(htmlDir, { productSwitches: true });

/** RUNS rounds of a full build into a fresh folder, the regeneration after it in that folder, and a round of Chromium alone. */
async function rounds(effects: Effects, prefix: string, withTuned = false): Promise<{ builds: number[]; regens: number[]; bares: number[]; bareCpus: (number | undefined)[]; tuned: number[] }> {
  const out = { builds: [] as number[], regens: [] as number[], bares: [] as number[], bareCpus: [] as (number | undefined)[], tuned: [] as number[] };
  for (let i = 1; i <= RUNS; i++) {
    const outDir = path.join(dir, `${prefix}-${i}`);
    out.builds.push(await timed(() => fullBuild(effects, outDir)));
    out.regens.push(await regeneration(effects, outDir));
    const { ms, chromiumCpu } = await bare.round();
    out.bares.push(ms);
    out.bareCpus.push(chromiumCpu);
    if (withTuned) out.tuned.push((await tuned.round()).ms);
  }
  return out;
}
const { builds, regens: regen, bares, bareCpus, tuned: tunedBares } = await rounds(quiet, 'out', true);
tuned.end();

/**
 * One more full build, untimed: the CPU-seconds of this process (every thread: the main one, V8's, libuv's)
 * and of its Chromium (every process under this one but bare-print's, read as the build closes its browser;
 * undefined without /proc).
 */
async function accounted(): Promise<{ node: number; chromium: number | undefined }> {
  let chromium: number | undefined;
  const effects = nodeEffects({
    log: () => {},
    launchPrinter: async (options) => {
      const printer = await quiet.launchPrinter(options);
      let closing: Promise<void> | undefined;
      const counted: Printer = {
        get version() {
          return printer.version;
        },
        get connected() {
          return printer.connected;
        },
        print: (html, making) => printer.print(html, making),
        close: () =>
          (closing ??= (async () => {
            chromium = cpuSeconds(process.pid, { skip: [bare.pid, tuned.pid] });
            await printer.close();
          })()),
      };
      return counted;
    },
  });
  const before = process.cpuUsage();
  await fullBuild(effects, path.join(dir, 'accounted'));
  const { user, system } = process.cpuUsage(before);
  return { node: (user + system) / 1e6, chromium };
}
const cpu = await accounted();

// The same, as `papers serve` and `papers worker` build (print/shelf.ts): in a process that lives long,
// each build borrowing a Chromium kept between builds (launched by the warm-up build, before the timing).
const shelf = new PrinterShelf(quiet.launchPrinter, { every: RECYCLE_EVERY });
const kept = nodeEffects({ log: () => {}, launchPrinter: shelf.borrow });
let keptRounds: Awaited<ReturnType<typeof rounds>>;
try {
  await fullBuild(kept, path.join(dir, 'kept-0'));
  await regeneration(kept, path.join(dir, 'kept-0'));
  keptRounds = await rounds(kept, 'kept');
} finally {
  await shelf.close();
  bare.end();
}

const pairs = (a: number[], b: number[]): number => median(a.map((x, i) => x / b[i]!));
const b = median(builds);
const c = median(bares);
const g = median(regen);
const kb = median(keptRounds.builds);
const kg = median(keptRounds.regens);
console.log(`\npack · ${result.papers.length} papers (${printedPages} pages printed), ${result.pack!.pages}-page pack · ${RUNS} alternated rounds · times: medians; ratios: medians of the rounds' own`);
console.log(`${'pack build (buildMeeting: ingest, score, render, print, assemble, publish)'.padEnd(76)} ${b.toFixed(0).padStart(7)} ms`);
console.log(`${'Chromium alone: the same final HTML (papers, front sheet, cover), one page'.padEnd(76)} ${c.toFixed(0).padStart(7)} ms`);
console.log(`${'pack build / Chromium alone'.padEnd(76)} ${pairs(builds, bares).toFixed(2).padStart(7)} ×   (at most 1.3)`);
console.log(`${"  Chromium alone launched with the product's switches (print/chromium.ts)".padEnd(76)} ${median(tunedBares).toFixed(0).padStart(7)} ms`);
console.log(`${'  pack build / Chromium alone with those switches'.padEnd(76)} ${pairs(builds, tunedBares).toFixed(2).padStart(7)} ×`);
console.log(`${'regenerate after one cell changed (1 paper rebuilt, 9 reused, pack rejoined)'.padEnd(76)} ${g.toFixed(0).padStart(7)} ms`);
console.log(`${'regeneration / full build'.padEnd(76)} ${pairs(regen, builds).toFixed(2).padStart(7)} ×   (at most 0.25)`);
const bareCpu = bareCpus.every((x) => x !== undefined) ? median(bareCpus as number[]) : undefined;
if (cpu.chromium !== undefined && bareCpu !== undefined) {
  const n = cores();
  const least = ((cpu.node + cpu.chromium) / n) * 1000;
  console.log(`${'CPU-seconds of one more full build: Node (all its threads) + its Chromium'.padEnd(76)} ${`${cpu.node.toFixed(1)} + ${cpu.chromium.toFixed(1)}`.padStart(7)} s   (Chromium alone ${bareCpu.toFixed(1)} s a round)`);
  console.log(`${`  that CPU over this machine's ${n} cores: the least the build can take`.padEnd(76)} ${least.toFixed(0).padStart(7)} ms = ${(least / c).toFixed(2)} × Chromium alone`);
  console.log(`${`  CPU-seconds the 1.3 × line leaves the build (1.3 × Chromium alone × ${n} cores)`.padEnd(76)} ${((1.3 * c * n) / 1000).toFixed(1).padStart(7)} s`);
}
console.log(`${'with Chromium kept between builds (papers serve, papers worker): pack build'.padEnd(76)} ${kb.toFixed(0).padStart(7)} ms`);
console.log(`${'  pack build, Chromium kept / Chromium alone'.padEnd(76)} ${pairs(keptRounds.builds, keptRounds.bares).toFixed(2).padStart(7)} ×`);
console.log(`${'  regenerate after one cell changed, Chromium kept'.padEnd(76)} ${kg.toFixed(0).padStart(7)} ms`);
console.log(`${'  regeneration, Chromium kept / its full build'.padEnd(76)} ${pairs(keptRounds.regens, keptRounds.builds).toFixed(2).padStart(7)} ×`);
console.log(`${'  regeneration, Chromium kept / the full build above (a browser each; medians)'.padEnd(76)} ${(kg / b).toFixed(2).padStart(7)} ×`);
console.log(`${'  rounds (build / regeneration / Chromium alone, ms)'.padEnd(76)} ${builds.map((x, i) => `${x.toFixed(0)}/${regen[i]!.toFixed(0)}/${bares[i]!.toFixed(0)}`).join('  ')}`);
