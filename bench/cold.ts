/**
 * npm run bench, part one (b): one paper from cold, whole processes, as a user waits for it. `papers build`
 * of the sample (the 28-page paper with its pack, Word copy and data files; `--no-large-print`, as the
 * other tool makes one copy) into a fresh folder, against WeasyPrint (Debian's `weasyprint`, installed
 * here from Debian if missing — by the bench, never by the product) printing that paper's own HTML to
 * PDF, and Chromium alone from cold (bench/cold-print.mjs: launch, print that HTML, close; nothing of ours
 * loaded), the floor under our figure on this machine. Alternated runs, BENCH_COLD_RUNS (5) of them; the
 * ratios are medians of the runs' ratios.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { findBrowser, isHeadlessShell } from '../src/print/browser.js';
import { median } from './stats.js';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const ROOT = path.resolve(import.meta.dirname, '..');

/** WeasyPrint, from Debian when it is not there (apt-get, as root); undefined when it cannot be had. */
function weasyprint(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v weasyprint'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  console.log('bench: installing WeasyPrint from Debian (apt-get install weasyprint), for the comparison only');
  const apt = spawnSync('sh', ['-c', 'apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq weasyprint >/dev/null'], { stdio: 'inherit' });
  return apt.status === 0 && existsSync('/usr/bin/weasyprint') ? '/usr/bin/weasyprint' : undefined;
}

/** A whole process, timed from spawn to exit; its own peak memory when it is ours. */
function run(cmd: string, args: string[], cwd = ROOT): { ms: number; maxRssMb: number | undefined } {
  const rss = path.join(mkdtempSync(path.join(tmpdir(), 'papers-bench-rss-')), 'rss.json');
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, BENCH_RSS_FILE: rss } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, maxRssMb: existsSync(rss) ? (JSON.parse(readFileSync(rss, 'utf8')) as { maxRssMb: number }).maxRssMb : undefined };
}

const weasy = weasyprint();
const browser = findBrowser({ env: process.env.PAPERS_CHROMIUM }); // the one `papers build` prints with
const ours: number[] = [];
const theirs: number[] = [];
const ratios: number[] = [];
const bare: number[] = [];
const bareRatios: number[] = [];
for (let i = 0; i <= RUNS; i++) {
  const out = mkdtempSync(path.join(tmpdir(), 'papers-bench-cold-'));
  const a = run(process.execPath, [path.join(ROOT, 'bench/measured.mjs'), 'build', 'data/sample/meeting.yaml', '--no-large-print', '--out', out]);
  const html = path.join(out, 'item-6.html');
  const b = weasy ? run(weasy, [html, path.join(out, 'weasyprint.pdf')]) : undefined;
  const c = run(process.execPath, [path.join(ROOT, 'bench/cold-print.mjs'), html, path.join(out, 'chromium-alone.pdf'), browser, isHeadlessShell(browser) ? 'shell' : 'new']);
  if (i === 0) continue; // a warm-up for the disk cache, not counted
  ours.push(a.ms);
  bare.push(c.ms);
  if (b) {
    theirs.push(b.ms);
    ratios.push(a.ms / b.ms);
    bareRatios.push(c.ms / b.ms);
  }
}
console.log(`\none paper from cold · whole processes · ${RUNS} alternated runs of each · printed by ${browser}`);
console.log(`${'papers build data/sample/meeting.yaml --no-large-print (28 pages, pack, Word)'.padEnd(80)} ${median(ours).toFixed(0).padStart(6)} ms`);
if (weasy) {
  console.log(`${'WeasyPrint alone: the same paper\u2019s HTML to PDF (untagged)'.padEnd(80)} ${median(theirs).toFixed(0).padStart(6)} ms`);
  console.log(`${'papers build / WeasyPrint'.padEnd(80)} ${median(ratios).toFixed(2).padStart(6)} ×   (median of pairs; target at most 1.0)`);
}
console.log(`${'Chromium alone from cold: launch, print the same HTML (tagged), close'.padEnd(80)} ${median(bare).toFixed(0).padStart(6)} ms`);
if (weasy) {
  console.log(`${'Chromium alone / WeasyPrint (the floor under the ratio above)'.padEnd(80)} ${median(bareRatios).toFixed(2).padStart(6)} ×`);
  console.log(`${'papers build / Chromium alone from cold'.padEnd(80)} ${(median(ours) / median(bare)).toFixed(2).padStart(6)} ×`);
} else console.log('WeasyPrint could not be installed (not root, or no Debian archive): no comparison');
