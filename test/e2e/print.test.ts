/** The print stage with the real Chromium: the page runs no script and loads nothing from outside. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalisePdf, launchPrinter, type Printer } from '../../src/print/index.js';
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
});
