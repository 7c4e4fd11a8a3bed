/**
 * A long build's memory stays level (pipeline/papers.ts): once two papers are finished, the build asks V8
 * to let its heap grow slowly (`Effects.growHeapSlowly`), once; a build of fewer papers is left to V8's
 * defaults. The real effect sets a V8 setting this Node has (`--heap-growing-percent`, pipeline/effects.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMeeting, nodeEffects } from '../../src/pipeline/index.js';
import { ROOT } from '../helpers/cli.js';
import { manyPapersMeeting } from '../helpers/sample.js';

const tool = { name: 'committee-papers', version: 'test' };

describe('memory over a long build', () => {
  it('asks V8 once, after the second paper, to let its heap grow slowly; a one-paper build does not ask', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-heap-'));
    const asked: number[] = [];
    let finished = 0;
    const effects = nodeEffects({
      log: (line) => {
        if (/^print item \d+ → \d+ pages/.test(line)) finished += 1;
      },
      growHeapSlowly: () => void asked.push(finished),
    });
    const five = await buildMeeting(manyPapersMeeting(dir, 5), { cwd: ROOT, outDir: path.join(dir, 'five'), tool, largePrint: false }, effects);
    expect(five.papers).toHaveLength(5);
    expect(asked).toEqual([2]);

    asked.length = 0;
    const one = await buildMeeting(path.join(ROOT, 'data', 'sample', 'meeting.yaml'), { cwd: ROOT, outDir: path.join(dir, 'one'), tool, largePrint: false }, effects);
    expect(one.papers).toHaveLength(1);
    expect(asked).toEqual([]);
  }, 180_000);

  it('sets a V8 setting this Node has: the real effect prints nothing (V8 prints an error for a setting it does not have)', () => {
    const run = (code: string): ReturnType<typeof spawnSync> => spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
    const r = run(`import { nodeEffects } from './src/pipeline/effects.ts'; nodeEffects().growHeapSlowly(); console.log('set')`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('set\n');
    // The check itself: a setting V8 does not have is reported on stderr.
    expect(run(`import v8 from 'node:v8'; v8.setFlagsFromString('--no-such-setting-at-all=1')`).stderr).toMatch(/unrecognized flag/);
  });
});
