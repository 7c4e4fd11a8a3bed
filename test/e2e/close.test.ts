/**
 * Closing the browser, with the real Chromium: once however many ask, and in a build as soon as the last
 * page is printed — before the pack is joined and the folder published — and finished when the build returns.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMeeting, nodeEffects } from '../../src/pipeline/index.js';
import { launchPrinter } from '../../src/print/index.js';

const page = '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Close test</title></head><body><p>text</p></body></html>';

describe('closing the browser', () => {
  it('closes once however many ask, and the browser is gone', async () => {
    const printer = await launchPrinter();
    const { pdf } = await printer.print(page);
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const first = printer.close();
    expect(printer.close()).toBe(first);
    await first;
    await expect(printer.print(page)).rejects.toThrow(/closed/);
  }, 60_000);

  it('in a build, is asked for once, after the last paper printed and before the pack is joined, and is done when the build returns', async () => {
    const events: string[] = [];
    const real = nodeEffects({ log: () => {} });
    const effects = nodeEffects({
      log: (line) => events.push(`log ${line}`),
      launchPrinter: async (options) => {
        const printer = await real.launchPrinter(options);
        return {
          version: printer.version,
          print: (html) => printer.print(html),
          close: async () => {
            events.push('close asked');
            await printer.close();
            events.push('closed');
          },
        };
      },
    });
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'papers-close-')), 'out');
    const result = await buildMeeting('data/sample/meeting.yaml', { cwd: process.cwd(), outDir: out, tool: { name: 'committee-papers', version: 'test' }, largePrint: false }, effects);
    expect(result.papers.map((p) => p.item.number)).toEqual(['6']);
    const at = (re: RegExp): number => events.findIndex((e) => re.test(e));
    expect(events.filter((e) => e === 'close asked')).toHaveLength(1);
    expect(at(/^log print item 6 → 28 pages/)).toBeGreaterThanOrEqual(0);
    expect(at(/^close asked$/)).toBeGreaterThan(at(/^log print item 6 /));
    expect(at(/^close asked$/)).toBeLessThan(at(/^log assemble pack → /));
    expect(at(/^close asked$/)).toBeLessThan(at(/^log publish → /));
    expect(events).toContain('closed'); // the build waited for it
  }, 120_000);
});
