/**
 * Two kinds of cell that programs other than Excel and LibreOffice write (exports from line-of-business
 * systems, scripts), which exceljs's streaming reader read wrong without a word (src/ingest/formula-cells.ts):
 * an inline string in runs (only the last run's text was kept: "six" of "Recruit six social workers")
 * and a date cell holding an ISO date (`t="d"`: read as the number 2017, in a date format 9 July 1905).
 * The sample action plan is rewritten with such cells in place of its own, and must read the same.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleFromBytes, readActionPlan } from '../../src/ingest/index.js';
import { rewrittenInChunks } from '../helpers/read.js';
import { zip, zipParts } from '../helpers/zip.js';

const SAMPLE = 'data/sample/action-plan.xlsx';
const asAt = '2017-02-24';

/** The sample action plan's parts, its sheet's XML changed by `change`. */
async function rewritten(change: (sheet: string, shared: string[]) => string): Promise<{ bytes: Buffer; sheet: Buffer }> {
  const parts = await zipParts(readFileSync(SAMPLE));
  const sst = parts.find((p) => p.name === 'xl/sharedStrings.xml')!.data.toString('utf8');
  const shared = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
  const part = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  const sheet = Buffer.from(change(part.data.toString('utf8'), shared), 'utf8');
  return { bytes: zip(parts.map((p) => (p === part ? { name: p.name, data: sheet } : { name: p.name, data: p.data }))), sheet };
}

const replaced = (xml: string, from: string, to: string): string => {
  expect(xml).toContain(from);
  return xml.replace(from, to);
};

/** C8 (an action's text) as an inline string in three runs, the middle one bold, with a phonetic guide; D8 (its deadline) as an ISO date; an empty date cell. */
const otherProgram = (sheet: string, shared: string[]): string => {
  const text = shared[28]!;
  const [a, b] = [text.indexOf(' '), text.indexOf(' ', text.indexOf(' ') + 1)];
  expect(a).toBeGreaterThan(0);
  const runs = `<r><t xml:space="preserve">${text.slice(0, a)}</t></r><r><rPr><b/></rPr><t xml:space="preserve">${text.slice(a, b)}</t></r><r><t/></r><r><t>${text.slice(b)}</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh>`;
  let xml = replaced(sheet, '<c r="C8" t="s"><v>28</v></c>', `<c r="C8" t="inlineStr"><is>${runs}</is></c>`);
  xml = replaced(xml, '<c r="D8" s="5"><v>42835</v></c>', '<c r="D8" s="5" t="d"><v>2017-04-10T00:00:00Z</v></c>');
  return replaced(xml, '<c r="B7" s="2"/>', '<c r="B7" s="2" t="d"/>');
};

describe('cells written by other programs', () => {
  it('an inline string in runs reads as its whole text, an ISO date cell as its date: the action plan reads as the original', async () => {
    const read = async (bytes: Buffer) => (await readActionPlan(handleFromBytes(bytes, 'action-plan.xlsx'), { sheet: 'Action Plan', asAt, columns: { status: ['RAG'] } })).actions.map((x) => ({ ...x, source: x.source.row.cell }));
    const original = await read(readFileSync(SAMPLE));
    const { bytes } = await rewritten(otherProgram);
    const other = await read(bytes);
    expect(other).toEqual(original);
    const eight = other.find((x) => x.source === 'A8')!;
    expect(eight.deadline.date).toBe('2017-04-10');
    expect(JSON.stringify(eight)).not.toContain('PHONETIC');
  });

  it('a date cell becomes the day number Excel gives it, its time a fraction of the day; text that is not an ISO date stays text', async () => {
    const cells = async (values: string[]): Promise<string[]> => {
      const { sheet } = await rewritten((xml) => replaced(xml, '<c r="D8" s="5"><v>42835</v></c>', values.map((v, i) => `<c r="D${8 + i}" s="5" t="d"><v>${v}</v></c>`).join('')));
      const xml = await rewrittenInChunks(sheet, sheet.length);
      return values.map((_, i) => new RegExp(`<c r="D${8 + i}"[^>]*>.*?</c>`).exec(xml)![0]);
    };
    expect(await cells(['2017-04-10T13:45:00', '2017-04-10', '1900-03-01T00:00:00+01:00', '2017-02-30', 'next week'])).toEqual([
      '<c r="D8" s="5"><v>42835.572916666664</v></c>',
      '<c r="D9" s="5"><v>42835</v></c>',
      '<c r="D10" s="5"><v>61</v></c>',
      '<c r="D11" s="5" t="str"><v>2017-02-30</v></c>',
      '<c r="D12" s="5" t="str"><v>next week</v></c>',
    ]);
  });

  it('the rewrite is the same whatever the chunks the sheet arrives in (1 to 64 bytes)', async () => {
    const { sheet } = await rewritten(otherProgram);
    const run = (size: number): Promise<string> => rewrittenInChunks(sheet, size);
    const whole = await run(sheet.length);
    expect(whole).not.toContain('<r>');
    expect(whole).not.toContain('PHONETIC');
    expect(whole).toContain('<c r="D8" s="5"><v>42835</v></c>');
    expect(whole).toContain('<c r="B7" s="2" t="d"/>');
    for (let size = 1; size <= 64; size++) expect(await run(size)).toBe(whole);
  });
});
