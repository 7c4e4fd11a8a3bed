/**
 * The agenda pack as one PDF: the front sheet, then each item from a right-hand page — a paper's own
 * printed pages (its "Page n of N" footers taken off), or an included PDF after its cover — joined with
 * their tags and bookmarks (./merge.ts); a blank page, saying so, wherever an item would otherwise
 * start on a left-hand page; and every page after the front sheet numbered "Page 14", as an artifact.
 */
import type { PDFDocument } from 'pdf-lib';
import { stampFooters, stripFooters } from './footer.js';
import { mergeTagged, type MergePart } from './merge.js';

export const BLANK_PAGE_TEXT = 'This page is intentionally left blank';

export interface PackItemPdf {
  /** Pages in order: a paper's own PDF (published, with footers), or a cover and the included PDF. */
  docs: { doc: PDFDocument; kind: 'paper' | 'cover' | 'included' }[];
  /** The item's bookmark ("Item 6 – Update on …"), on its first page. */
  bookmark: string;
}

export interface PackAssembly {
  front: PDFDocument;
  items: PackItemPdf[];
  /** Each item from an odd page (blank pages put in), as meeting.yaml's `pack.blankPages`. */
  blankPages: boolean;
  /** TrueType bytes of the page-number font (embedded, subset). */
  font: Uint8Array;
  lang: string;
}

export async function assemblePack(input: PackAssembly): Promise<{ doc: PDFDocument; frontPages: number; itemFirstPages: number[] }> {
  const size = (() => {
    const { width, height } = input.front.getPage(0).getSize();
    return [width, height] as [number, number];
  })();
  const parts: MergePart[] = [{ kind: 'document', doc: input.front, bookmark: undefined }];
  const blanks = new Set<number>(); // indexes into `parts`
  const blank = (): void => {
    blanks.add(parts.length);
    parts.push({ kind: 'blank', size });
  };
  let page = input.front.getPageCount();
  if (input.blankPages && page % 2 === 1) {
    blank();
    page += 1;
  }
  const frontPages = page;
  const itemStarts: number[] = []; // index into parts of each item's first part
  for (const item of input.items) {
    if (input.blankPages && (page - frontPages) % 2 === 1) {
      blank();
      page += 1;
    }
    itemStarts.push(parts.length);
    item.docs.forEach((d, i) => {
      if (d.kind === 'paper') stripFooters(d.doc);
      // A paper's own bookmarks go beneath the item's; a cover's only heading is the item's title again.
      parts.push({ kind: 'document', doc: d.doc, bookmark: i === 0 ? item.bookmark : undefined, ownBookmarks: d.kind === 'paper' });
      page += d.doc.getPageCount();
    });
  }
  const { doc, firstPages } = await mergeTagged(parts, input.lang);
  const blankPageIndexes = new Set([...blanks].map((p) => firstPages[p]!));
  await stampFooters(doc, input.font, 9, (i) => ({
    foot: i >= frontPages ? `Page ${i - frontPages + 1}` : undefined,
    middle: blankPageIndexes.has(i) ? BLANK_PAGE_TEXT : undefined,
  }));
  return { doc, frontPages, itemFirstPages: itemStarts.map((p) => firstPages[p]! - frontPages + 1) };
}
