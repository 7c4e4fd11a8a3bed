/** Reading a real PDF back, as a reader (or a checker) would: poppler's tools and pdf-lib. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

export function pdfinfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!.trim()] = m[2]!.trim();
  }
  return info;
}

export function pdftotext(file: string, layout = false): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
}

/** The bookmark titles, depth-first, indented two spaces a level. */
export async function outline(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const titles: string[] = [];
  const walk = (node: PDFDict | undefined, depth: number): void => {
    let item = node?.lookupMaybe(PDFName.of('First'), PDFDict);
    while (item) {
      const t = item.lookup(PDFName.of('Title'));
      const text = t instanceof PDFHexString || t instanceof PDFString ? t.decodeText() : String(t);
      titles.push(`${'  '.repeat(depth)}${text}`);
      walk(item, depth + 1);
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
    }
  };
  walk(root, 0);
  return titles;
}

export async function pdfLanguage(file: string): Promise<string | undefined> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined;
}
