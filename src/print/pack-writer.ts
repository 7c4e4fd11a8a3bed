/**
 * Writing the pack, in pack order: every part's block numbered from 1 (each takes a number per object and
 * per object stream), then the pack's own objects — a small pdf-lib document of its catalog, page tree,
 * structure root, bookmarks, page numbers, blank pages and metadata — made from 1 and moved up past them.
 * A part whose block lands where it did in an earlier pack is copied from that file as it is.
 *
 * The phases below run in this order on purpose: pdf-lib numbers objects in the order they are made, and
 * the same order gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObject, PDFRef, PDFStream, PDFString, type PDFFont } from 'pdf-lib';
import { fill, PAGE_NUMBER_FONT_NAME, type BlockOutline, type PartBlock, type Placement } from './blocks.js';
import { embedFooterFont, MARK } from './footer.js';
import { setRoleMap, writeOutline, type OutlineNode } from './merge.js';
import { applyMetadata, type PdfMetadata } from './metadata.js';
import { entriesOf, itemsOf, objectText, segmentNumbers, segmentWholeObjects, writeSegments, type ChunkSink, type Segment, type SegmentLayout, type WrittenObject } from './writer.js';

export const BLANK_PAGE_TEXT = 'This page is intentionally left blank';

/**
 * A block without its objects and streams' bytes: what laying the pack out needs (its pages, structure and
 * bookmarks, which of its objects are streams). The objects are had only when the part is written.
 */
export type BlockShape = Omit<PartBlock, 'objects' | 'data'> & { streams: boolean[] };

/** A block's shape (see BlockShape). */
export function shapeOf(block: PartBlock): BlockShape {
  const { objects, data: _data, ...rest } = block;
  return { ...rest, streams: objects.map((o) => o.s !== undefined) };
}

/** One part of the pack: a block's shape, its body when it is written, the item's bookmark over it, and what it was made from. */
export interface Part {
  block: BlockShape;
  /** The whole block, had when the part is written (read back from a file, for a paper: one at a time). */
  body: () => Promise<PartBlock>;
  /** The item's bookmark, over the part's own. */
  bookmark?: string | undefined;
  /**
   * What the block was made from, as a hash (its encoded bytes' SHA-256, or for an included PDF the PDF's):
   * with its key and where it lands, what says its objects come out as an earlier pack wrote them. A part
   * without one is always written out.
   */
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
  /** The file's length. */
  size: number;
  /** A stretch of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
  segments: readonly PackSegment[];
}

/** The pack's pages in order: a part's block, or a blank page (its size). */
export type PackOrder = readonly ({ part: Part } | { blank: [number, number] })[];

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
const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** The pack's own document as it is made: its context, the footer font and the objects every part points at. */
interface OwnDoc {
  doc: PDFDocument;
  font: PDFFont;
  setText: ReturnType<typeof footerSetter>;
  /** The page numbers' size in points (the blank pages' words are at least 12). */
  footerSize: number;
  /** A line at the head of every page, when set ("NOT FOR PUBLICATION"). */
  mark: string | undefined;
  pagesRef: PDFRef;
  save: PDFRef;
  restore: PDFRef;
  documentRef: PDFRef;
  rootRef: PDFRef;
}

/** Writes the pack (see the top of this file): to `sink` as it is made, else returned as bytes. */
export async function writePack(order: PackOrder, frontPages: number, lang: string, footer: { font: Uint8Array; size: number; mark?: string | undefined }, meta: PdfMetadata, earlier: EarlierPack | undefined, sink?: ChunkSink): Promise<{ bytes: Uint8Array | undefined; size: number; segments: PackSegment[]; copied: number }> {
  // Where each block starts: each takes a number per object and per object stream (writeSegments).
  let next = 1;
  const bases: number[] = [];
  const streams = order.map((entry) => ('part' in entry ? entry.part.block.streams : []));
  order.forEach((entry, e) => {
    bases.push(next);
    if ('part' in entry) next += segmentNumbers(streams[e]!);
  });
  const shift = next - 1; // the pack's own object n is numbered n + shift
  const final = (ref: PDFRef): number => ref.objectNumber + shift;

  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const font = await embedFooterFont(doc, footer.font);
  const own: OwnDoc = {
    doc,
    font,
    setText: footerSetter(font),
    footerSize: footer.size,
    mark: footer.mark,
    pagesRef: doc.catalog.get(N('Pages')) as PDFRef,
    save: ctx.register(ctx.stream('q\n')),
    restore: ctx.register(ctx.stream('Q\n')),
    documentRef: ctx.nextRef(),
    rootRef: ctx.nextRef(),
  };
  const footers = pageTree(own, order, frontPages, bases);
  const placements = structureTree(own, order, bases, footers, final, lang);
  const id = applyMetadata(doc, meta);
  await doc.flush(); // the page-number font's subset: the glyphs the footers use

  const parts = partSegments(order, placements, streams, earlier);
  const segments: Segment[] = [...parts.segments, { base: shift + 1, objects: ownObjects(doc, final) }];
  const file = await writeSegments(segments, { root: final(ctx.trailerInfo.Root as PDFRef), info: final(ctx.trailerInfo.Info as PDFRef), id }, sink);
  const placed = parts.keys.flatMap((key, k) => (key === undefined ? [] : [{ key, ...file.segments[k]! }]));
  return { bytes: file.bytes, size: file.size, segments: placed, copied: parts.copied };
}

/** Every page: its object (a block's, or a blank page of the pack's own) and its page number. Returns each page's footer. */
function pageTree(own: OwnDoc, order: PackOrder, frontPages: number, bases: readonly number[]): (PDFRef | undefined)[][] {
  const ctx = own.doc.context;
  const kids: PDFObject[] = [];
  const footers: (PDFRef | undefined)[][] = order.map(() => []);
  let pageIndex = 0;
  order.forEach((entry, e) => {
    const sizes = 'part' in entry ? entry.part.block.sizes : [entry.blank];
    sizes.forEach((size, i) => {
      const text: FooterText = { foot: pageIndex >= frontPages ? `Page ${pageIndex - frontPages + 1}` : undefined, middle: 'blank' in entry ? BLANK_PAGE_TEXT : undefined, head: own.mark };
      const footer = text.foot !== undefined || text.middle !== undefined || text.head !== undefined ? ctx.register(ctx.stream(footerContent(own.setText, text, size, own.footerSize))) : undefined;
      footers[e]![i] = footer;
      if ('part' in entry) kids.push(new Written(`${bases[e]! + i} 0 R`));
      else {
        const leaf = ctx.obj({ Type: 'Page', Parent: own.pagesRef, MediaBox: [0, 0, size[0], size[1]], Resources: { Font: { [PAGE_NUMBER_FONT_NAME]: own.font.ref } } }) as PDFDict;
        if (footer) leaf.set(N('Contents'), footer);
        kids.push(ctx.register(leaf));
      }
      pageIndex += 1;
    });
  });
  const pageTreeDict = ctx.lookup(own.pagesRef, PDFDict);
  pageTreeDict.set(N('Kids'), ctx.obj(kids));
  pageTreeDict.set(N('Count'), PDFNumber.of(pageIndex));
  return footers;
}

/**
 * Structure and bookmarks: each part's tree under one Document element, its parent-tree keys moved past the
 * parts before, its IDs and role map joined, its bookmarks under the item's. Returns where each part landed.
 */
function structureTree(own: OwnDoc, order: PackOrder, bases: readonly number[], footers: readonly (PDFRef | undefined)[][], final: (ref: PDFRef) => number, lang: string): (Placement | undefined)[] {
  const { doc } = own;
  const ctx = doc.context;
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
      doc: final(own.documentRef),
      pages: final(own.pagesRef),
      font: final(own.font.ref),
      keyOffset,
      save: final(own.save),
      restore: final(own.restore),
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
    const kids = block.outline.map((n) => outlineNode(n, at));
    if (bookmark !== undefined && block.pages > 0) {
      const dest = new Written(`[ ${at.base} 0 R /XYZ null null null ]`);
      outline.push({ title: bookmark, dest, action: undefined, se: undefined, open: false, children: kids });
    } else outline.push(...kids);
  });
  const documentElem = ctx.obj({ Type: 'StructElem', S: 'Document', P: own.rootRef, K: tops }) as PDFDict;
  documentElem.set(N('Lang'), PDFString.of(lang));
  ctx.assign(own.documentRef, documentElem);
  const root = ctx.obj({ Type: 'StructTreeRoot', K: own.documentRef, ParentTreeNextKey: keyOffset }) as PDFDict;
  root.set(N('ParentTree'), ctx.obj({ Nums: parentTree }));
  setRoleMap(doc, root, types);
  if (ids.length > 0) {
    ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); // a name tree is in key order
    root.set(N('IDTree'), ctx.obj({ Names: ids.flatMap(([id, ref]) => [PDFString.of(id), ref]) }));
  }
  ctx.assign(own.rootRef, root);
  doc.catalog.set(N('StructTreeRoot'), own.rootRef);
  doc.catalog.set(N('MarkInfo'), ctx.obj({ Type: 'MarkInfo', Marked: true }));
  doc.catalog.set(N('Lang'), PDFString.of(lang));
  const outlinesRef = ctx.nextRef();
  const written = writeOutline(doc, outline, outlinesRef);
  if (written) {
    ctx.assign(outlinesRef, ctx.obj({ Type: 'Outlines', First: written.first, Last: written.last, Count: written.visible }));
    doc.catalog.set(N('Outlines'), outlinesRef);
  }
  return placements;
}

/**
 * Each part's segment: copied from the earlier pack where the same block lands in the same place, else its
 * objects written out where they land. `keys`: each part's segment key, for the manifest.
 */
function partSegments(order: PackOrder, placements: readonly (Placement | undefined)[], streams: readonly boolean[][], earlier: EarlierPack | undefined): { segments: Segment[]; keys: (string | undefined)[]; copied: number } {
  const segments: Segment[] = [];
  const keys: (string | undefined)[] = [];
  const before = new Map((earlier?.segments ?? []).map((s) => [s.key, s]));
  let copied = 0;
  order.forEach((entry, e) => {
    if (!('part' in entry)) return;
    const { block, id, body } = entry.part;
    const at = placements[e]!;
    const key = id === undefined ? undefined : sha256(JSON.stringify([block.key, id, { ...at, footer: block.sizes.map((_, i) => at.footer(i) ?? null) }]));
    keys.push(key);
    const same = key !== undefined ? before.get(key) : undefined;
    if (same && earlier && fits(same, earlier, streams[e]!)) {
      segments.push({ base: at.base, copied: () => earlier.read(same.offset, same.length), layout: same.layout, streams: streams[e]! });
      copied += 1;
      return;
    }
    const load = async (): Promise<WrittenObject[]> => {
      const whole = await body();
      return whole.objects.map((o) => (o.s ? { text: fill(o, at), stream: whole.data.subarray(o.s[0], o.s[0] + o.s[1]) } : { text: fill(o, at) }));
    };
    segments.push({ base: at.base, streams: streams[e]!, load });
  });
  return { segments, keys, copied };
}

/** The pack's own objects, in pdf-lib's numbering, every reference moved up past the blocks (`final`). */
function ownObjects(doc: PDFDocument, final: (ref: PDFRef) => number): WrittenObject[] {
  const ctx = doc.context;
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
  return own;
}

/** Page-number text: "Page 14" at the foot, a notice in the middle of a blank page, a mark at the head. */
interface FooterText {
  foot?: string | undefined;
  middle?: string | undefined;
  head?: string | undefined;
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
function footerContent(set: ReturnType<typeof footerSetter>, text: FooterText, [width, height]: [number, number], footSize: number): Uint8Array {
  let ops = `${MARK}\n/Type /Pagination\n/Subtype /${text.middle !== undefined ? 'Watermark' : 'Footer'}\n>> BDC\n`;
  const line = (s: string, size: number, y: number): void => {
    const glyphs = set(s, size);
    const x = (width - glyphs.width) / 2;
    ops += `q\nBT\n0 0 0 rg\n/${PAGE_NUMBER_FONT_NAME} ${size} Tf\n1 0 0 1 ${num(x)} ${num(y)} Tm\n${glyphs.hex} Tj\nET\nQ\n`;
  };
  if (text.foot !== undefined) line(text.foot, footSize, 22);
  if (text.middle !== undefined) line(text.middle, Math.max(12, footSize), height / 2);
  if (text.head !== undefined) line(text.head, Math.max(12, footSize), height - 28);
  ops += 'EMC\n';
  return Buffer.from(ops, 'latin1');
}

/** A recorded segment that fits its block and the file it is in (else, e.g. a manifest edited by hand, it is not copied). */
function fits(s: PackSegment, earlier: EarlierPack, streams: readonly boolean[]): boolean {
  const { offsets } = s.layout;
  return (
    s.offset >= 0 &&
    s.offset + s.length <= earlier.size &&
    offsets.length === segmentWholeObjects(streams) &&
    offsets.every((o, i) => Number.isInteger(o) && o >= 0 && o < s.length && (i === 0 || o > offsets[i - 1]!))
  );
}
