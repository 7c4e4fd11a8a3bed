/**
 * A build prints each paper as soon as its item is read, while it reads the items after it. Whatever
 * happens to a paper printed meanwhile, a problem found in a later item's data is what the build reports
 * (with the file and cell), and the printer is closed. The printer here is a stand-in that fails every
 * document (the real Chromium's failures are in test/e2e/faults.test.ts): the point is the order.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMeeting } from '../../src/pipeline/index.js';
import { nodeEffects } from '../../src/pipeline/index.js';
import { formatProblem, isPapersError } from '../../src/errors.js';
import { sampleMeetingYamlAbsolute, samplePaperAs } from '../helpers/sample.js';

describe('a problem in a later item', () => {
  it('is what the build reports, even when a paper printed meanwhile failed in another way', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-order-'));
    const abs = sampleMeetingYamlAbsolute();
    const csv = readFileSync('data/sample/kpis.csv', 'utf8');
    // Items 6 and 7 read well; item 8's return has a word where a number should be.
    writeFileSync(path.join(dir, 'kpis-8.csv'), csv.replace('\r\nWF02,2017-02,79.4,', '\r\nWF02,2017-02,seventy-nine,'));
    writeFileSync(path.join(dir, 'meeting.yaml'), abs + samplePaperAs('7', 'Paper 7', path.resolve('data/sample/kpis.csv')) + samplePaperAs('8', 'Paper 8', path.join(dir, 'kpis-8.csv')));

    const printed: string[] = [];
    let closed = 0;
    const effects = {
      ...nodeEffects({ log: () => {} }),
      launchPrinter: async () => ({
        version: 'stand-in',
        print: async (html: string) => {
          printed.push(html);
          throw new Error('the stand-in printer fails every document');
        },
        close: async () => {
          closed += 1;
        },
      }),
    };
    const out = path.join(dir, 'out');
    const failure = await buildMeeting(path.join(dir, 'meeting.yaml'), { cwd: process.cwd(), outDir: out, tool: { name: 'committee-papers', version: 'test' } }, effects).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isPapersError(failure)).toBe(true);
    const lines = isPapersError(failure) ? failure.problems.map(formatProblem) : [];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/kpis-8\.csv › C27: found "seventy-nine" as value, expected a number \[NotANumber\]/);
    // Item 6 was sent to print (and item 7 beside it: two papers print at once) and failed, and still the
    // data problem in item 8 is what is reported.
    expect(printed.length).toBeGreaterThanOrEqual(1);
    expect(printed.length).toBeLessThanOrEqual(2);
    expect(closed).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
