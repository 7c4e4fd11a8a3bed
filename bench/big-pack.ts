/**
 * npm run bench, part three (b): packs of 1,000 and 3,000 pages — the sample paper 36 and 108 times, with
 * the sample's minutes and an item to follow — each built by `papers build --no-large-print` in a process
 * of its own into a fresh folder: its time, and its peak memory (the Node process's maximum resident set;
 * Chromium's processes are not counted). One run each (BENCH_BIG_PACK, default "36,108", says which).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { manyPapersMeeting } from '../test/helpers/sample.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const sizes = (process.env.BENCH_BIG_PACK ?? '36,108').split(',').map(Number);
const results: { papers: number; pages: number; ms: number; maxRssMb: number }[] = [];
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
  results.push({ papers: n, pages, ms, maxRssMb: (JSON.parse(readFileSync(rss, 'utf8')) as { maxRssMb: number }).maxRssMb });
}
console.log('\nbig packs · papers build --no-large-print · whole process, one run each');
for (const x of results) {
  const target = x.pages < 2000 ? '   (targets: under 35 s, under 400 MB)' : '';
  console.log(`${`${x.papers} papers, ${x.pages}-page pack`.padEnd(40)} ${(x.ms / 1000).toFixed(1).padStart(6)} s   ${x.maxRssMb.toFixed(0).padStart(5)} MB peak${target}`);
}
if (results.length >= 2) {
  const [a, b] = [results[0]!, results[results.length - 1]!];
  console.log(`${`peak memory ${b.pages} / ${a.pages} pages`.padEnd(40)} ${(b.maxRssMb / a.maxRssMb).toFixed(2).padStart(6)} ×   (at most 1.3)`);
}
