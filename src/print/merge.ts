/**
 * The structure-tree and bookmark work that putting tagged PDFs together needs (./blocks.ts and ./pack.ts
 * join the pack's parts with it): structure IDs renamed by position (`renameIds`, `canonicaliseIds`),
 * the role map for the structure types Chromium writes (`setRoleMap`), number trees (`numberTree`) and
 * bookmarks read and written (`readOutline`, `writeOutline`).
 *
 * pdf-lib's `copyPages` copies pages and nothing that points at them, so the copy is untagged and has no
 * bookmarks (pdfinfo: "Tagged: no"; checked before this project began): the pack does not use it.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

export interface OutlineNode {
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
export function numberTree(tree: PDFDict | undefined, out: [number, PDFObject][] = []): [number, PDFObject][] {
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
function structElements(doc: PDFDocument, start: PDFObject | undefined): PDFDict[] {
  const out: PDFDict[] = [];
  visitElements(doc, start, new Set<PDFDict>(), out);
  return out;
}

// Functions of the module, not closures made for each call: V8 keeps their optimised code (closures made
// afresh were compiled again after every full collection; docs/PERFORMANCE.md, 2026-12-07, fourth session).
function visitElements(doc: PDFDocument, o: PDFObject | undefined, seen: Set<PDFDict>, out: PDFDict[]): void {
  const value = o instanceof PDFRef ? doc.context.lookup(o) : o;
  if (value instanceof PDFArray) {
    for (let i = 0; i < value.size(); i++) visitElements(doc, value.get(i), seen, out);
  } else if (value instanceof PDFDict) {
    const type = value.get(N('Type'));
    if (type !== undefined && type !== N('StructElem')) return; // MCR, OBJR
    if (!value.get(N('S')) || seen.has(value)) return;
    seen.add(value);
    out.push(value);
    visitElements(doc, value.get(N('K')), seen, out);
  }
}

/** Notes the reference by which each element in `k` (an element's /K) is reached. */
function noteRefs(doc: PDFDocument, k: PDFObject | undefined, refOf: Map<PDFDict, PDFObject>): void {
  if (k instanceof PDFRef) {
    const d = doc.context.lookup(k);
    if (d instanceof PDFDict) refOf.set(d, k);
  } else if (k instanceof PDFArray) for (let i = 0; i < k.size(); i++) noteRefs(doc, k.get(i), refOf);
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
  noteRefs(doc, start, refOf);
  for (const elem of elements) {
    noteRefs(doc, elem.get(N('K')), refOf);
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
export function setRoleMap(doc: PDFDocument, root: PDFDict, types: Iterable<string>): void {
  const foreign = [...new Set(types)].filter((t) => !STANDARD_TYPES.has(t)).sort();
  if (foreign.length === 0) root.delete(N('RoleMap'));
  else root.set(N('RoleMap'), doc.context.obj(Object.fromEntries(foreign.map((t) => [t, N(PDF2_TYPES[t] ?? 'NonStruct')]))));
}

/** Outline items as a tree (titles, and destinations still in the source document). */
export function readOutline(first: PDFDict | undefined): OutlineNode[] {
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
export function writeOutline(doc: PDFDocument, nodes: readonly OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef; visible: number } | undefined {
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
