/**
 * Putting tagged PDFs together without losing their tags: the agenda pack is the front sheet and each
 * item's own PDF, page for page, in one document whose structure tree, bookmarks and language are the
 * union of theirs.
 *
 * pdf-lib's `copyPages` copies pages and nothing that points at them, so the copy is untagged and has no
 * bookmarks (DESIGN.md, "Tags survive only where the structure tree does"). Here every part's pages AND its
 * structure tree are copied with ONE object copier per part, so each structure element's page references
 * (`/Pg`, marked-content references, `/OBJR`) land on the copied pages; then:
 * - each part's top element (Chromium's `/Document`) becomes a `/Part` under one new `/Document`;
 * - its parent-tree keys (`/StructParents` of pages, `/StructParent` of annotations) are shifted past the
 *   parts before it, and the parent trees are joined into one;
 * - element IDs (Chromium's `node000…`, which every document numbers from the start) get a per-part prefix,
 *   in the elements, in table-header references and in the ID tree;
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
  PDFString,
  type PDFObject,
} from 'pdf-lib';

export type MergePart =
  | {
      kind: 'document';
      doc: PDFDocument;
      /** A bookmark for the part (its own bookmarks go beneath it); without one, its bookmarks go at the top. */
      bookmark?: string | undefined;
      /** Whether the part's own bookmarks are kept (beneath its bookmark); default true. */
      ownBookmarks?: boolean | undefined;
    }
  | { kind: 'blank'; size: [number, number] };

interface OutlineNode {
  title: string;
  dest: PDFObject | undefined;
  action: PDFObject | undefined;
  se: PDFObject | undefined;
  open: boolean;
  children: OutlineNode[];
}

const N = (name: string): PDFName => PDFName.of(name);

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

/**
 * One document from the parts, in order: pages, structure, bookmarks. `lang` is the document's
 * language. Metadata (title, dates, ID) is the caller's (see finaliseDocument).
 */
export async function mergeTagged(parts: readonly MergePart[], lang: string): Promise<{ doc: PDFDocument; firstPages: number[] }> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const ctx = out.context;
  const rootRef = ctx.nextRef();
  const documentRef = ctx.nextRef();
  const kids = ctx.obj([]) as PDFArray;
  const parentTree: PDFObject[] = [];
  const ids: [string, PDFRef][] = [];
  const outline: OutlineNode[] = [];
  const firstPages: number[] = [];
  let nextKey = 0;

  parts.forEach((part, p) => {
    firstPages.push(out.getPageCount());
    if (part.kind === 'blank') {
      out.addPage(part.size);
      return;
    }
    const src = part.doc;
    const copier = PDFObjectCopier.for(src.context, ctx);
    const srcRoot = src.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
    const offset = nextKey;
    const shift = (dict: PDFDict, key: string): void => {
      const n = dict.lookupMaybe(N(key), PDFNumber);
      if (n === undefined) return;
      if (srcRoot) dict.set(N(key), PDFNumber.of(n.asNumber() + offset));
      else dict.delete(N(key));
    };

    // Pages first, so that everything else that points at a page is mapped onto its copy.
    const pageRefs: PDFRef[] = [];
    for (const page of src.getPages()) {
      const ref = copier.copy(page.ref);
      const leaf = ctx.lookup(ref);
      if (!(leaf instanceof PDFPageLeaf)) throw new Error('a copied page is not a page');
      shift(leaf, 'StructParents');
      const annots = leaf.lookupMaybe(N('Annots'), PDFArray);
      if (annots) for (let i = 0; i < annots.size(); i++) shift(annots.lookup(i, PDFDict), 'StructParent');
      out.addPage(PDFPage.of(leaf, ref, out));
      pageRefs.push(ref);
    }

    if (srcRoot) {
      const prefix = `p${p}-`;
      const topK = srcRoot.get(N('K'));
      const tops: PDFRef[] = [];
      const collect = (o: PDFObject | undefined): void => {
        if (o instanceof PDFRef) tops.push(o);
        else if (o instanceof PDFArray) for (let i = 0; i < o.size(); i++) collect(o.get(i));
      };
      collect(topK);
      for (const top of tops) {
        // Copy the element without its parent (the old root), then hang it under the new document.
        const elem = src.context.lookup(top, PDFDict);
        const oldParent = elem.get(N('P'));
        elem.delete(N('P'));
        const copied = copier.copy(top);
        if (oldParent) elem.set(N('P'), oldParent);
        const copiedElem = ctx.lookup(copied, PDFDict);
        copiedElem.set(N('P'), documentRef);
        if (copiedElem.get(N('S')) === N('Document')) copiedElem.set(N('S'), N('Part'));
        kids.push(copied);
      }
      for (const [key, value] of numberTree(srcRoot.lookupMaybe(N('ParentTree'), PDFDict))) {
        parentTree.push(PDFNumber.of(key + offset), copier.copy(value));
      }
      const declared = srcRoot.lookupMaybe(N('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
      const used = parentTree.length > 0 ? (parentTree[parentTree.length - 2] as PDFNumber).asNumber() + 1 : 0;
      nextKey = Math.max(offset + declared, used);

      // Element IDs are unique only within their own document: prefix them, and what refers to them.
      const copiedTops = tops.map((t) => copier.copy(t));
      for (const elem of structElements(out, ctx.obj(copiedTops))) {
        const id = textOf(elem.get(N('ID')));
        if (id !== undefined) {
          elem.set(N('ID'), PDFString.of(prefix + id));
        }
        const attrs = elem.lookup(N('A'));
        const attrList = attrs instanceof PDFArray ? attrs.asArray() : attrs ? [attrs] : [];
        for (const a of attrList) {
          const dict = a instanceof PDFRef ? ctx.lookup(a) : a;
          if (!(dict instanceof PDFDict)) continue;
          const headers = dict.lookupMaybe(N('Headers'), PDFArray);
          if (!headers) continue;
          for (let i = 0; i < headers.size(); i++) {
            const h = textOf(headers.get(i));
            if (h !== undefined) headers.set(i, PDFString.of(prefix + h));
          }
        }
      }
      // The ID tree, rebuilt from the elements (their refs are the copied ones).
      const idTree = srcRoot.lookupMaybe(N('IDTree'), PDFDict);
      if (idTree) {
        const visitNames = (node: PDFDict): void => {
          const names = node.lookupMaybe(N('Names'), PDFArray);
          if (names) {
            for (let i = 0; i + 1 < names.size(); i += 2) {
              const id = textOf(names.get(i));
              const ref = names.get(i + 1);
              if (id !== undefined && ref instanceof PDFRef) ids.push([prefix + id, copier.copy(ref)]);
            }
          }
          const k = node.lookupMaybe(N('Kids'), PDFArray);
          if (k) for (let i = 0; i < k.size(); i++) visitNames(k.lookup(i, PDFDict));
        };
        visitNames(idTree);
      }
    }

    // Bookmarks: the part's own, with destinations, actions and structure links on the copies.
    const mapNode = (n: OutlineNode): OutlineNode => ({
      ...n,
      dest: n.dest ? copier.copy(n.dest) : undefined,
      action: n.action ? copier.copy(n.action) : undefined,
      se: n.se && srcRoot ? copier.copy(n.se) : undefined,
      children: n.children.map(mapNode),
    });
    const own = part.ownBookmarks === false ? [] : readOutline(src.catalog.lookupMaybe(N('Outlines'), PDFDict)?.lookupMaybe(N('First'), PDFDict)).map(mapNode);
    if (part.bookmark !== undefined && pageRefs.length > 0) {
      const dest = ctx.obj([pageRefs[0]!, N('XYZ'), PDFNull, PDFNull, PDFNull]);
      outline.push({ title: part.bookmark, dest, action: undefined, se: undefined, open: false, children: own });
    } else {
      outline.push(...own);
    }
  });

  const documentElem = ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: kids }) as PDFDict;
  documentElem.set(N('Lang'), PDFString.of(lang));
  ctx.assign(documentRef, documentElem);
  const root = ctx.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTreeNextKey: nextKey }) as PDFDict;
  root.set(N('ParentTree'), ctx.obj({ Nums: parentTree }));
  if (ids.length > 0) {
    ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    root.set(N('IDTree'), ctx.obj({ Names: ids.flatMap(([id, ref]) => [PDFString.of(id), ref]) }));
  }
  ctx.assign(rootRef, root);
  out.catalog.set(N('StructTreeRoot'), rootRef);
  out.catalog.set(N('MarkInfo'), ctx.obj({ Type: 'MarkInfo', Marked: true }));
  out.catalog.set(N('Lang'), PDFString.of(lang));

  const outlinesRef = ctx.nextRef();
  const written = writeOutline(out, outline, outlinesRef);
  if (written) {
    ctx.assign(outlinesRef, ctx.obj({ Type: 'Outlines', First: written.first, Last: written.last, Count: written.visible }));
    out.catalog.set(N('Outlines'), outlinesRef);
  }
  return { doc: out, firstPages };
}
