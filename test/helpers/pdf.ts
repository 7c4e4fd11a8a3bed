/** Reading a real PDF back, as a reader (or a checker) would: poppler's tools and pdf-lib. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';

export function pdfinfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!.trim()] = m[2]!.trim();
  }
  return info;
}

/** Each page's orientation, from `pdfinfo -f 1 -l N`. */
export function pageOrientations(file: string): ('portrait' | 'landscape')[] {
  const pages = pdfinfo(file).Pages ?? '1';
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', pages, file], { encoding: 'utf8' });
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) =>
    Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait',
  );
}

export function pdftotext(file: string, mode?: '-layout' | '-raw'): string {
  return execFileSync('pdftotext', [...(mode ? [mode] : []), file, '-'], { encoding: 'utf8' });
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

/**
 * Font sizes of every text run in a PDF (pdf.js reads the content streams): size in points →
 * characters set at that size, rounded to a tenth of a point.
 */
export async function fontSizes(file: string, options: { skipPages?: (text: string) => boolean } = {}): Promise<Map<number, number>> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const sizes = new Map<number, number>();
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    if (options.skipPages?.(content.items.map((item) => ('str' in item ? item.str : '')).join(''))) continue;
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const size = Math.round(Math.hypot(item.transform[2] as number, item.transform[3] as number) * 10) / 10;
      sizes.set(size, (sizes.get(size) ?? 0) + item.str.length);
    }
  }
  await doc.destroy();
  return sizes;
}

/**
 * The text of every object in a PDF, as pdf-lib writes it, and each stream's bytes (inflated when they
 * are deflated): what to search for something that must never be in a published file, wherever the
 * writer put it (object streams are compressed, so the file's own bytes would not show it).
 */
export async function pdfObjectsText(file: string): Promise<string> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const parts: string[] = [];
  for (const [, o] of doc.context.enumerateIndirectObjects()) {
    if (o instanceof PDFRawStream) {
      parts.push(o.dict.toString());
      let bytes: Uint8Array = o.contents;
      try {
        bytes = inflateSync(o.contents);
      } catch {
        // not deflated: searched as it is
      }
      parts.push(Buffer.from(bytes).toString('latin1'));
    } else parts.push(o.toString());
  }
  return parts.join('\n');
}
