/** The print stage with the real Chromium: the page runs no script and loads nothing from outside. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { decodeBlock, encodeBlock, finalisePdf, frontSheetBlock, launchPrinter, openPdf, PackAssembly, pageOfPages, type Printer, PAGE_NUMBER_FONT } from '../../src/print/index.js';
import { layoutPack, packRuns } from '../../src/assemble/index.js';
import { outline } from '../helpers/pdf.js';
import { pdfinfo, pdftotext } from '../helpers/pdf.js';

let printer: Printer;
beforeAll(async () => {
  printer = await launchPrinter();
});
afterAll(async () => {
  await printer.close();
});

const page = (body: string) =>
  `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Print test</title></head><body>${body}</body></html>`;

describe('printing', () => {
  it('runs no script', async () => {
    const { pdf } = await printer.print(page('<p id="p">static text</p><script>document.getElementById("p").textContent = "SCRIPT RAN"</script>'));
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'papers-print-')), 'p.pdf');
    writeFileSync(file, pdf);
    const text = pdftotext(file);
    expect(text).toContain('static text');
    expect(text).not.toContain('SCRIPT RAN');
  });

  it('prints with a font the page loads itself (@font-face, inline), and says when it makes the PDF', async () => {
    // Liberation Sans Bold under a family name no system has: only the page's own font can draw it.
    const font = readFileSync(PAGE_NUMBER_FONT.replace(/-Regular\.ttf$/, '-Bold.ttf')).toString('base64');
    const told: string[] = [];
    const { pdf } = await printer.print(
      page(`<style>@font-face { font-family: "Council Test"; src: url(data:font/ttf;base64,${font}); } p { font-family: "Council Test", monospace; }</style><p>Own font</p>`),
      () => told.push('making'),
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'papers-print-')), 'font.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/LiberationSans-Bold/);
    expect(told).toEqual(['making']);
  });

  it('blocks every request to a network or a file and reports it', async () => {
    const { blocked } = await printer.print(
      page(
        '<img src="http://example.invalid/x.png"><img src="file:///etc/passwd">' +
          '<iframe src="https://example.invalid/frame"></iframe>' +
          '<div style="background:url(http://example.invalid/bg.png)">x</div><p>text</p>' +
          '<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
      ),
    );
    // Network requests reach the interceptor and are aborted. A file:// URL never becomes a request at
    // all: Chromium refuses local files to a page that is not itself a file, before interception.
    expect([...blocked].sort()).toEqual(
      ['http://example.invalid/bg.png', 'http://example.invalid/x.png', 'https://example.invalid/frame'].sort(),
    );
  });

  it('reuses one browser for many papers and gives tagged PDFs with fixed metadata', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-print-'));
    const meta = { title: 'T', author: 'A', subject: 'S', keywords: ['k'], date: '2017-03-03', lang: 'en-GB', creator: 'c', producer: 'p', identity: 'x' };
    const bytes: Buffer[] = [];
    for (let i = 0; i < 3; i++) {
      const { pdf } = await printer.print(page('<h1>Heading</h1><p>Para</p>'));
      const done = await finalisePdf(pdf, meta);
      expect(done.pages).toBe(1);
      bytes.push(Buffer.from(done.bytes));
    }
    expect(bytes[1]!.equals(bytes[0]!) && bytes[2]!.equals(bytes[0]!)).toBe(true);
    const file = path.join(dir, 'm.pdf');
    writeFileSync(file, bytes[0]!);
    const info = pdfinfo(file);
    expect(info).toMatchObject({ Tagged: 'yes', Title: 'T', Author: 'A', Creator: 'c', Producer: 'p' });
    expect(info.CreationDate).toMatch(/Mar\s+3 00:00:00 2017/);
  });

  it('gives the same bytes for the same HTML whatever the browser printed before it', async () => {
    // Tables give structure elements IDs, which Chromium numbers after its DOM nodes: they run on from
    // one document to the next, and are renamed by position when the PDF is finished.
    const meta = { title: 'T', author: 'A', subject: 'S', keywords: [], date: '2017-03-03', lang: 'en-GB', creator: 'c', producer: 'p', identity: 'x' };
    const table = page('<table><caption>C</caption><thead><tr><th scope="col">A</th><th scope="col">B</th></tr></thead><tbody><tr><th scope="row">1</th><td>2</td></tr></tbody></table>');
    const first = await printer.print(table);
    await printer.print(page(`<div>${'<p>another paper</p>'.repeat(200)}</div>`));
    const after = await printer.print(table);
    expect(Buffer.from(after.pdf).toString('latin1')).not.toEqual(Buffer.from(first.pdf).toString('latin1')); // as Chromium wrote them
    const a = await finalisePdf(first.pdf, meta);
    const b = await finalisePdf(after.pdf, meta);
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
  });

  it('makes the same pack block from a paper as it was saved and from its published bytes', async () => {
    // A later build that reuses a paper reads its block, or makes it from the PDF: either way the same pack.
    const meta = { title: 'T', author: 'A', subject: 'S', keywords: [], date: '2017-03-03', lang: 'en-GB', creator: 'c', producer: 'p', identity: 'x' };
    const printed = await printer.print(page(`<h1>Paper</h1><table><caption>C</caption><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td><a href="#x">1</a></td></tr></tbody></table>${'<p>text</p>'.repeat(80)}<p id="x">end</p>`));
    const font = readFileSync(PAGE_NUMBER_FONT);
    const saved = await finalisePdf(printed.pdf, meta, pageOfPages(font, 9));
    expect(saved.pages).toBeGreaterThan(1);
    const asSaved = new PackAssembly('en-GB').addPaper('6', saved.doc, 'Item 6').block;
    const asPublished = new PackAssembly('en-GB').addPaper('6', await openPdf(saved.bytes), 'Item 6').block;
    expect(encodeBlock(asSaved).equals(encodeBlock(asPublished))).toBe(true);
    const decoded = decodeBlock(encodeBlock(asSaved))!;
    expect(encodeBlock(decoded).equals(encodeBlock(asSaved))).toBe(true);
    expect(decoded.pages).toBe(saved.pages);
    expect(decodeBlock(Buffer.from('not a block'))).toBeUndefined();
  });

  it('joins tagged PDFs keeping every one’s tags and bookmarks, the same bytes whatever order they were added in', async () => {
    const meta = { title: 'Joined', author: 'A', subject: 'S', keywords: [], date: '2017-03-03', lang: 'en-GB', creator: 'c', producer: 'p', identity: 'x' };
    const doc = (n: number) => page(`<h1>Paper ${n}</h1><h2>Section ${n}</h2><table><caption>Table ${n}</caption><thead><tr><th scope="col">A${n}</th><th scope="col">B${n}</th></tr></thead><tbody><tr><td>x${n}</td><td>y${n}</td></tr></tbody></table>`);
    const printed = [await printer.print(doc(1)), await printer.print(doc(2))].map((p) => p.pdf);
    const front = (await printer.print(page('<p>The front sheet</p>'))).pdf;
    const font = readFileSync(PAGE_NUMBER_FONT);
    const joined = async (addOrder: number[]): Promise<Buffer> => {
      const pack = new PackAssembly('en-GB');
      for (const i of addOrder) pack.addPaper(String(i + 1), await openPdf(printed[i]!), `Part ${i + 1}`);
      // Laid out as a build lays it out (assemble/pack.ts): each part from a right-hand page.
      const frontBlock = frontSheetBlock(await openPdf(front));
      const parts = await Promise.all(printed.map(async (pdf, i) => ({ entry: { kind: 'toFollow' as const, number: String(i + 1), title: `Part ${i + 1}` }, pages: (await openPdf(pdf)).getPageCount() })));
      const runs = packRuns(parts, layoutPack(parts, true), frontBlock.pages);
      return Buffer.from((await pack.finish({ block: frontBlock }, runs, { font, size: 9 }, meta)).bytes!);
    };
    const forwards = await joined([0, 1]);
    const backwards = await joined([1, 0]);
    expect(backwards.equals(forwards)).toBe(true);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'papers-join-')), 'joined.pdf');
    writeFileSync(file, forwards);
    expect(pdfinfo(file)).toMatchObject({ Tagged: 'yes', Pages: '5' }); // the front sheet, a blank page, part 1, a blank page, part 2
    const pages = pdftotext(file).split('\f');
    expect(pages[1]).toContain('This page is intentionally left blank');
    expect(pages[2]).toContain('Paper 1');
    expect(pages[2]).toContain('Page 1');
    expect(pages[3]).toContain('This page is intentionally left blank');
    expect(pages[4]).toContain('Paper 2');
    expect(pages[4]).toContain('Page 3');
    expect(await outline(file)).toEqual(['Part 1', '  Paper 1', '    Section 1', 'Part 2', '  Paper 2', '    Section 2']);
    const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(tree.split('\n').filter((l) => l === '  Part')).toHaveLength(3);
    for (const text of ['"Paper 1"', '"x1"', '"Paper 2"', '"y2"']) expect(tree).toContain(text);
    expect(tree.indexOf('"Paper 1"')).toBeLessThan(tree.indexOf('"Paper 2"')); // in reading order
  });
});
