/**
 * The agenda pack as one PDF: the front sheet, then each item from a right-hand page — a paper's own
 * printed pages (its "Page n of N" footers taken off), or an included PDF after its cover — with their
 * tags and bookmarks; a blank page, saying so, wherever an item would otherwise start on a left-hand
 * page; and every page after the front sheet numbered "Page 14", as an artifact.
 *
 * Each part comes in as a block (./blocks.ts): its objects written out once, with holes for what the
 * pack decides. A paper's block is made as soon as the paper is finished (while Chromium prints the
 * next), or read from the file the last build published beside it. `finish` lays the blocks out once the
 * front sheet, which needs every item's page count, exists: the blocks are numbered one after another in
 * pack order, and a small document of the pack's own (pdf-lib's: catalog, page tree, structure root,
 * bookmarks, page numbers, blank pages, metadata) is numbered after them. Every part's structure tree
 * goes under one Document element, each part's top element becoming a Part; parent-tree keys move past
 * the parts before; structure IDs carry the part's key; the role map is the union of the parts'.
 *
 * pdf-lib's `copyPages` copies pages and nothing that points at them, so a copy is untagged and has no
 * bookmarks (pdfinfo: "Tagged: no"; checked before this project began): nothing here is copied by it.
 */
import { createHash } from 'node:crypto';
import type { PDFDocument } from 'pdf-lib';
import type { PackRun } from '../model/index.js';
import { encodeBlock } from './block-file.js';
import { blockOf, type PartBlock } from './blocks.js';
import type { Footer } from './finish.js';
import { stripFooters } from './footer.js';
import { cleanIncluded, tagUntagged } from './included.js';
import type { PdfMetadata } from './metadata.js';
import { shapeOf, writePack, type EarlierPack, type Part, type PackSegment } from './pack-writer.js';
import type { ChunkSink } from './writer.js';

export { BLANK_PAGE_TEXT, type EarlierPack, type PackSegment } from './pack-writer.js';
export type { ChunkSink } from './writer.js';

/**
 * A block with the hash of what it was made from (see Part.id); `reload`, when given, has the block again
 * (from the file it was published or staged as), so that the pack holds only its shape until it is written.
 */
export interface IdentifiedBlock {
  block: PartBlock;
  id?: string | undefined;
  reload?: (() => Promise<PartBlock>) | undefined;
}

/** The part of a block: its shape kept, its body kept too unless it can be had again (`reload`). */
function partOf({ block, id, reload }: IdentifiedBlock, bookmark?: string): Part {
  const body = reload ?? ((): Promise<PartBlock> => Promise.resolve(block));
  return { block: shapeOf(block), body, bookmark, id };
}

/** The front sheet as printed, as a block of the pack (what a later build with the same front sheet reuses). */
export function frontSheetBlock(front: PDFDocument): PartBlock {
  return blockOf(front, 'front');
}

/** An included PDF's cover page as printed, as a block of the pack; the cover's heading is left to the item's bookmark. */
export function coverBlock(cover: PDFDocument, number: string): PartBlock {
  return blockOf(cover, `item${number}`, { ownBookmarks: false });
}

export class PackAssembly {
  private readonly parts = new Map<string, Part>();
  private readonly pages = new Map<string, number>();

  constructor(private readonly lang: string) {}

  /**
   * A paper's own published PDF, under the item's bookmark ("Item 6 – Update on …"); its bookmarks go
   * beneath. Returns its block, and the block encoded (to publish beside it); `reload` has it again from
   * where it is put (see IdentifiedBlock).
   */
  addPaper(number: string, doc: PDFDocument, bookmark: string, reload?: () => Promise<PartBlock>): { block: PartBlock; encoded: Buffer } {
    stripFooters(doc);
    const block = blockOf(doc, `item${number}`);
    const encoded = encodeBlock(block);
    this.addPaperBlock(number, { block, id: sha256(encoded), reload }, bookmark);
    return { block, encoded };
  }

  /** A paper's block, as an earlier build published it (`id`: the SHA-256 of the file). */
  addPaperBlock(number: string, identified: IdentifiedBlock, bookmark: string): void {
    const { block } = identified;
    if (block.key !== `item${number}`) throw new Error(`the block of item ${number} is ${block.key}'s`);
    this.parts.set(block.key, partOf(identified, bookmark));
    this.pages.set(number, block.pages);
  }

  /**
   * An included PDF after its cover page (`coverBlock`: its one heading is the item's title, the
   * bookmark); `includedId`: the SHA-256 of the included PDF's bytes. The PDF is made safe and, if it is
   * untagged, tagged on the way in (./included.ts).
   */
  addIncluded(number: string, cover: IdentifiedBlock, included: PDFDocument, bookmark: string, includedId?: string): void {
    if (cover.block.key !== `item${number}`) throw new Error(`the cover block of item ${number} is ${cover.block.key}'s`);
    this.parts.set(cover.block.key, partOf(cover, bookmark));
    cleanIncluded(included);
    tagUntagged(included, bookmark);
    this.parts.set(`item${number}-included`, partOf({ block: blockOf(included, `item${number}-included`), id: includedId }));
    this.pages.set(number, cover.block.pages + included.getPageCount());
  }

  /**
   * The pack: its pages in the order assemble/pack.ts laid them out (`runs`: the front sheet, blank pages,
   * each item's pages), the pages after the front sheet numbered in `footer` (its font and size: 9pt, 16pt in large print). Each item's block must have the
   * pages the layout gave it (what the front sheet's page ranges were printed from).
   */
  async finish(
    /** The front sheet's block (`frontSheetBlock`). */
    front: IdentifiedBlock,
    runs: readonly PackRun[],
    footer: Footer,
    meta: PdfMetadata,
    /** The pack this build's last one wrote, whose parts' segments are copied where they land the same. */
    earlier?: EarlierPack,
    /** Where the pack goes as it is written (then `bytes` is undefined); else it is returned. */
    sink?: ChunkSink,
  ): Promise<{ bytes: Uint8Array | undefined; size: number; pages: number; frontPages: number; segments: PackSegment[]; copied: number }> {
    const frontBlock = front.block;
    if (frontBlock.key !== 'front') throw new Error(`the front sheet's block is ${frontBlock.key}'s`);
    const blank = frontBlock.sizes[0] ?? [595.28, 841.89];
    type Entry = { part: Part } | { blank: [number, number] };
    const order: Entry[] = [];
    let page = 0;
    let frontPages = 0; // numbering starts with the first page after the front sheet and its blank
    for (const run of runs) {
      if (run.kind === 'front') {
        order.push({ part: partOf(front) });
        page += frontBlock.pages;
        if (run.blankAfter) {
          order.push({ blank });
          page += 1;
        }
        frontPages = page;
        continue;
      }
      if (run.kind === 'blank') {
        order.push({ blank });
        page += 1;
        continue;
      }
      const pages = this.pages.get(run.number);
      if (pages === undefined) throw new Error(`item ${run.number} was never added to the pack`);
      if (pages !== run.pages) throw new Error(`item ${run.number} has ${pages} pages where the pack's layout has ${run.pages}`);
      order.push({ part: this.parts.get(`item${run.number}`)! });
      const included = this.parts.get(`item${run.number}-included`);
      if (included) order.push({ part: included });
      page += pages;
    }
    const written = await writePack(order, frontPages, this.lang, footer, meta, earlier, sink);
    return { ...written, pages: page, frontPages };
  }
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
