/**
 * The agenda pack of the sample meeting, read back from the real PDF: the front sheet's page ranges
 * against the page numbers actually printed, right-hand starts, tags, bookmarks, the included PDF,
 * the item to follow, and the notice in four scripts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { papers, type CliRun } from '../helpers/cli.js';
import { outline, pdfinfo, pdftotext } from '../helpers/pdf.js';
import { sampleMeetingYamlAbsolute, samplePaperAs } from '../helpers/sample.js';

const PACK = 'pack.pdf';
let out: string;
let run: CliRun;
let pack: string;
let pages: string[];

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'papers-pack-'));
  run = papers(['build', 'data/sample/meeting.yaml', '--out', out]);
  pack = path.join(out, PACK);
  pages = pdftotext(pack, '-layout').split('\f').slice(0, -1);
}, 180_000);

/** The stamped pack page number of each physical page (undefined on the front sheet). */
const numberOf = (text: string): number | undefined => {
  const m = /^\s*Page (\d+)\s*$/m.exec(text.split('\n').slice(-6).join('\n'));
  return m ? Number(m[1]) : undefined;
};

/** The front sheet's agenda rows: item number → page range, read from the PDF's text. */
function frontRanges(): Map<string, { first: number; last: number } | 'to follow' | undefined> {
  const front = pages.slice(0, 2).join('\n');
  const rows = new Map<string, { first: number; last: number } | 'to follow' | undefined>();
  for (const m of front.matchAll(/^(\d+)\s{2,}(.+?)(?:\s{2,}(\d+)(?:\s*-\s*(\d+))?|\s{2,}(To follow))?\s*$/gm)) {
    rows.set(m[1]!, m[5] ? 'to follow' : m[3] ? { first: Number(m[3]), last: Number(m[4] ?? m[3]) } : undefined);
  }
  return rows;
}

describe('the sample agenda pack', () => {
  it('is built, tagged, titled, beside each item’s own PDF and HTML', () => {
    expect(run.code).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining([PACK, 'item-6.pdf', 'item-6.html']));
    const info = pdfinfo(pack);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe('Agenda pack – Children and Families Overview and Scrutiny Panel, 13 March 2017');
    expect(Number(info.Pages)).toBe(pages.length);
  });

  it('lists at least four items, one an included PDF and one to follow', () => {
    const rows = frontRanges();
    expect([...rows.keys()]).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(rows.get('5')).toBe('to follow');
    expect(rows.get('1')).toBeUndefined(); // a standing item has no pages
    expect(typeof rows.get('4')).toBe('object');
    expect(typeof rows.get('6')).toBe('object');
  });

  it('gives page ranges on the front sheet that match the page numbers printed', () => {
    const rows = frontRanges();
    const numbered = pages.map(numberOf);
    const front = numbered.findIndex((n) => n !== undefined);
    expect(front).toBeGreaterThan(0);
    expect(numbered.slice(front)).toEqual(Array.from({ length: pages.length - front }, (_, i) => i + 1)); // continuous from 1
    const pageNo = (n: number): string => pages[front + n - 1]!;
    for (const [item, title] of [['4', 'Confirmation of the minutes'], ['6', 'Update on the Children']] as const) {
      const r = rows.get(item) as { first: number; last: number };
      expect(r.first % 2, `item ${item} starts on a right-hand (odd) page`).toBe(1);
      expect(pageNo(r.first)).toMatch(new RegExp(`(Agenda item ${item}|Item ${item} – )[\\s\\S]*${title}`));
      // The page after an item's last is the next item's start, a blank, or the end of the pack.
      const after = pages[front + r.last];
      expect(after === undefined || /This page is intentionally left blank|Agenda item \d/.test(after)).toBe(true);
    }
    // The included minutes: a cover page, then the PDF's own two pages, numbered in sequence.
    const minutes = rows.get('4') as { first: number; last: number };
    expect(minutes.last - minutes.first).toBe(2);
    expect(pageNo(minutes.first + 1)).toContain('MINUTES');
    expect(pageNo(minutes.first + 2)).toContain('The meeting ended at 4.10 pm.');
  });

  it('lays the front sheet out without a stray page: the date of issue stays with the contacts', () => {
    const front = pages.slice(0, pages.map(numberOf).findIndex((n) => n !== undefined));
    const onPage = (text: string | RegExp): number => front.findIndex((p) => (typeof text === 'string' ? p.includes(text) : text.test(p)));
    expect(onPage('Date of issue: Friday, 3 March 2017')).toBeGreaterThanOrEqual(0);
    expect(onPage('Date of issue')).toBe(onPage('Democratic Services: Alex Morgan'));
    // Each front-sheet page carries real content (a forced break once left a page with one line on it).
    for (const [i, p] of front.entries()) {
      if (/This page is intentionally left blank/.test(p)) continue;
      expect(p.split('\n').filter((l) => l.trim()).length, `front-sheet page ${i + 1}`).toBeGreaterThan(5);
    }
    // Each notice is whole on one page: its heading and its last line together.
    expect(onPage('Alternative formats and languages')).toBe(onPage('中文'));
    expect(onPage(/^\s*Declarations of interest\s*$/m)).toBe(onPage('named on the front sheet before the meeting'));
  });

  it('has a bookmark for every item with pages and for each appendix', async () => {
    const marks = await outline(pack);
    expect(marks).toContain('Item 4 – Confirmation of the minutes of the meeting held on 23 January 2017');
    expect(marks).toContain('Item 6 – Update on the Children\'s Services Improvement Plan');
    // Each paper's own bookmarks sit beneath its item's: the six appendices of item 6.
    const item6 = marks.indexOf('Item 6 – Update on the Children\'s Services Improvement Plan');
    expect(marks.slice(item6 + 1).filter((m) => /^ {2,}Appendix/.test(m))).toHaveLength(6);
  });

  it('keeps every item’s tags: one structure tree with a part per document, holding each one’s text', () => {
    // poppler's reading of the structure tree, with nothing it finds wrong: Chromium's PDF 2.0 "Strong"
    // is role-mapped to a PDF 1.7 Span (setRoleMap), or poppler says "StructElem object is wrong type".
    const struct = (file: string): string => {
      const r = spawnSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    const tree = struct(pack);
    const lines = tree.split('\n');
    expect(lines[0]).toBe('Document');
    const parts = lines.flatMap((l, i) => (l === '  Part' ? [i] : []));
    expect(parts).toHaveLength(3); // the front sheet, the cover of item 4, the paper of item 6 (the minutes are not tagged)
    const partText = (n: number): string => lines.slice(parts[n], parts[n + 1]).join('\n');
    expect(partText(0)).toContain('"Agenda"');
    expect(partText(1)).toContain('Confirmation of the minutes');
    expect(partText(2)).toContain('"Update on the Children\'s Services Improvement Plan"');
    expect(partText(2)).toContain('Appendix 2'); // the paper's tags run to its appendices
    // Every page's marked content is reached from the tree: as much tagged text as in item 6's own PDF.
    const own = struct(path.join(out, readdirSync(out).find((f) => f === 'item-6.pdf')!));
    const texts = (t: string): number => t.split('\n').filter((l) => /^\s+"/.test(l)).length;
    expect(texts(partText(2))).toBe(texts(own));
  });

  it('prints the alternative-formats notice in four scripts with real glyphs, every font embedded and none as Type 3 glyphs', () => {
    const fonts = execFileSync('pdffonts', [pack], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(3);
    for (const line of fonts) expect(line.split(/\s+/).at(-5), line).toBe('yes'); // every font embedded
    expect(fonts.some((l) => /NotoSansBengali/.test(l))).toBe(true);
    expect(fonts.some((l) => /NotoNaskhArabic-Regular/.test(l))).toBe(true); // Urdu in Naskh, the text style
    // Each bold label in its font's own bold (or not bold): bold drawn over a regular face goes in as Type 3 glyphs.
    expect(fonts.filter((l) => /Type 3/.test(l))).toEqual([]);
    const text = pdftotext(pack);
    for (const words of ['Jeśli potrzebują', 'دستاویز', 'নথিটি', '如需本文件']) expect(text).toContain(words);
  });
});

describe('an item to follow, then its supplement', () => {
  it('leaves the main pack as published and builds a supplementary pack of only the new paper', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-supplement-'));
    const abs = sampleMeetingYamlAbsolute();
    // Item 5's paper now exists (the sample's, for the test); it stays marked to follow.
    const paper = abs.slice(abs.indexOf('  - number: 6'));
    const item5 = paper
      .replace('  - number: 6', '  - number: 5\n    toFollow: true')
      .replace("title: Update on the Children's Services Improvement Plan", 'title: Cabinet Member update on early help');
    const yaml = abs.replace(/ {2}- \{ number: 5, title: Cabinet Member update on early help, toFollow: true \}\n/, item5);
    writeFileSync(path.join(dir, 'meeting.yaml'), yaml);
    const outDir = path.join(dir, 'out');

    expect(papers(['build', path.join(dir, 'meeting.yaml'), '--out', outDir]).code).toBe(0);
    const mainPack = path.join(outDir, PACK);
    const published = readFileSync(mainPack);
    expect(pdftotext(mainPack, '-layout')).toMatch(/^5\s+Cabinet Member update on early help\s+To follow\s*$/m);
    expect(readdirSync(outDir).some((f) => f.startsWith('item-5'))).toBe(false);

    const r = papers(['build', path.join(dir, 'meeting.yaml'), '--supplement', '--out', outDir]);
    expect(r.code).toBe(0);
    const supplement = path.join(outDir, 'supplement-pack.pdf');
    const text = pdftotext(supplement, '-layout');
    expect(text).toContain('Supplementary agenda');
    expect(text).toMatch(/^5\s+Cabinet Member update on early help\s+1 - \d+\s*$/m);
    expect(text).not.toMatch(/^6\s+Update on the Children/m);
    expect(pdfinfo(supplement).Tagged).toBe('yes');
    expect(readdirSync(outDir).some((f) => f === 'item-5.pdf')).toBe(true);
    expect(readFileSync(mainPack).equals(published)).toBe(true); // the published main pack is untouched
  }, 240_000);

  it('says so when there is nothing to supplement', () => {
    const r = papers(['build', 'data/sample/meeting.yaml', '--supplement', '--out', mkdtempSync(path.join(tmpdir(), 'papers-nosupp-'))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('found no item marked `toFollow: true` that names its paper, expected at least one for --supplement [SupplementEmpty]');
  });
});

describe('regenerating after a data fix', () => {
  it('rebuilds only the paper whose data changed, leaves the other byte-identical, and publishes the pack as v2 with a note', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-regen-'));
    const abs = sampleMeetingYamlAbsolute();
    // A second paper, item 7, with its own copy of the KPI return.
    writeFileSync(path.join(dir, 'kpis-7.csv'), readFileSync('data/sample/kpis.csv'));
    writeFileSync(path.join(dir, 'meeting.yaml'), abs + samplePaperAs('7', 'Second paper', path.join(dir, 'kpis-7.csv')));
    const out = path.join(dir, 'out');
    const build = (...extra: string[]): CliRun => papers(['build', path.join(dir, 'meeting.yaml'), '--out', out, ...extra]);
    const file = (pattern: RegExp): string => path.join(out, readdirSync(out).find((f) => pattern.test(f))!);
    /** The pack's published versions. */
    const packPdfs = (): string[] => readdirSync(out).filter((f) => /^pack(-v\d+)?\.pdf$/.test(f)).sort();

    expect(build().code).toBe(0);
    const item6 = readFileSync(file(/^item-6\.pdf$/));
    const item7Before = readFileSync(file(/^item-7\.pdf$/));
    /** Item 7's scorecard: each measure's England, neighbours and benchmark-rating cells. */
    const benchmarkCells = (): string[][] =>
      (parse(readFileSync(file(/^item-7-appendix-2\.csv$/)), { bom: true, columns: true }) as Record<string, string>[]).map((r) => [r.id!, r.england!, r['statistical neighbours']!, r['against benchmarks']!]);
    const benchmarksBefore = benchmarkCells();
    expect(benchmarksBefore.filter(([, england]) => england !== '').length).toBeGreaterThanOrEqual(7);
    const v1 = readFileSync(path.join(out, PACK));

    // Nothing changed: both papers reused, the pack rebuilt to the very same bytes (no new version).
    const again = build();
    expect(again.stderr).toContain('reuse item 6: nothing it depends on has changed');
    expect(again.stderr).toContain('reuse item 7: nothing it depends on has changed');
    expect(again.stderr).toContain('reuse item 6 (large print): nothing it depends on has changed');
    expect(again.stderr).toContain('reuse item 7 (large print): nothing it depends on has changed');
    expect(again.stderr).not.toMatch(/^(render|print) item/m);
    // The pack's own pages too: the front sheet and the minutes' cover are the blocks published beside it.
    expect(again.stderr).toContain('reuse the front sheet: the very page the last build here printed');
    expect(again.stderr).toContain('reuse the cover of item 4: the very page the last build here printed');
    expect(packPdfs()).toEqual([PACK]);
    expect(readFileSync(path.join(out, PACK)).equals(v1)).toBe(true);
    // Each paper's block for the pack is published beside it, and is how the reused papers went in.
    const manifestFile = path.join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { items: { number: string; files: { file: string }[] }[]; packPages?: { part: string; file: string }[]; pack?: unknown };
    expect(manifest.items.map((i) => i.files.filter((f) => f.file.endsWith('.part')).length)).toEqual([1, 1]);
    expect(manifest.packPages!.map((p) => p.part)).toEqual(['front', 'item4']);
    for (const p of manifest.packPages!) expect(existsSync(path.join(out, p.file)), p.file).toBe(true);
    expect(again.stderr).toMatch(/assemble pack → .*; 5 of its parts as the last pack here wrote them\)$/m); // front sheet, 2 papers, cover, minutes
    // A build published before blocks were: its papers go in from their PDFs, its front sheet and cover
    // are printed again, and every part is written out afresh, to the very same pack. (Its record of the
    // pack's parts is garbled here, as by a hand edit: nothing is copied by it.)
    for (const item of manifest.items) item.files = item.files.filter((f) => !f.file.endsWith('.part'));
    delete manifest.packPages;
    const recorded = manifest.pack as { segments: { offsets: string }[] };
    expect(recorded.segments).toHaveLength(5); // front sheet, cover, minutes, two papers (the pack's own objects are always written)
    for (const segment of recorded.segments) segment.offsets = '0 1';
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const older = build();
    expect(older.stderr).toContain('reuse item 7: nothing it depends on has changed');
    expect(older.stderr).not.toContain('reuse the front sheet:');
    expect(older.stderr).not.toMatch(/^assemble pack → .*as the last pack here wrote them/m);
    expect(older.stderr).toContain('reuse the front sheet (large-print-pack.pdf):'); // its own manifest was left alone
    expect(packPdfs()).toEqual([PACK]);
    expect(readFileSync(path.join(out, PACK)).equals(v1)).toBe(true);

    // One cell fixed in item 7's return: only item 7 is rebuilt; the published pack stays as v1.
    const csv = readFileSync(path.join(dir, 'kpis-7.csv'), 'utf8');
    expect(csv).toContain('\r\nWF02,2017-02,79.4,');
    writeFileSync(path.join(dir, 'kpis-7.csv'), csv.replace('\r\nWF02,2017-02,79.4,', '\r\nWF02,2017-02,86.0,'));
    const fixed = build();
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('reuse item 6: nothing it depends on has changed');
    expect(fixed.stderr).toMatch(/^print item 7 → /m);
    // The large-print copy likewise: item 7 alone, its pack published as version 2 beside the first.
    expect(fixed.stderr).toContain('reuse item 6 (large print): nothing it depends on has changed');
    expect(fixed.stderr).toMatch(/^print item 7 \(large print\) → /m);
    expect(readdirSync(out).filter((f) => /^large-print-pack(-v\d+)?\.pdf$/.test(f)).sort()).toEqual(['large-print-pack-v2.pdf', 'large-print-pack.pdf']);
    // Its benchmarks are the last build's (the DfE files are unchanged), and come out the same.
    expect(fixed.stderr).toMatch(/csww_indicators_2017_to_2025\.csv → WF03 benchmark .*, as the last build worked it out/);
    expect(benchmarkCells()).toEqual(benchmarksBefore);
    expect(readFileSync(file(/^item-6\.pdf$/)).equals(item6)).toBe(true);
    expect(readFileSync(file(/^item-7\.pdf$/)).equals(item7Before)).toBe(false);
    expect(readFileSync(path.join(out, PACK)).equals(v1)).toBe(true);
    const v2 = path.join(out, PACK.replace('.pdf', '-v2.pdf'));
    expect(pdfinfo(v2).Tagged).toBe('yes');
    // The same pack as a first build of the fixed data elsewhere (whatever parts it copied from v1: those
    // that land where they did, which depends on how many objects item 7 now has).
    const elsewhere = path.join(dir, 'elsewhere');
    expect(papers(['build', path.join(dir, 'meeting.yaml'), '--no-large-print', '--out', elsewhere]).code).toBe(0);
    expect(readFileSync(path.join(elsewhere, PACK)).equals(readFileSync(v2))).toBe(true);
    const note = readFileSync(path.join(out, PACK.replace('.pdf', '-v2.changes.md')), 'utf8');
    expect(note).toContain('## Item 7: Second paper');
    expect(note).toContain('- kpi WF02 Social workers permanently appointed: red → green');
    expect(note).not.toContain('Item 6');

    // --item forces a paper to be rebuilt even when nothing changed; its bytes come out the same, and so
    // does the pack's (no third version).
    const forced = build('--item', '6');
    expect(forced.stderr).toMatch(/^print item 6 → /m);
    expect(readFileSync(file(/^item-6\.pdf$/)).equals(item6)).toBe(true);
    expect(forced.stderr).toMatch(/assemble pack → .*; 5 of its parts as the last pack here wrote them\)$/m);
    expect(packPdfs()).toEqual([PACK, PACK.replace('.pdf', '-v2.pdf')].sort());
  }, 300_000);
});

describe('a problem in a later item', () => {
  it('stops the build after the earlier items began printing: every problem named, exit 1, nothing published', () => {
    // Items are printed as soon as they are read; item 7 is read while item 6 renders and prints.
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-late-'));
    const abs = sampleMeetingYamlAbsolute();
    const csv = readFileSync('data/sample/kpis.csv', 'utf8');
    expect(csv).toContain('\r\nWF02,2017-02,79.4,');
    writeFileSync(path.join(dir, 'kpis-7.csv'), csv.replace('\r\nWF02,2017-02,79.4,', '\r\nWF02,2017-02,seventy-nine,'));
    writeFileSync(path.join(dir, 'meeting.yaml'), abs + samplePaperAs('7', 'Second paper', path.join(dir, 'kpis-7.csv')));
    const out = path.join(dir, 'out');
    const r = papers(['build', path.join(dir, 'meeting.yaml'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/kpis-7\.csv.*seventy-nine/);
    expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(r.stderr).not.toContain('Chromium failed'); // the browser closed under a paper is not relaunched
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
