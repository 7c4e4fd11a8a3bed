/**
 * npm run bench, part three (b): packs of 1,000 and 3,000 pages — the sample paper 36 and 108 times, with
 * the sample's minutes and an item to follow — each built by `papers build --no-large-print` in a process
 * of its own into a fresh folder: its time, and its peak memory (the Node process's maximum resident set;
 * Chromium's processes are not counted). One run each (BENCH_BIG_PACK, default "36,108", says which).
 *
 * Beside the first (the 1,000-page pack), right after it: Chromium alone printing its papers' HTML as
 * published (bench/bare-print.ts: one reused page, after a warm-up of one paper; the pack's front sheet and
 * the minutes' cover, three pages, left out), so that the build's time can be read against how fast the
 * machine was at that minute (it drifts by 20–50%: docs/PERFORMANCE.md, 2026-12-07).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { manyPapersMeeting } from '../test/helpers/sample.js';
import { startBarePrint } from './bare.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const sizes = (process.env.BENCH_BIG_PACK ?? '36,108').split(',').map(Number);
const results: { papers: number; pages: number; ms: number; maxRssMb: number; bare?: { ms: number; pages: number } }[] = [];

/** Chromium alone (bench/bare-print.ts) printing the papers published in `out` once, in item order: its milliseconds. */
async function chromiumAlone(out: string, dir: string): Promise<number> {
  const htmlDir = path.join(dir, 'final-html');
  mkdirSync(htmlDir);
  const papers = readdirSync(out).filter((f) => /^item-\d+\.html$/.test(f)).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  papers.forEach((f, i) => copyFileSync(path.join(out, f), path.join(htmlDir, `${String(i).padStart(4, '0')}.html`)));
  const bare = await startBarePrint(htmlDir, { warmUpOne: true });
  const { ms } = await bare.round();
  bare.end();
  return ms;
}

for (const n of sizes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'papers-bench-big-'));
  const config = manyPapersMeeting(dir, n);
  const rss = path.join(dir, 'rss.json');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bench/measured.mjs'), 'build', config, '--no-large-print', '--out', path.join(dir, 'out')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_RSS_FILE: rss } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`build of ${n} papers failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const pages = Number(/assemble pack → (\d+) pages/.exec(r.stderr)?.[1] ?? NaN);
  if (!existsSync(rss)) throw new Error('no peak memory recorded');
  const printed = [...r.stderr.matchAll(/print item \d+ → (\d+) pages/g)].reduce((a, m) => a + Number(m[1]), 0);
  const bare = results.length === 0 ? { ms: await chromiumAlone(path.join(dir, 'out'), dir), pages: printed } : undefined;
  results.push({ papers: n, pages, ms, maxRssMb: (JSON.parse(readFileSync(rss, 'utf8')) as { maxRssMb: number }).maxRssMb, bare });
}
console.log('\nbig packs · papers build --no-large-print · whole process, one run each');
for (const x of results) {
  const target = x.pages < 2000 ? '   (targets: under 35 s, under 400 MB)' : '';
  console.log(`${`${x.papers} papers, ${x.pages}-page pack`.padEnd(40)} ${(x.ms / 1000).toFixed(1).padStart(6)} s   ${x.maxRssMb.toFixed(0).padStart(5)} MB peak${target}`);
  if (x.bare) {
    console.log(`${`  Chromium alone (${x.bare.pages} pages of papers)`.padEnd(40)} ${(x.bare.ms / 1000).toFixed(1).padStart(6)} s   (${((x.bare.pages * 1000) / x.bare.ms).toFixed(1)} pages a second, one page)`);
    console.log(`${'  the build / Chromium alone'.padEnd(40)} ${(x.ms / x.bare.ms).toFixed(2).padStart(6)} ×`);
  }
}
if (results.length >= 2) {
  const [a, b] = [results[0]!, results[results.length - 1]!];
  console.log(`${`peak memory ${b.pages} / ${a.pages} pages`.padEnd(40)} ${(b.maxRssMb / a.maxRssMb).toFixed(2).padStart(6)} ×   (at most 1.3)`);
}
