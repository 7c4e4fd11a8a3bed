/**
 * The kill test: the real `papers build` of the sample pack, killed with SIGKILL at a random moment, 30
 * times, the data changing between builds. After every kill the published folder must hold one whole
 * build — the previous one or the new one — every file the manifest names present with the hash it
 * records, every PDF whole (pdfinfo reads it, with the pages recorded) — and no process of the browser the
 * killed build started may still be running. Reported as "30 kills, 0 corrupt, 0 Chromium processes left".
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { manyPapersMeeting } from '../helpers/sample.js';
import { seededRandom } from '../helpers/random.js';

const KILLS = 30;

interface Manifest {
  builtAt: string;
  items: { number: string; files: { file: string; sha256: string }[] }[];
  outputs: { file: string; sha256: string; pages?: number }[];
}

/** Every way the published folder can be wrong; an empty list means one whole build is published. */
function corruption(out: string): string[] {
  if (!existsSync(out)) return [];
  const wrong: string[] = [];
  const files = readdirSync(out);
  // A build publishes two copies at once, each with its manifest: both there, or neither.
  const manifests = files.filter((f) => /(^|\.)manifest\.json$/.test(f)).sort();
  if (manifests.join(' ') !== 'large-print.manifest.json manifest.json') return [`expected manifest.json and large-print.manifest.json, found ${manifests.join(', ') || 'none'}`];
  for (const name of manifests) {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(path.join(out, name), 'utf8')) as Manifest;
    } catch (e) {
      wrong.push(`${name} unreadable: ${String(e)}`);
      continue;
    }
    const expected = new Map<string, string>();
    for (const o of manifest.outputs) expected.set(o.file, o.sha256);
    for (const item of manifest.items) for (const f of item.files) expected.set(f.file, f.sha256);
    for (const [file, sha] of expected) {
      const full = path.join(out, file);
      if (!existsSync(full)) {
        wrong.push(`${file} missing`);
        continue;
      }
      if (createHash('sha256').update(readFileSync(full)).digest('hex') !== sha) wrong.push(`${file} differs from ${name}`);
    }
    for (const o of manifest.outputs.filter((x) => x.file.endsWith('.pdf'))) {
      const info = spawnSync('pdfinfo', [path.join(out, o.file)], { encoding: 'utf8' });
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]);
      if (info.status !== 0 || pages !== o.pages) wrong.push(`${o.file}: pdfinfo exit ${info.status}, ${pages} pages, expected ${o.pages}`);
    }
    const pack = name === 'manifest.json' ? /^pack(-v\d+)?\.pdf$/ : /^large-print-pack(-v\d+)?\.pdf$/;
    if (!manifest.outputs.some((o) => pack.test(o.file))) wrong.push(`no pack in ${name}`);
  }
  if (files.some((f) => f.endsWith('.tmp'))) wrong.push('a temporary file is published');
  return wrong;
}


/** The processes still alive in each of these process groups. */
const aliveIn = (groups: readonly number[]): number[] =>
  groups.flatMap((g) => spawnSync('ps', ['-o', 'pid=', '-g', String(g)], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.trim()).map(Number));

/**
 * `papers build`, SIGKILLed after `ms`. The Chromium it started (a process group of its own) is recorded
 * before the kill and not touched: `left` is how many of its processes are still alive 5 s after the kill
 * (they are then killed, so that one failure does not spoil the rest of the machine).
 */
function buildKilledAfter(config: string, out: string, ms: number): Promise<{ killed: boolean; code: number | null; left: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'papers.js'), 'build', config, '--out', out], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'Europe/London' },
      stdio: 'ignore',
    });
    let killed = false;
    let groups: number[] = [];
    const timer = setTimeout(() => {
      const children = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(child.pid)], { encoding: 'utf8' }).stdout.split('\n').filter((l) => /chrom/i.test(l));
      groups = children.map((l) => Number(l.trim().split(/\s+/)[0]));
      killed = child.kill('SIGKILL');
    }, ms);
    child.on('error', reject);
    child.on('close', async (code) => {
      clearTimeout(timer);
      let alive = aliveIn(groups);
      for (let waited = 0; alive.length > 0 && waited < 5_000; waited += 250) {
        await new Promise((r) => setTimeout(r, 250));
        alive = aliveIn(groups);
      }
      for (const pid of alive) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      resolve({ killed, code, left: alive.length });
    });
  });
}

describe('a build killed at any moment', () => {
  it(`${KILLS} builds of the sample pack killed by SIGKILL at random moments leave a whole previous or new pack every time`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-kill-'));
    const config = manyPapersMeeting(dir, 1);
    const out = path.join(dir, 'published');
    const returnFile = path.join(dir, 'kpis-first.csv');
    const original = readFileSync(returnFile, 'utf8');
    const setValue = (v: string): void => writeFileSync(returnFile, original.replace('\r\nWF02,2017-02,79.4,', `\r\nWF02,2017-02,${v},`));

    // One whole build first; then a rebuild after a change, timed. Half the kills fall anywhere in a
    // build, half in its last fifth and a little past its end, where it publishes.
    const first = await buildKilledAfter(config, out, 600_000);
    expect(first.code).toBe(0);
    expect(corruption(out)).toEqual([]);
    setValue('79.9');
    const t0 = Date.now();
    const second = await buildKilledAfter(config, out, 600_000);
    const full = Date.now() - t0;
    expect(second.code).toBe(0);
    expect(corruption(out)).toEqual([]);

    const seed = Number(process.env.KILL_SEED ?? 20261123);
    const next = seededRandom(seed);
    let corrupt = 0;
    let browsersLeft = 0;
    let previous = 0;
    let fresh = 0;
    let builtAt = (JSON.parse(readFileSync(path.join(out, readdirSync(out).find((f) => /(^|\.)manifest\.json$/.test(f))!), 'utf8')) as Manifest).builtAt;
    const problems: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      setValue((80 + k / 10).toFixed(1)); // every build has something new to publish
      const at = Math.round(k % 2 === 0 ? next() * full * 1.05 : full * (0.8 + next() * 0.25));
      const run = await buildKilledAfter(config, out, at);
      browsersLeft += run.left;
      const wrong = corruption(out);
      if (wrong.length > 0) {
        corrupt += 1;
        problems.push(`kill ${k + 1} at ${at} ms: ${wrong.join('; ')}`);
      }
      const now = (JSON.parse(readFileSync(path.join(out, readdirSync(out).find((f) => /(^|\.)manifest\.json$/.test(f))!), 'utf8')) as Manifest).builtAt;
      if (now === builtAt) previous += 1;
      else fresh += 1;
      builtAt = now;
    }
    console.log(`${KILLS} kills, ${corrupt} corrupt, ${browsersLeft} Chromium processes left running (${previous} left the previous build, ${fresh} the new one; seed ${seed}, a build ${full} ms)`);
    expect(problems).toEqual([]);
    expect(corrupt).toBe(0);
    expect(browsersLeft).toBe(0); // a killed build's browser goes with it (print/chromium.ts: its watchdog)

    // The next build is not stopped by what the killed ones left (their lock, their unpublished releases).
    const last = await buildKilledAfter(config, out, 600_000);
    expect(last.code).toBe(0);
    expect(corruption(out)).toEqual([]);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readdirSync(path.join(dir, '.published.releases'))).toHaveLength(1);
    expect(existsSync(path.join(dir, '.published.lock'))).toBe(false);
  }, 900_000); // 33 builds of the pack on a 2-core machine busy with the rest of the suite: 420–630 s measured
});

describe('two builds of one meeting at once', () => {
  it('the second stops with BuildLocked, naming the first, and writes nothing; the first publishes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-lock-'));
    const config = manyPapersMeeting(dir, 1);
    const out = path.join(dir, 'published');
    const first = spawn(process.execPath, [path.join(ROOT, 'bin', 'papers.js'), 'build', config, '--out', out], { cwd: ROOT, env: { ...process.env, TZ: 'Europe/London' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let firstErr = '';
    first.stderr.setEncoding('utf8');
    const started = new Promise<void>((resolve) =>
      first.stderr.on('data', (d: string) => {
        firstErr += d;
        if (/^read /m.test(firstErr)) resolve();
      }),
    );
    const firstDone = new Promise<number | null>((resolve) => first.on('close', resolve));
    await started;
    const second = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'papers.js'), 'build', config, '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'Europe/London' } });
    expect(second.status).toBe(1);
    expect(second.stderr.split('\n')[0]).toBe('Cannot build: another build is writing the output folder.');
    expect(second.stderr).toContain(`another build (process ${first.pid}, started `);
    expect(second.stderr).toContain(`is writing ${out}, expected no other build of it to be running [BuildLocked]`);
    expect(second.stderr).toContain('Nothing was written.');
    expect(await firstDone).toBe(0);
    expect(corruption(out)).toEqual([]);
    expect(existsSync(path.join(dir, '.published.lock'))).toBe(false);
  }, 120_000);
});
