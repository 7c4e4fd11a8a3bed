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
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObject, PDFRef, PDFStream, PDFString, type PDFFont } from 'pdf-lib';
import type { PackRun } from '../model/index.js';
import { blockOf, encodeBlock, fill, PAGE_NUMBER_FONT_NAME, type BlockOutline, type PartBlock, type Placement } from './blocks.js';
import { embedFooterFont, MARK, stripFooters } from './footer.js';
import { setRoleMap, writeOutline, type OutlineNode } from './merge.js';
import { applyMetadata, type PdfMetadata } from './metadata.js';
import { entriesOf, itemsOf, objectText, segmentNumbers, segmentWholeObjects, writeSegments, type Segment, type SegmentLayout, type WrittenObject } from './writer.js';

export const BLANK_PAGE_TEXT = 'This page is intentionally left blank';

/** Text already written out (an object of a block, where it landed), inside an object of the pack's own. */
class Written extends PDFObject {
  constructor(private readonly text: string) {
    super();
  }
  override clone(): Written {
    return this;
  }
  override toString(): string {
    return this.text;
  }
  override sizeInBytes(): number {
    return this.text.length;
  }
  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    for (let i = 0; i < this.text.length; i++) buffer[offset + i] = this.text.charCodeAt(i);
    return this.text.length;
  }
}

const N = (name: string): PDFName => PDFName.of(name);

interface Part {
  block: PartBlock;
  /** The item's bookmark, over the part's own. */
  bookmark?: string | undefined;
  /**
   * What the block was made from, as a hash (its encoded bytes' SHA-256, or for an included PDF the PDF's):
   * with its key and where it lands, what says its objects come out as an earlier pack wrote them. A part
   * without one is always written out.
   */
  id?: string | undefined;
}

/** A block with the hash of what it was made from (see Part.id). */
export interface IdentifiedBlock {
  block: PartBlock;
  id?: string | undefined;
}

/**
 * Where a part's objects are in a pack written earlier: a stretch of that file (`writeSegments`) that is
 * the same bytes wherever the same block lands in the same place (`key`: the block's id and its placement).
 */
export interface PackSegment {
  key: string;
  offset: number;
  length: number;
  layout: SegmentLayout;
}

/** An earlier pack and its parts' segments: what a pack that lays the same blocks out the same way copies. */
export interface EarlierPack {
  bytes: Uint8Array;
  segments: readonly PackSegment[];
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
   * beneath. Returns its block, and the block encoded (to publish beside it).
   */
  addPaper(number: string, doc: PDFDocument, bookmark: string): { block: PartBlock; encoded: Buffer } {
    stripFooters(doc);
    const block = blockOf(doc, `item${number}`);
    const encoded = encodeBlock(block);
    this.addPaperBlock(number, { block, id: sha256(encoded) }, bookmark);
    return { block, encoded };
  }

  /** A paper's block, as an earlier build published it (`id`: the SHA-256 of the file). */
  addPaperBlock(number: string, { block, id }: IdentifiedBlock, bookmark: string): void {
    if (block.key !== `item${number}`) throw new Error(`the block of item ${number} is ${block.key}'s`);
    this.parts.set(block.key, { block, bookmark, id });
    this.pages.set(number, block.pages);
  }

  /**
   * An included PDF after its cover page (`coverBlock`: its one heading is the item's title, the
   * bookmark); `includedId`: the SHA-256 of the included PDF's bytes.
   */
  addIncluded(number: string, cover: IdentifiedBlock, included: PDFDocument, bookmark: string, includedId?: string): void {
    if (cover.block.key !== `item${number}`) throw new Error(`the cover block of item ${number} is ${cover.block.key}'s`);
    this.parts.set(cover.block.key, { block: cover.block, bookmark, id: cover.id });
    this.parts.set(`item${number}-included`, { block: blockOf(included, `item${number}-included`), id: includedId });
    this.pages.set(number, cover.block.pages + included.getPageCount());
  }

  /**
   * The pack: its pages in the order assemble/pack.ts laid them out (`runs`: the front sheet, blank pages,
   * each item's pages), the pages after the front sheet numbered in `font`. Each item's block must have the
   * pages the layout gave it (what the front sheet's page ranges were printed from).
   */
  async finish(
    /** The front sheet's block (`frontSheetBlock`). */
    front: IdentifiedBlock,
    runs: readonly PackRun[],
    font: Uint8Array,
    meta: PdfMetadata,
    /** The pack this build's last one wrote, whose parts' segments are copied where they land the same. */
    earlier?: EarlierPack,
  ): Promise<{ bytes: Uint8Array; pages: number; frontPages: number; segments: PackSegment[]; copied: number }> {
    const frontBlock = front.block;
    if (frontBlock.key !== 'front') throw new Error(`the front sheet's block is ${frontBlock.key}'s`);
    const blank = frontBlock.sizes[0] ?? [595.28, 841.89];
    type Entry = { part: Part } | { blank: [number, number] };
    const order: Entry[] = [];
    let page = 0;
    let frontPages = 0; // numbering starts with the first page after the front sheet and its blank
    for (const run of runs) {
      if (run.kind === 'front') {
        order.push({ part: { block: frontBlock, id: front.id } });
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
    const written = await writePack(order, frontPages, this.lang, font, meta, earlier);
    return { ...written, pages: page, frontPages };
  }
}

/** Page-number text: "Page 14" at the foot, or a notice in the middle of a blank page. */
interface FooterText {
  foot?: string | undefined;
  middle?: string | undefined;
}

const num = (x: number): string => String(Math.round(x * 1000) / 1000);

/**
 * Footer text set a character at a time: each character's glyph and width are looked up once (in the
 * font subset as it is used), not each footer laid out whole — 286 layouts were a tenth of writing a pack.
 * Page numbers and the blank-page notice have no ligatures, and pdf-lib sets text by glyph advances alone
 * (no kerning), so the glyphs and widths are those of the whole text.
 */
function footerSetter(font: PDFFont): (text: string, size: number) => { hex: string; width: number } {
  const chars = new Map<string, { hex: string; width: number }>();
  return (text, size) => {
    let hex = '';
    let width = 0;
    for (const ch of text) {
      let c = chars.get(ch);
      if (!c) chars.set(ch, (c = { hex: font.encodeText(ch).toString().slice(1, -1), width: font.widthOfTextAtSize(ch, 1000) }));
      hex += c.hex;
      width += c.width;
    }
    return { hex: `<${hex}>`, width: (width * size) / 1000 };
  };
}

/** A page's footer as content, marked as a pagination artifact (what `stripFooters` would know). */
function footerContent(set: ReturnType<typeof footerSetter>, text: FooterText, [width, height]: [number, number]): Uint8Array {
  let ops = `${MARK}\n/Type /Pagination\n/Subtype /${text.middle !== undefined ? 'Watermark' : 'Footer'}\n>> BDC\n`;
  const line = (s: string, size: number, y: number): void => {
    const glyphs = set(s, size);
    const x = (width - glyphs.width) / 2;
    ops += `q\nBT\n0 0 0 rg\n/${PAGE_NUMBER_FONT_NAME} ${size} Tf\n1 0 0 1 ${num(x)} ${num(y)} Tm\n${glyphs.hex} Tj\nET\nQ\n`;
  };
  if (text.foot !== undefined) line(text.foot, 9, 22);
  if (text.middle !== undefined) line(text.middle, 12, height / 2);
  ops += 'EMC\n';
  return Buffer.from(ops, 'latin1');
}

/**
 * Writes the pack: every part's block, numbered in pack order from 1, then the pack's own objects
 * (numbered after them: made by pdf-lib from 1, and moved up).
 */
async function writePack(
  order: readonly ({ part: Part } | { blank: [number, number] })[],
  frontPages: number,
  lang: string,
  fontBytes: Uint8Array,
  meta: PdfMetadata,
  earlier: EarlierPack | undefined,
): Promise<{ bytes: Uint8Array; segments: PackSegment[]; copied: number }> {
  // Where each block starts: each takes a number per object and per object stream (writeSegments).
  let next = 1;
  const bases: number[] = [];
  const streams = order.map((entry) => ('part' in entry ? entry.part.block.objects.map((o) => o.s !== undefined) : []));
  order.forEach((entry, e) => {
    bases.push(next);
    if ('part' in entry) next += segmentNumbers(streams[e]!);
  });
  const shift = next - 1; // the pack's own object n is numbered n + shift
  const final = (ref: PDFRef): number => ref.objectNumber + shift;

  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const font = await embedFooterFont(doc, fontBytes);
  const setText = footerSetter(font);
  const pagesRef = doc.catalog.get(N('Pages')) as PDFRef;
  const save = ctx.register(ctx.stream('q\n'));
  const restore = ctx.register(ctx.stream('Q\n'));
  const documentRef = ctx.nextRef();
  const rootRef = ctx.nextRef();

  // Every page: its object (a block's, or a blank page of the pack's own) and its page number.
  const kids: PDFObject[] = [];
  const footers: (PDFRef | undefined)[][] = order.map(() => []);
  let pageIndex = 0;
  order.forEach((entry, e) => {
    const sizes = 'part' in entry ? entry.part.block.sizes : [entry.blank];
    sizes.forEach((size, i) => {
      const text: FooterText = { foot: pageIndex >= frontPages ? `Page ${pageIndex - frontPages + 1}` : undefined, middle: 'blank' in entry ? BLANK_PAGE_TEXT : undefined };
      const footer = text.foot !== undefined || text.middle !== undefined ? ctx.register(ctx.stream(footerContent(setText, text, size))) : undefined;
      footers[e]![i] = footer;
      if ('part' in entry) kids.push(new Written(`${bases[e]! + i} 0 R`));
      else {
        const leaf = ctx.obj({ Type: 'Page', Parent: pagesRef, MediaBox: [0, 0, size[0], size[1]], Resources: { Font: { [PAGE_NUMBER_FONT_NAME]: font.ref } } }) as PDFDict;
        if (footer) leaf.set(N('Contents'), footer);
        kids.push(ctx.register(leaf));
      }
      pageIndex += 1;
    });
  });
  const pageTree = ctx.lookup(pagesRef, PDFDict);
  pageTree.set(N('Kids'), ctx.obj(kids));
  pageTree.set(N('Count'), PDFNumber.of(pageIndex));

  // Structure: each part's tree under one Document, parent-tree keys moved past the parts before.
  const placements: (Placement | undefined)[] = [];
  const tops: PDFObject[] = [];
  const parentTree: PDFObject[] = [];
  const ids: [string, PDFObject][] = [];
  const types = new Set<string>();
  const outline: OutlineNode[] = [];
  let keyOffset = 0;
  const outlineNode = (n: BlockOutline, at: Placement): OutlineNode => ({
    title: n.title,
    dest: n.dest ? new Written(fill(n.dest, at)) : undefined,
    action: n.action ? new Written(fill(n.action, at)) : undefined,
    se: n.se ? new Written(fill(n.se, at)) : undefined,
    open: n.open,
    children: n.children.map((c) => outlineNode(c, at)),
  });
  order.forEach((entry, e) => {
    if (!('part' in entry)) {
      placements.push(undefined);
      return;
    }
    const { block, bookmark } = entry.part;
    const at: Placement = {
      base: bases[e]!,
      doc: final(documentRef),
      pages: final(pagesRef),
      font: final(font.ref),
      keyOffset,
      save: final(save),
      restore: final(restore),
      footer: (i) => {
        const f = footers[e]![i];
        return f ? final(f) : undefined;
      },
    };
    placements.push(at);
    for (const top of block.tops) tops.push(new Written(`${at.base + top} 0 R`));
    for (const [k, value] of block.parentTree) parentTree.push(PDFNumber.of(k + keyOffset), new Written(fill(value, at)));
    for (const [id, value] of block.ids) ids.push([id, new Written(fill(value, at))]);
    for (const t of block.types) types.add(t);
    keyOffset += block.keys;
    const own = block.outline.map((n) => outlineNode(n, at));
    if (bookmark !== undefined && block.pages > 0) {
      const dest = new Written(`[ ${at.base} 0 R /XYZ null null null ]`);
      outline.push({ title: bookmark, dest, action: undefined, se: undefined, open: false, children: own });
    } else outline.push(...own);
  });
  const documentElem = ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: tops }) as PDFDict;
  documentElem.set(N('Lang'), PDFString.of(lang));
  ctx.assign(documentRef, documentElem);
  const root = ctx.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTreeNextKey: keyOffset }) as PDFDict;
  root.set(N('ParentTree'), ctx.obj({ Nums: parentTree }));
  setRoleMap(doc, root, types);
  if (ids.length > 0) {
    ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); // a name tree is in key order
    root.set(N('IDTree'), ctx.obj({ Names: ids.flatMap(([id, ref]) => [PDFString.of(id), ref]) }));
  }
  ctx.assign(rootRef, root);
  doc.catalog.set(N('StructTreeRoot'), rootRef);
  doc.catalog.set(N('MarkInfo'), ctx.obj({ Type: 'MarkInfo', Marked: true }));
  doc.catalog.set(N('Lang'), PDFString.of(lang));
  const outlinesRef = ctx.nextRef();
  const written = writeOutline(doc, outline, outlinesRef);
  if (written) {
    ctx.assign(outlinesRef, ctx.obj({ Type: 'Outlines', First: written.first, Last: written.last, Count: written.visible }));
    doc.catalog.set(N('Outlines'), outlinesRef);
  }
  const id = applyMetadata(doc, meta);
  await doc.flush(); // the page-number font's subset: the glyphs the footers use

  // The pack's own objects, moved up past the blocks.
  const moved = (r: PDFRef): PDFRef => PDFRef.of(final(r));
  const done = new Set<PDFObject>();
  const move = (o: PDFObject): void => {
    if (done.has(o)) return;
    done.add(o);
    if (o instanceof PDFDict) {
      const entries = entriesOf(o);
      for (const [k, v] of entries) {
        if (v instanceof PDFRef) entries.set(k, moved(v));
        else move(v);
      }
    } else if (o instanceof PDFArray) {
      const items = itemsOf(o);
      for (let i = 0; i < items.length; i++) {
        const v = items[i]!;
        if (v instanceof PDFRef) items[i] = moved(v);
        else move(v);
      }
    } else if (o instanceof PDFStream) move(o.dict);
  };
  // Each part's segment: copied from the earlier pack where the same block lands in the same place, else
  // its objects written out where they land.
  const segments: Segment[] = [];
  const keys: (string | undefined)[] = [];
  const before = new Map((earlier?.segments ?? []).map((s) => [s.key, s]));
  let copied = 0;
  order.forEach((entry, e) => {
    if (!('part' in entry)) return;
    const { block, id } = entry.part;
    const at = placements[e]!;
    const key = id === undefined ? undefined : sha256(JSON.stringify([block.key, id, { ...at, footer: block.sizes.map((_, i) => at.footer(i) ?? null) }]));
    keys.push(key);
    const same = key !== undefined ? before.get(key) : undefined;
    if (same && earlier && fits(same, earlier, streams[e]!)) {
      segments.push({ base: at.base, copied: earlier.bytes.subarray(same.offset, same.offset + same.length), layout: same.layout, streams: streams[e]! });
      copied += 1;
      return;
    }
    segments.push({ base: at.base, objects: block.objects.map((o) => (o.s ? { text: fill(o, at), stream: block.data.subarray(o.s[0], o.s[0] + o.s[1]) } : { text: fill(o, at) })) });
  });
  const own: WrittenObject[] = [];
  for (let n = 1; n <= ctx.largestObjectNumber; n++) {
    const o = ctx.lookup(PDFRef.of(n));
    if (o === undefined) {
      own.push({ text: 'null' }); // a number pdf-lib gave out and did not use
      continue;
    }
    move(o);
    if (o instanceof PDFStream) {
      o.updateDict();
      const bytes = o.getContents();
      own.push({ text: objectText(o.dict), stream: bytes });
    } else own.push({ text: objectText(o) });
  }
  segments.push({ base: shift + 1, objects: own });
  const rootOf = ctx.trailerInfo.Root as PDFRef;
  const info = ctx.trailerInfo.Info as PDFRef;
  const file = await writeSegments(segments, { root: final(rootOf), info: final(info), id });
  const placed = keys.flatMap((key, k) => (key === undefined ? [] : [{ key, ...file.segments[k]! }]));
  return { bytes: file.bytes, segments: placed, copied };
}

/** A recorded segment that fits its block and the file it is in (else, e.g. a manifest edited by hand, it is not copied). */
function fits(s: PackSegment, earlier: EarlierPack, streams: readonly boolean[]): boolean {
  const { offsets } = s.layout;
  return (
    s.offset >= 0 &&
    s.offset + s.length <= earlier.bytes.length &&
    offsets.length === segmentWholeObjects(streams) &&
    offsets.every((o, i) => Number.isInteger(o) && o >= 0 && o < s.length && (i === 0 || o > offsets[i - 1]!))
  );
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
