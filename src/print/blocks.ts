/**
 * A part of the agenda pack (a paper, the front sheet, a cover, an included PDF) as a *block*: every
 * object its pages and its structure tree reach, written out once as text with holes where the pack
 * decides — the object numbers (the block is numbered from wherever it lands in the pack), the page
 * tree and structure root it hangs from, its page numbers' content and font, and its parent-tree keys.
 *
 * A paper's block is published beside its PDF (`.…part`, see `encodeBlock`), so a later build
 * that reuses the paper puts it into the pack without parsing its PDF or copying a single object: the
 * pack is its blocks' text with the holes filled in (./pack.ts). A block made from a paper as it was
 * saved and one made from its published bytes are the same (test/unit/blocks.test.ts), so a pack of
 * reused papers is the same pack, byte for byte.
 *
 * Within a block, objects are numbered in the order they are reached (pages first, then the structure
 * tree from the top, then whatever those reach), each dictionary's entries in order: the numbering
 * depends on what the part holds, not on how it was made.
 */
import {
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFPageLeaf,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import { numberTree, readOutline, renameIds, type OutlineNode } from './merge.js';
import { TemplateWriter, type Template } from './template-writer.js';
import { drawnAsWritten } from './writer.js';

export type { Hole, Template } from './template-writer.js';

export interface BlockOutline {
  title: string;
  dest?: Template | undefined;
  action?: Template | undefined;
  se?: Template | undefined;
  open: boolean;
  children: BlockOutline[];
}

/** One object: its text, or for a stream its dictionary's text and where its bytes are in `data`. */
export interface BlockObject extends Template {
  s?: [number, number];
}

export interface PartBlock {
  /** The part's key in the pack (`item6`): its structure IDs are prefixed with it. */
  key: string;
  objects: BlockObject[];
  /** Pages: objects 0 … pages − 1. */
  pages: number;
  /** Each page's size (its media box's width and height). */
  sizes: [number, number][];
  /** Top structure elements (none for an untagged part). */
  tops: number[];
  parentTree: [number, Template][];
  /** Parent-tree keys the part uses (0 … keys − 1). */
  keys: number;
  ids: [string, Template][];
  /** Structure types its elements use (for the role map). */
  types: string[];
  /** Its own bookmarks. */
  outline: BlockOutline[];
  /** Streams' bytes. */
  data: Uint8Array;
}

/** The name the page-number font has in every page's resources. */
export const PAGE_NUMBER_FONT_NAME = 'PackPageNumber';

const N = (name: string): PDFName => PDFName.of(name);
const names = {
  StructParents: N('StructParents'),
  StructParent: N('StructParent'),
  Resources: N('Resources'),
  Font: N('Font'),
  Annots: N('Annots'),
  StructTreeRoot: N('StructTreeRoot'),
  K: N('K'),
  P: N('P'),
  S: N('S'),
  Document: N('Document'),
  Part: N('Part'),
  ParentTree: N('ParentTree'),
  ParentTreeNextKey: N('ParentTreeNextKey'),
  Outlines: N('Outlines'),
  First: N('First'),
  Pages: N('Pages'),
};

/** Stand-ins for what the pack decides (generation 65535 is never an object's). */
const DOC = PDFRef.of(1, 65535);
const PAGES = PDFRef.of(2, 65535);
const FONT = PDFRef.of(3, 65535);
const EXTERNAL = new Map<PDFRef, string>([
  [DOC, 'DOC'],
  [PAGES, 'PAGES'],
  [FONT, 'FONT'],
]);

/**
 * The part's block. Changes `src` on the way (its pages take what they inherit, their resources name the
 * page-number font, top elements hang from the pack's Document, IDs are prefixed with `key`): a document
 * made into a block is not saved again.
 */
export function blockOf(src: PDFDocument, key: string, options: { ownBookmarks?: boolean | undefined } = {}): PartBlock {
  const ctx = src.context;
  const root = src.catalog.lookupMaybe(names.StructTreeRoot, PDFDict);
  const tagged = root !== undefined;
  const external = new Map(EXTERNAL);
  const pagesRef = src.catalog.get(names.Pages);
  if (pagesRef instanceof PDFRef) external.set(pagesRef, 'PAGES');
  const { pages, leaves, keyed } = preparePages(src, tagged);

  // Objects are numbered in the order reached: the pages, the structure's top elements, then whatever
  // writing them reaches (the queue grows as objects are written).
  const writer = new TemplateWriter(ctx, external, leaves, keyed);
  for (const page of pages) writer.indexOf(page.ref);
  const structure = root ? structureOf(src, root, key, writer) : { tops: [], parentTree: [], keys: 0, ids: [], types: [] };
  const outlineOf = (n: OutlineNode): BlockOutline => ({
    title: n.title,
    dest: n.dest ? writer.write(n.dest) : undefined,
    action: n.action ? writer.write(n.action) : undefined,
    se: n.se && tagged ? writer.write(n.se) : undefined,
    open: n.open,
    children: n.children.map(outlineOf),
  });
  const outline = options.ownBookmarks === false ? [] : readOutline(src.catalog.lookupMaybe(names.Outlines, PDFDict)?.lookupMaybe(names.First, PDFDict)).map(outlineOf);
  const { objects, data } = objectsReached(ctx, writer);
  return {
    key,
    objects,
    pages: pages.length,
    sizes: pages.map((p) => {
      const { width, height } = p.getSize();
      return [width, height];
    }),
    ...structure,
    outline,
    data,
  };
}

/**
 * Each page made to stand alone in the pack: what it inherits set on it, its resources naming the
 * page-number font; an untagged document's structure keys dropped. Returns the pages, each leaf's index, and
 * the annotations whose /StructParent is a parent-tree key.
 */
function preparePages(src: PDFDocument, tagged: boolean): { pages: ReturnType<PDFDocument['getPages']>; leaves: Map<PDFDict, number>; keyed: Set<PDFDict> } {
  const ctx = src.context;
  const pages = src.getPages();
  const leaves = new Map<PDFDict, number>(); // page leaf → page index
  const keyed = new Set<PDFDict>(); // annotations whose /StructParent is a parent-tree key
  for (const [i, page] of pages.entries()) {
    const leaf = page.node;
    for (const name of PDFPageLeaf.InheritableEntries) {
      const k = N(name);
      const value = leaf.getInheritableAttribute(k);
      if (!leaf.get(k) && value) leaf.set(k, value);
    }
    // Every page's resources name the page-number font (the pack draws "Page 14" in it).
    let resources = leaf.lookupMaybe(names.Resources, PDFDict);
    if (!resources) leaf.set(names.Resources, (resources = ctx.obj({}) as PDFDict));
    let fonts = resources.lookupMaybe(names.Font, PDFDict);
    if (!fonts) resources.set(names.Font, (fonts = ctx.obj({}) as PDFDict));
    fonts.set(N(PAGE_NUMBER_FONT_NAME), FONT);
    if (!tagged) leaf.delete(names.StructParents);
    leaves.set(leaf, i);
    const annots = leaf.lookupMaybe(names.Annots, PDFArray);
    for (let a = 0; annots && a < annots.size(); a++) {
      const dict = annots.lookup(a);
      if (!(dict instanceof PDFDict) || dict.get(names.StructParent) === undefined) continue;
      if (tagged) keyed.add(dict);
      else dict.delete(names.StructParent);
    }
  }
  return { pages, leaves, keyed };
}

/** The structure tree as the block carries it: its top elements (hung from the pack's Document), parent tree, keys, IDs (prefixed with `key`) and types. */
function structureOf(
  src: PDFDocument,
  root: PDFDict,
  key: string,
  writer: TemplateWriter,
): Pick<PartBlock, 'tops' | 'parentTree' | 'keys' | 'ids' | 'types'> {
  const ctx = src.context;
  const tops: number[] = [];
  const parentTree: [number, Template][] = [];
  let keys = 0;
  const topRefs: PDFRef[] = [];
  const collect = (o: PDFObject | undefined): void => {
    if (o instanceof PDFRef) topRefs.push(o);
    else if (o instanceof PDFArray) for (let i = 0; i < o.size(); i++) collect(o.get(i));
  };
  collect(root.get(names.K));
  for (const top of topRefs) {
    const elem = ctx.lookup(top);
    if (!(elem instanceof PDFDict)) continue;
    elem.set(names.P, DOC);
    if (elem.get(names.S) === names.Document) elem.set(names.S, names.Part);
    tops.push(writer.indexOf(top));
  }
  const renamed = renameIds(src, ctx.obj(topRefs), `${key}-`);
  const types = [...renamed.types].sort();
  for (const [k, value] of numberTree(root.lookupMaybe(names.ParentTree, PDFDict))) {
    parentTree.push([k, writer.write(value)]);
    keys = Math.max(keys, k + 1);
  }
  keys = Math.max(keys, root.lookupMaybe(names.ParentTreeNextKey, PDFNumber)?.asNumber() ?? 0);
  const ids: [string, Template][] = renamed.ids.map(([id, ref]) => [id, writer.write(ref)]);
  return { tops, parentTree, keys, ids, types };
}

/** Every object reached, in the order reached, as templates; streams' bytes one after another in `data`. */
function objectsReached(ctx: PDFDocument['context'], writer: TemplateWriter): { objects: BlockObject[]; data: Buffer } {
  const objects: BlockObject[] = [];
  const data: Uint8Array[] = [];
  let dataLength = 0;
  const queue = writer.queue;
  for (let i = 0; i < queue.length; i++) {
    const o = ctx.lookup(queue[i]!);
    if (o instanceof PDFStream) {
      // As the paper's PDF has it: a stream pdf-lib drew (a q, a Q) as the writer wrote it out.
      const { dict, bytes } = o instanceof PDFRawStream ? { dict: o.dict, bytes: o.contents } : o instanceof PDFContentStream ? drawnAsWritten(o, ctx) : (o.updateDict(), { dict: o.dict, bytes: o.getContents() });
      objects.push({ ...writer.write(dict, bytes.length), s: [dataLength, bytes.length] });
      data.push(bytes);
      dataLength += bytes.length;
    } else {
      objects.push(writer.write(o ?? PDFNull));
    }
  }
  return { objects, data: Buffer.concat(data) };
}

/** What fills a block's holes where it lands in the pack. */
export interface Placement {
  /** Its first object's number. */
  base: number;
  doc: number;
  pages: number;
  font: number;
  /** The part's first parent-tree key in the pack. */
  keyOffset: number;
  /** Content streams saying `q` and `Q`, around a page's own content when a page number follows it. */
  save: number;
  restore: number;
  /** Page i's page-number content's object number, if it has one. */
  footer: (page: number) => number | undefined;
}

/** A template's text where its block lands. */
export function fill(template: Template, at: Placement): string {
  const { t, h } = template;
  let text = t[0]!;
  for (let i = 0; i < h.length; i++) {
    const x = h[i]!;
    if (typeof x === 'number') text += `${at.base + x} 0 R`;
    else if (x === 'DOC') text += `${at.doc} 0 R`;
    else if (x === 'PAGES') text += `${at.pages} 0 R`;
    else if (x === 'FONT') text += `${at.font} 0 R`;
    else if (x[0] === 'k') text += String(Number(x.slice(1)) + at.keyOffset);
    else if (x[0] === 's') {
      if (at.footer(Number(x.slice(1))) !== undefined) text += `${at.save} 0 R `;
    } else if (x[0] === 'f') {
      const n = at.footer(Number(x.slice(1)));
      if (n !== undefined) text += `${at.restore} 0 R ${n} 0 R `;
    } else throw new Error(`a block has an unknown hole ${x}`);
    text += t[i + 1]!;
  }
  return text;
}
