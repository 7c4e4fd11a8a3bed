/**
 * The agenda pack as one PDF: the front sheet, then each item from a right-hand page — a paper's own
 * printed pages (its "Page n of N" footers taken off), or an included PDF after its cover — joined with
 * their tags and bookmarks (./merge.ts); a blank page, saying so, wherever an item would otherwise
 * start on a left-hand page; and every page after the front sheet numbered "Page 14", as an artifact.
 *
 * Items are copied in as they become ready (a paper as soon as it is finished, while Chromium prints the
 * next); `finish` lays everything out once the front sheet, which needs every item's page count, exists.
 */
import type { PDFDocument } from 'pdf-lib';
import { stampFooters, stripFooters } from './footer.js';
import { TaggedJoin } from './merge.js';

export const BLANK_PAGE_TEXT = 'This page is intentionally left blank';

export class PackAssembly {
  private readonly pages = new Map<string, number>();

  private constructor(private readonly join: TaggedJoin) {}

  static async create(lang: string): Promise<PackAssembly> {
    return new PackAssembly(await TaggedJoin.create(lang));
  }

  /** A paper's own published PDF, under the item's bookmark ("Item 6 – Update on …"); its bookmarks go beneath. */
  addPaper(number: string, doc: PDFDocument, bookmark: string): void {
    stripFooters(doc);
    this.join.add(`item${number}`, doc, { bookmark });
    this.pages.set(number, doc.getPageCount());
  }

  /** An included PDF after its cover page (whose one heading is the item's title: the bookmark). */
  addIncluded(number: string, cover: PDFDocument, included: PDFDocument, bookmark: string): void {
    this.join.add(`item${number}`, cover, { bookmark, ownBookmarks: false });
    this.join.add(`item${number}-included`, included);
    this.pages.set(number, cover.getPageCount() + included.getPageCount());
  }

  /**
   * Lays the pack out: the front sheet, then the items in agenda order (`numbers`), each from an odd page
   * when `blankPages`; numbers the pages after the front sheet. Returns each item's first pack page.
   */
  async finish(front: PDFDocument, numbers: readonly string[], blankPages: boolean, font: Uint8Array): Promise<{ doc: PDFDocument; frontPages: number; itemFirstPages: number[] }> {
    const { width, height } = front.getPage(0).getSize();
    const blank = { blank: [width, height] as [number, number] };
    this.join.add('front', front);
    const order: ({ key: string } | typeof blank)[] = [{ key: 'front' }];
    let page = front.getPageCount();
    if (blankPages && page % 2 === 1) {
      order.push(blank);
      page += 1;
    }
    const frontPages = page;
    const itemFirstPages: number[] = [];
    for (const number of numbers) {
      const pages = this.pages.get(number);
      if (pages === undefined) throw new Error(`item ${number} was never added to the pack`);
      if (blankPages && (page - frontPages) % 2 === 1) {
        order.push(blank);
        page += 1;
      }
      itemFirstPages.push(page - frontPages + 1);
      order.push({ key: `item${number}` });
      if (this.join.has(`item${number}-included`)) order.push({ key: `item${number}-included` });
      page += pages;
    }
    const { doc, firstPages } = this.join.finish(order);
    const blanks = new Set(order.flatMap((o, i) => ('blank' in o ? [firstPages[i]!] : [])));
    await stampFooters(doc, font, 9, (i) => ({
      foot: i >= frontPages ? `Page ${i - frontPages + 1}` : undefined,
      middle: blanks.has(i) ? BLANK_PAGE_TEXT : undefined,
    }));
    return { doc, frontPages, itemFirstPages };
  }
}
