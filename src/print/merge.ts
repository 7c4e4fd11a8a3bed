/**
 * Putting tagged PDFs together without losing their tags: the agenda pack is the front sheet and each
 * item's own PDF, page for page, in one document whose structure tree, bookmarks and language are the
 * union of theirs.
 *
 * pdf-lib's `copyPages` copies pages and nothing that points at them, so the copy is untagged and has no
 * bookmarks (pdfinfo: "Tagged: no"; checked before this project began). Here every part's pages AND its
 * structure tree are copied with ONE object copier per part, so each structure element's page references
 * (`/Pg`, marked-content references, `/OBJR`) land on the copied pages; then:
 * - each part's top element (Chromium's `/Document`) becomes a `/Part` under one new `/Document`;
 * - its parent-tree keys (`/StructParents` of pages, `/StructParent` of annotations) are shifted past the
 *   parts before it, and the parent trees are joined into one;
 * - element IDs are renamed part by part (see `renameIds`), in the elements, in table-header references
 *   and in the ID tree;
 * - the structure types all parts use are role-mapped to PDF 1.7's where they are not (see `setRoleMap`);
 * - its bookmarks go beneath a bookmark for the part, their destinations on the copied pages.
 * Parts without a structure tree (an included PDF made elsewhere) are copied as pages only.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { entriesOf, itemsOf } from './writer.js';

interface OutlineNode {
  title: string;
  dest: PDFObject | undefined;
  action: PDFObject | undefined;
  se: PDFObject | undefined;
  open: boolean;
  children: OutlineNode[];
}

/** Names by their text, looked up once: PDFName.of decodes its argument with a regular expression on every call. */
const names = new Map<string, PDFName>();
const N = (name: string): PDFName => {
  let n = names.get(name);
  if (!n) names.set(name, (n = PDFName.of(name)));
  return n;
};

/** The (key, value) pairs of a number tree (`/Nums`, possibly under `/Kids`). */
function numberTree(tree: PDFDict | undefined, out: [number, PDFObject][] = []): [number, PDFObject][] {
  if (!tree) return out;
  const nums = tree.lookupMaybe(N('Nums'), PDFArray);
  if (nums) {
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const key = nums.lookup(i, PDFNumber).asNumber();
      out.push([key, nums.get(i + 1)]);
    }
  }
  const kids = tree.lookupMaybe(N('Kids'), PDFArray);
  if (kids) for (let i = 0; i < kids.size(); i++) numberTree(kids.lookup(i, PDFDict), out);
  return out;
}

function textOf(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
}

/** Every structure element under `start` (by reference or inline), each once. */
function structElements(doc: PDFDocument, start: PDFObject | undefined, seen = new Set<PDFDict>(), out: PDFDict[] = []): PDFDict[] {
  const visit = (o: PDFObject | undefined): void => {
    const value = o instanceof PDFRef ? doc.context.lookup(o) : o;
    if (value instanceof PDFArray) {
      for (let i = 0; i < value.size(); i++) visit(value.get(i));
    } else if (value instanceof PDFDict) {
      const type = value.get(N('Type'));
      if (type !== undefined && type !== N('StructElem')) return; // MCR, OBJR
      if (!value.get(N('S')) || seen.has(value)) return;
      seen.add(value);
      out.push(value);
      visit(value.get(N('K')));
    }
  };
  visit(start);
  return out;
}

/**
 * Renames the IDs of the structure elements under `start`, in reading order, to `<prefix>000001`, … and
 * the table-header references to them (`/Headers`); returns the new (ID, element) pairs for an ID tree.
 *
 * Chromium names an element after its DOM node (`node00006553`), and node numbers run on from one
 * document to the next in the same browser: the same HTML printed first or after another document gets
 * different IDs, so different bytes. Renamed by position, the IDs depend on the document alone.
 */
export function renameIds(doc: PDFDocument, start: PDFObject | undefined, prefix: string): { ids: [string, PDFObject][]; types: Set<string> } {
  const elements = structElements(doc, start);
  // Names are interned (PDFName.of), so each type is decoded once, not once per element.
  const typeNames = new Set<PDFName>();
  for (const elem of elements) {
    const s = elem.get(N('S'));
    if (s instanceof PDFName) typeNames.add(s);
  }
  const types = new Set([...typeNames].map((n) => n.decodeText()));
  const renamed = new Map<string, string>();
  const pairs: [string, PDFObject][] = [];
  const refOf = new Map<PDFDict, PDFObject>();
  // The ID tree points at elements by reference: find each element's reference from its parent's /K.
  const noteRefs = (k: PDFObject | undefined): void => {
    if (k instanceof PDFRef) {
      const d = doc.context.lookup(k);
      if (d instanceof PDFDict) refOf.set(d, k);
    } else if (k instanceof PDFArray) for (let i = 0; i < k.size(); i++) noteRefs(k.get(i));
  };
  noteRefs(start);
  for (const elem of elements) {
    noteRefs(elem.get(N('K')));
    const id = textOf(elem.get(N('ID')));
    if (id === undefined) continue;
    const name = `${prefix}${String(renamed.size + 1).padStart(6, '0')}`;
    renamed.set(id, name);
    elem.set(N('ID'), PDFString.of(name));
    pairs.push([name, refOf.get(elem) ?? elem]);
  }
  for (const elem of elements) {
    const attrs = elem.lookup(N('A'));
    const attrList = attrs instanceof PDFArray ? attrs.asArray() : attrs ? [attrs] : [];
    for (const a of attrList) {
      const dict = a instanceof PDFRef ? doc.context.lookup(a) : a;
      if (!(dict instanceof PDFDict)) continue;
      const headers = dict.lookupMaybe(N('Headers'), PDFArray);
      if (!headers) continue;
      for (let i = 0; i < headers.size(); i++) {
        const h = textOf(headers.get(i));
        const to = h !== undefined ? renamed.get(h) : undefined;
        if (to !== undefined) headers.set(i, PDFString.of(to));
      }
    }
  }
  return { ids: pairs, types };
}

/** The same for a whole document (a paper, before it is saved): IDs `n000001`, …, its ID tree, and its role map (setRoleMap). */
export function canonicaliseIds(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
  if (!root) return;
  // The old ID tree's nodes go (pdf-lib writes every object it holds, referenced or not).
  const dropTree = (node: PDFObject | undefined): void => {
    const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (!(dict instanceof PDFDict)) return;
    const kids = dict.lookupMaybe(N('Kids'), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i++) dropTree(kids.get(i));
    if (node instanceof PDFRef) doc.context.delete(node);
  };
  dropTree(root.get(N('IDTree')));
  const { ids: pairs, types } = renameIds(doc, root.get(N('K')), 'n');
  setRoleMap(doc, root, types);
  if (pairs.length > 0) root.set(N('IDTree'), doc.context.obj({ Names: pairs.flatMap(([id, ref]) => [PDFString.of(id), ref]) }));
  else root.delete(N('IDTree'));
}

/** The structure types of PDF 1.7 (ISO 32000-1, 14.8.4), the version these files declare. */
const STANDARD_TYPES = new Set(
  ('Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody ' +
    'Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form').split(' '),
);

/** PDF 2.0's types that Chromium writes, as their PDF 1.7 equivalents (ISO 32000-2, Annex L). */
const PDF2_TYPES: Record<string, string> = { Strong: 'Span', Em: 'Span', Sub: 'Span', Title: 'H', FENote: 'Note', Aside: 'Div', DocumentFragment: 'Part' };

/**
 * Chromium tags `<strong>` as PDF 2.0's Strong (and `<em>` as Em) in a file that declares PDF 1.7, where
 * they are not standard types: a checker (PDF/UA; poppler says "StructElem object is wrong type
 * (Strong)") and some screen readers then do not know them. The structure tree's role map says what each
 * is in PDF 1.7 terms; any other type outside the standard set is mapped to NonStruct (a grouping with
 * no meaning of its own). `types`: the structure types the tree uses.
 */
function setRoleMap(doc: PDFDocument, root: PDFDict, types: Iterable<string>): void {
  const foreign = [...new Set(types)].filter((t) => !STANDARD_TYPES.has(t)).sort();
  if (foreign.length === 0) root.delete(N('RoleMap'));
  else root.set(N('RoleMap'), doc.context.obj(Object.fromEntries(foreign.map((t) => [t, N(PDF2_TYPES[t] ?? 'NonStruct')]))));
}

/** Outline items as a tree (titles, and destinations still in the source document). */
function readOutline(first: PDFDict | undefined): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  for (let item = first; item; item = item.lookupMaybe(N('Next'), PDFDict)) {
    const count = item.lookupMaybe(N('Count'), PDFNumber)?.asNumber() ?? 0;
    nodes.push({
      title: textOf(item.lookup(N('Title'))) ?? '',
      dest: item.get(N('Dest')),
      action: item.get(N('A')),
      se: item.get(N('SE')),
      open: count > 0,
      children: readOutline(item.lookupMaybe(N('First'), PDFDict)),
    });
  }
  return nodes;
}

/** Writes outline items under `parent`; returns first, last and the count of items visible under it. */
function writeOutline(doc: PDFDocument, nodes: readonly OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef; visible: number } | undefined {
  if (nodes.length === 0) return undefined;
  const refs = nodes.map(() => doc.context.nextRef());
  let visible = 0;
  nodes.forEach((node, i) => {
    const dict = doc.context.obj({}) as PDFDict;
    dict.set(N('Title'), PDFHexString.fromText(node.title));
    dict.set(N('Parent'), parent);
    if (i > 0) dict.set(N('Prev'), refs[i - 1]!);
    if (i + 1 < refs.length) dict.set(N('Next'), refs[i + 1]!);
    if (node.dest) dict.set(N('Dest'), node.dest);
    if (node.action) dict.set(N('A'), node.action);
    if (node.se) dict.set(N('SE'), node.se);
    const kids = writeOutline(doc, node.children, refs[i]!);
    if (kids) {
      dict.set(N('First'), kids.first);
      dict.set(N('Last'), kids.last);
      dict.set(N('Count'), PDFNumber.of(node.open ? kids.visible : -kids.visible));
    }
    doc.context.assign(refs[i]!, dict);
    visible += 1 + (node.open && kids ? kids.visible : 0);
  });
  return { first: refs[0]!, last: refs[refs.length - 1]!, visible };
}

interface JoinedPart {
  pages: { leaf: PDFPageLeaf; ref: PDFRef; structParents: number | undefined; annots: { dict: PDFDict; structParent: number }[] }[];
  tops: PDFRef[];
  parentTree: [number, PDFObject][];
  /** Parent-tree keys the part uses (0 … keys − 1). */
  keys: number;
  ids: [string, PDFObject][];
  /** The structure types its elements use (for the role map). */
  types: Set<string>;
  outline: OutlineNode[];
}

/**
 * Tagged documents joined into one, added in any order and laid out in the order `finish` is given. Each
 * part is copied when it is added (so a pack's papers are copied while the next one prints); structure
 * keys and the page tree are settled in `finish`, and `renumberObjects` makes the bytes independent of
 * the order of adding.
 */
export class TaggedJoin {
  private readonly parts = new Map<string, JoinedPart>();
  private readonly documentRef: PDFRef;

  private constructor(
    readonly doc: PDFDocument,
    private readonly lang: string,
  ) {
    this.documentRef = doc.context.nextRef();
  }

  static async create(lang: string): Promise<TaggedJoin> {
    return new TaggedJoin(await PDFDocument.create({ updateMetadata: false }), lang);
  }

  has(key: string): boolean {
    return this.parts.has(key);
  }

  /** Copies a part in, under a key of its own (which also prefixes its structure IDs). */
  add(key: string, src: PDFDocument, options: { bookmark?: string | undefined; ownBookmarks?: boolean | undefined } = {}): void {
    if (this.parts.has(key)) throw new Error(`part ${key} is already in`);
    const ctx = this.doc.context;
    const copier = PDFObjectCopier.for(src.context, ctx);
    const srcRoot = src.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
    const part: JoinedPart = { pages: [], tops: [], parentTree: [], keys: 0, ids: [], types: new Set(), outline: [] };

    // Pages first, so that everything else that points at a page is mapped onto its copy.
    for (const page of src.getPages()) {
      const ref = copier.copy(page.ref);
      const leaf = ctx.lookup(ref);
      if (!(leaf instanceof PDFPageLeaf)) throw new Error('a copied page is not a page');
      const structParents = srcRoot ? leaf.lookupMaybe(N('StructParents'), PDFNumber)?.asNumber() : undefined;
      if (!srcRoot) leaf.delete(N('StructParents'));
      const annots: JoinedPart['pages'][number]['annots'] = [];
      const list = leaf.lookupMaybe(N('Annots'), PDFArray);
      if (list) {
        for (let i = 0; i < list.size(); i++) {
          const dict = list.lookup(i, PDFDict);
          const n = dict.lookupMaybe(N('StructParent'), PDFNumber)?.asNumber();
          if (n !== undefined && srcRoot) annots.push({ dict, structParent: n });
          else if (n !== undefined) dict.delete(N('StructParent'));
        }
      }
      part.pages.push({ leaf, ref, structParents, annots });
    }

    if (srcRoot) {
      const collect = (o: PDFObject | undefined): void => {
        if (o instanceof PDFRef) part.tops.push(o);
        else if (o instanceof PDFArray) for (let i = 0; i < o.size(); i++) collect(o.get(i));
      };
      collect(srcRoot.get(N('K')));
      part.tops = part.tops.map((top) => {
        // Copy the element without its parent (the old root), then hang it under the new document.
        const elem = src.context.lookup(top, PDFDict);
        const oldParent = elem.get(N('P'));
        elem.delete(N('P'));
        const copied = copier.copy(top);
        if (oldParent) elem.set(N('P'), oldParent);
        const copiedElem = ctx.lookup(copied, PDFDict);
        copiedElem.set(N('P'), this.documentRef);
        if (copiedElem.get(N('S')) === N('Document')) copiedElem.set(N('S'), N('Part'));
        return copied;
      });
      for (const [k, value] of numberTree(srcRoot.lookupMaybe(N('ParentTree'), PDFDict))) part.parentTree.push([k, copier.copy(value)]);
      const declared = srcRoot.lookupMaybe(N('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
      part.keys = Math.max(declared, ...part.parentTree.map(([k]) => k + 1));
      // Element IDs are unique only within their own document: renamed part by part, in reading order.
      const renamed = renameIds(this.doc, ctx.obj(part.tops), `${key}-`);
      part.ids = renamed.ids;
      part.types = renamed.types;
    }

    // Bookmarks: the part's own, with destinations, actions and structure links on the copies.
    const mapNode = (n: OutlineNode): OutlineNode => ({
      ...n,
      dest: n.dest ? copier.copy(n.dest) : undefined,
      action: n.action ? copier.copy(n.action) : undefined,
      se: n.se && srcRoot ? copier.copy(n.se) : undefined,
      children: n.children.map(mapNode),
    });
    const own = options.ownBookmarks === false ? [] : readOutline(src.catalog.lookupMaybe(N('Outlines'), PDFDict)?.lookupMaybe(N('First'), PDFDict)).map(mapNode);
    if (options.bookmark !== undefined && part.pages.length > 0) {
      const dest = ctx.obj([part.pages[0]!.ref, N('XYZ'), PDFNull, PDFNull, PDFNull]);
      part.outline = [{ title: options.bookmark, dest, action: undefined, se: undefined, open: false, children: own }];
    } else {
      part.outline = own;
    }
    this.parts.set(key, part);
  }

  /** Lays the parts out in this order (blank pages where asked); returns the 0-based first page of each entry. */
  finish(order: readonly ({ key: string } | { blank: [number, number] })[]): { doc: PDFDocument; firstPages: number[] } {
    const out = this.doc;
    const ctx = out.context;
    const rootRef = ctx.nextRef();
    const kids = ctx.obj([]) as PDFArray;
    const parentTree: PDFObject[] = [];
    const ids: [string, PDFObject][] = [];
    const types = new Set<string>();
    const outline: OutlineNode[] = [];
    const firstPages: number[] = [];
    let nextKey = 0;
    for (const entry of order) {
      firstPages.push(out.getPageCount());
      if ('blank' in entry) {
        out.addPage(entry.blank);
        continue;
      }
      const part = this.parts.get(entry.key);
      if (!part) throw new Error(`part ${entry.key} was never added`);
      const offset = nextKey;
      for (const page of part.pages) {
        if (page.structParents !== undefined) page.leaf.set(N('StructParents'), PDFNumber.of(page.structParents + offset));
        for (const a of page.annots) a.dict.set(N('StructParent'), PDFNumber.of(a.structParent + offset));
        out.addPage(PDFPage.of(page.leaf, page.ref, out));
      }
      for (const top of part.tops) kids.push(top);
      for (const [k, v] of part.parentTree) parentTree.push(PDFNumber.of(k + offset), v);
      nextKey = offset + part.keys;
      ids.push(...part.ids);
      for (const t of part.types) types.add(t);
      outline.push(...part.outline);
    }

    const documentElem = ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: kids }) as PDFDict;
    documentElem.set(N('Lang'), PDFString.of(this.lang));
    ctx.assign(this.documentRef, documentElem);
    const root = ctx.obj({ Type: 'StructTreeRoot', K: this.documentRef, ParentTreeNextKey: nextKey }) as PDFDict;
    root.set(N('ParentTree'), ctx.obj({ Nums: parentTree }));
    setRoleMap(out, root, types);
    if (ids.length > 0) {
      ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); // a name tree is in key order
      root.set(N('IDTree'), ctx.obj({ Names: ids.flatMap(([id, ref]) => [PDFString.of(id), ref]) }));
    }
    ctx.assign(rootRef, root);
    out.catalog.set(N('StructTreeRoot'), rootRef);
    out.catalog.set(N('MarkInfo'), ctx.obj({ Type: 'MarkInfo', Marked: true }));
    out.catalog.set(N('Lang'), PDFString.of(this.lang));

    const outlinesRef = ctx.nextRef();
    const written = writeOutline(out, outline, outlinesRef);
    if (written) {
      ctx.assign(outlinesRef, ctx.obj({ Type: 'Outlines', First: written.first, Last: written.last, Count: written.visible }));
      out.catalog.set(N('Outlines'), outlinesRef);
    }
    return { doc: out, firstPages };
  }
}

/**
 * Numbers the document's objects in the order they are reached from the catalog and the info dictionary
 * (breadth first, each dictionary's entries in order), and drops what is not reached. The bytes then
 * depend on what the document holds, not on the order its parts were copied in — so the pack's papers can
 * be copied in as soon as each is ready. Fonts and images are embedded first (pdf-lib's flush).
 */
export async function renumberObjects(doc: PDFDocument): Promise<void> {
  await doc.flush();
  const ctx = doc.context;
  const number = new Map<PDFRef, PDFRef>();
  const queue: PDFRef[] = [];
  // A reference gets its new number when first reached, and is rewritten in place there and then: the
  // objects are still looked up by their old references (the queue), never by the new ones.
  const renumbered = (ref: PDFRef): PDFObject => {
    let to = number.get(ref);
    if (to === undefined) {
      if (ctx.lookup(ref) === undefined) return PDFNull;
      to = PDFRef.of(number.size + 1);
      number.set(ref, to);
      queue.push(ref);
    }
    return to;
  };
  const done = new Set<PDFObject>(); // direct objects can be shared: each is rewritten once
  const rewrite = (o: PDFObject): void => {
    if (done.has(o)) return;
    if (o instanceof PDFDict) {
      done.add(o);
      const entries = entriesOf(o); // in place: each value is replaced, no key added or removed
      for (const [k, v] of entries) {
        if (v instanceof PDFRef) entries.set(k, renumbered(v));
        else if (v instanceof PDFDict || v instanceof PDFArray) rewrite(v);
      }
    } else if (o instanceof PDFArray) {
      done.add(o);
      const items = itemsOf(o);
      for (let i = 0; i < items.length; i++) {
        const v = items[i]!;
        if (v instanceof PDFRef) items[i] = renumbered(v);
        else if (v instanceof PDFDict || v instanceof PDFArray) rewrite(v);
      }
    } else if (o instanceof PDFStream) {
      done.add(o);
      rewrite(o.dict);
    }
  };
  const roots = (['Root', 'Info'] as const).map((key) => {
    const r = ctx.trailerInfo[key];
    return r instanceof PDFRef ? ([key, renumbered(r)] as const) : undefined;
  });
  const objects: [PDFRef, PDFObject][] = [];
  for (let i = 0; i < queue.length; i++) {
    const o = ctx.lookup(queue[i]!)!;
    rewrite(o);
    objects.push([number.get(queue[i]!)!, o]);
  }
  for (const [ref] of ctx.enumerateIndirectObjects()) ctx.delete(ref);
  for (const [ref, o] of objects) ctx.assign(ref, o);
  ctx.largestObjectNumber = objects.length;
  for (const r of roots) if (r) ctx.trailerInfo[r[0]] = r[1];
}
