/**
 * What a build reuses is keyed on the code that made it (publish/keys.ts `codeFingerprint`), never on a
 * version someone must remember to bump. A copy of the built program with its PDF writer changed (object
 * streams of 100 objects instead of 200, then bundled again as `npm run build` does) builds into the folder the unchanged program built into: it reuses
 * no paper, no front sheet, no cover and no stretch of the old pack, and publishes the very pack a first
 * build of the changed program makes. Built again with the same changed copy, it reuses everything — the
 * control that shows the reuse is there to be refused.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type CliRun } from '../helpers/cli.js';

const PACK = 'pack.pdf';
const MANIFEST = 'manifest.json';

/** The program as installed: bin/, dist/, templates/ and its package files, node_modules linked. */
function copyProgram(to: string): void {
  mkdirSync(to, { recursive: true });
  for (const part of ['bin', 'dist', 'templates', 'package.json', 'package-lock.json']) cpSync(path.join(ROOT, part), path.join(to, part), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(to, 'node_modules'));
}

function build(program: string, cwd: string, out: string): CliRun {
  const r = spawnSync(process.execPath, [path.join(program, 'bin', 'papers.js'), 'build', 'data/sample/meeting.yaml', '--out', out], { cwd, encoding: 'utf8', env: { ...process.env, TZ: 'Europe/London' }, timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), 'papers-code-'));
const changed = path.join(dir, 'changed-program');
const work = path.join(dir, 'council');
let first: CliRun, second: CliRun, again: CliRun, fresh: CliRun;
const tools: { code: string }[] = []; // each build's manifest `tool`, read right after it
const toolOf = (): { code: string } => (JSON.parse(readFileSync(path.join(work, 'out', MANIFEST), 'utf8')) as { tool: { code: string } }).tool;

beforeAll(() => {
  copyProgram(changed);
  const writer = path.join(changed, 'dist', 'print', 'writer.js');
  const code = readFileSync(writer, 'utf8');
  expect(code).toContain('const OBJECTS_PER_STREAM = 200;');
  writeFileSync(writer, code.replace('const OBJECTS_PER_STREAM = 200;', 'const OBJECTS_PER_STREAM = 100;'));
  // …and bundled again, as `npm run build` does (bin/papers.js runs dist/bundle/).
  const bundled = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), changed], { encoding: 'utf8' });
  expect(bundled.status, bundled.stderr).toBe(0);
  cpSync(path.join(ROOT, 'data'), path.join(work, 'data'), { recursive: true });
  first = build(ROOT, work, 'out'); // the program as it is
  tools.push(toolOf());
  second = build(changed, work, 'out'); // the changed writer, into the same folder
  tools.push(toolOf());
  again = build(changed, work, 'out'); // the changed writer again: the control
  tools.push(toolOf());
  fresh = build(changed, work, 'fresh'); // the changed writer, into an empty folder
}, 600_000);

describe('reuse is keyed on the code', () => {
  it('builds each time', () => {
    for (const r of [first, second, again, fresh]) expect(r.code, r.stderr).toBe(0);
  });

  it('a changed writer reuses nothing the old code made', () => {
    expect(second.stderr).not.toMatch(/^reuse /m);
    expect(second.stderr).not.toContain('as the last pack here wrote them');
    expect(second.stderr).toMatch(/^print item 6 → /m);
    // The manifests say why: the same name and version, another code fingerprint.
    expect(tools.map((t) => t.code)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.not.stringMatching(tools[0]!.code), tools[1]!.code]);
  });

  it('publishes the pack a first build of the changed writer makes, beside the old one', () => {
    const v2 = readFileSync(path.join(work, 'out', PACK.replace('.pdf', '-v2.pdf')));
    expect(v2.equals(readFileSync(path.join(work, 'fresh', PACK)))).toBe(true);
    expect(v2.equals(readFileSync(path.join(work, 'out', PACK)))).toBe(false); // v1, by the unchanged writer, is left as published
  });

  it('the same changed writer, built again, reuses everything (the control)', () => {
    expect(again.stderr).toContain('reuse item 6: nothing it depends on has changed');
    expect(again.stderr).toContain('reuse the front sheet: the very page the last build here printed');
    expect(again.stderr).toMatch(/as the last pack here wrote them/);
  });
});
