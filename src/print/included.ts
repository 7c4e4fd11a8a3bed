/**
 * An existing PDF the agenda includes as it is (last meeting's minutes), sent by anyone: checked before
 * anything is printed, and made safe and tagged before it goes into the pack.
 *
 * Policy
 * - Refused, each with a clear problem: not a PDF, damaged (pdf-lib cannot parse it), encrypted or
 *   password-protected, no pages, more pages than `limits.maxIncludedPages`.
 * - Removed, with a warning naming what went (`IncludedPdfCleaned`): JavaScript, launch, remote-file,
 *   form-submitting and every other action but a jump within the document or to a web or mail address;
 *   `file:` and `javascript:` links; pages' and annotations' additional actions; form fields and
 *   file-attachment, sound, movie, screen, rich-media and 3D annotations. The document's OpenAction,
 *   its JavaScript and embedded-file names and its form never reach the pack at all: the pack copies
 *   pages and their structure, nothing the catalog holds.
 * - Kept: links within the document, including named destinations (made explicit: the pack carries
 *   no name tree of the included PDF's), and web and mail links.
 * - An untagged PDF is tagged on the way in: each page's content one paragraph (P) in reading order of
 *   its content stream, under a section titled as the item, so no text in the pack is outside the
 *   structure. A tagged PDF keeps its own structure.
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import { isPapersError, PapersError, problem } from '../errors.js';
import { openPdf } from './metadata.js';

const N = (name: string): PDFName => PDFName.of(name);

/** What an included PDF is, once checked: its pages and what making it safe removes. */
export interface IncludedCheck {
  pages: number;
  /** What cleaning removes, in words ("a JavaScript action on page 1"), each once. */
  removed: string[];
}

/** Checks an included PDF: its pages and what cleaning would remove, or a clear problem when it is refused. */
export async function checkIncludedPdf(bytes: Uint8Array, display: string, maxPages: number): Promise<IncludedCheck> {
  const unreadable = (reason: string): PapersError =>
    new PapersError([problem('SourceUnreadable', { reason, expected: 'a PDF to include in the pack, unprotected' }, { file: display })]);
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(1024, bytes.length)).toString('latin1').includes('%PDF-')) throw unreadable('it is not a PDF');
  try {
    const doc = await openPdf(bytes, { strict: true });
    if (doc.isEncrypted) throw unreadable('it is password-protected or encrypted');
    const pages = doc.getPageCount();
    if (pages === 0) throw unreadable('it has no pages');
    if (pages > maxPages) {
      throw new PapersError([problem('TooLarge', { what: `a PDF of ${pages.toLocaleString('en-GB')} pages`, limit: `${maxPages.toLocaleString('en-GB')} pages`, setting: 'limits.maxIncludedPages' }, { file: display })]);
    }
    return { pages, removed: cleanIncluded(doc) };
  } catch (e) {
    if (isPapersError(e)) throw e;
    // pdf-lib refuses an encrypted document with an EncryptedPDFError, which (compiled to ES5) is a plain Error by the time it is caught.
    if (e instanceof Error && /\bis encrypted\b/.test(e.message)) throw unreadable('it is password-protected or encrypted');
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    const at = /"offset":(\d+)/.exec(message);
    throw unreadable(at ? `it is damaged or incomplete: unreadable from byte ${Number(at[1]).toLocaleString('en-GB')}` : `it is damaged or incomplete: ${message}`);
  }
}

/** Actions kept: a jump within the document, a viewer command (next page…), a web or mail link. */
function safeAction(action: PDFDict): boolean {
  const s = action.lookup(N('S'));
  const kind = s instanceof PDFName ? s.decodeText() : '';
  if (kind === 'GoTo' || kind === 'Named') return true;
  if (kind !== 'URI') return false;
  const uri = action.lookup(N('URI'));
  const text = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : '';
  return /^(https?:|mailto:)/i.test(text.trim());
}

function actionName(action: PDFDict): string {
  const s = action.lookup(N('S'));
  const kind = s instanceof PDFName ? s.decodeText() : 'unknown';
  if (kind === 'URI') return 'a link to a local file or script';
  return kind === 'JavaScript' ? 'a JavaScript action' : kind === 'Launch' ? 'a launch action' : `a ${kind} action`;
}

const REMOVED_ANNOTATIONS = new Set(['Widget', 'FileAttachment', 'Sound', 'Movie', 'Screen', 'RichMedia', '3D']);

/**
 * Makes an included PDF safe to publish in the pack (see the policy above), in place; returns what was
 * removed, in words, each once, in the order found, with the pages it was on.
 */
export function cleanIncluded(doc: PDFDocument): string[] {
  return new Cleaner(doc).clean();
}

/** One included PDF being cleaned: what it removed, and how destinations resolve. */
class Cleaner {
  /** What was removed → the pages it was on. */
  readonly found = new Map<string, number[]>();
  readonly resolve: (d: PDFObject) => PDFArray | undefined;
  constructor(private readonly doc: PDFDocument) {
    this.resolve = namedDestinations(doc);
  }

  removed(what: string, page?: number): void {
    const pages = this.found.get(what) ?? [];
    if (page !== undefined && pages.at(-1) !== page) pages.push(page);
    this.found.set(what, pages);
  }

  clean(): string[] {
    const cat = this.doc.catalog;
    if (cat.get(N('OpenAction')) !== undefined) {
      const open = cat.lookup(N('OpenAction'));
      if (open instanceof PDFDict && !safeAction(open)) this.removed(`${actionName(open)} run on opening`);
      cat.delete(N('OpenAction'));
    }
    if (cat.get(N('AA')) !== undefined) {
      this.removed('actions run as the document opens, closes, saves or prints');
      cat.delete(N('AA'));
    }
    const namesDict = cat.lookupMaybe(N('Names'), PDFDict);
    if (namesDict?.get(N('JavaScript')) !== undefined) this.removed('document-level JavaScript');
    if (namesDict?.get(N('EmbeddedFiles')) !== undefined) this.removed('embedded files');
    if (cat.get(N('AcroForm')) !== undefined) this.removed('a form');
    for (const [i, page] of this.doc.getPages().entries()) this.page(page.node, i + 1);
    this.bookmarks(cat.lookupMaybe(N('Outlines'), PDFDict)?.lookupMaybe(N('First'), PDFDict));
    const pagesText = (p: number[]): string => (p.length === 0 ? '' : p.length === 1 ? ` (page ${p[0]})` : p.length <= 5 ? ` (pages ${p.join(', ')})` : ` (${p.length} pages, from page ${p[0]})`);
    return [...this.found].map(([what, pages]) => `${what}${pagesText(pages)}`);
  }

  /** An action made safe: kept, its chain (/Next) cut; undefined when it must go. */
  action(a: PDFObject | undefined, where: string, page?: number): PDFDict | undefined {
    const action = a instanceof PDFRef ? this.doc.context.lookup(a) : a;
    if (!(action instanceof PDFDict)) return undefined;
    if (action.get(N('Next')) !== undefined) {
      this.removed(`chained actions${where ? ` ${where}` : ''}`, page);
      action.delete(N('Next'));
    }
    if (!safeAction(action)) {
      this.removed(`${actionName(action)}${where ? ` ${where}` : ''}`, page);
      return undefined;
    }
    const d = action.get(N('D'));
    if (d !== undefined) {
      const explicit = this.resolve(d);
      if (!explicit) return undefined;
      action.set(N('D'), explicit);
    }
    return action;
  }

  /** An annotation's or a bookmark's /A and /Dest made safe and explicit (or removed). */
  target(dict: PDFDict, where: string, page?: number): void {
    if (dict.get(N('A')) !== undefined) {
      const action = this.action(dict.get(N('A')), where, page);
      if (action) dict.set(N('A'), action);
      else dict.delete(N('A'));
    }
    if (dict.get(N('Dest')) !== undefined) {
      const explicit = this.resolve(dict.get(N('Dest'))!);
      if (explicit) dict.set(N('Dest'), explicit);
      else dict.delete(N('Dest'));
    }
  }

  /** A page's actions and annotations. */
  page(leaf: PDFDict, on: number): void {
    if (leaf.get(N('AA')) !== undefined) {
      this.removed('actions run as a page opens or closes', on);
      leaf.delete(N('AA'));
    }
    const annots = leaf.lookupMaybe(N('Annots'), PDFArray);
    if (!annots) return;
    const kept = this.doc.context.obj([]) as PDFArray;
    for (let a = 0; a < annots.size(); a++) {
      const annot = annots.lookup(a);
      if (!(annot instanceof PDFDict)) continue;
      const sub = annot.lookup(N('Subtype'));
      const subtype = sub instanceof PDFName ? sub.decodeText() : '';
      if (REMOVED_ANNOTATIONS.has(subtype)) {
        this.removed(subtype === 'Widget' ? 'form fields' : subtype === 'FileAttachment' ? 'attached files' : `${subtype} annotations`, on);
        continue;
      }
      if (annot.get(N('AA')) !== undefined) {
        this.removed('actions run on an annotation', on);
        annot.delete(N('AA'));
      }
      this.target(annot, '', on);
      // A link left with nowhere to go is no link.
      if (subtype === 'Link' && annot.get(N('A')) === undefined && annot.get(N('Dest')) === undefined) continue;
      kept.push(annots.get(a));
    }
    if (kept.size() === 0) leaf.delete(N('Annots'));
    else leaf.set(N('Annots'), kept);
  }

  /** Bookmarks: the same rules for their actions and destinations. */
  bookmarks(first: PDFDict | undefined, seen = new Set<PDFDict>()): void {
    for (let item = first; item && !seen.has(item); item = item.lookupMaybe(N('Next'), PDFDict)) {
      seen.add(item); // a hostile outline may loop
      this.target(item, 'in a bookmark');
      this.bookmarks(item.lookupMaybe(N('First'), PDFDict), seen);
    }
  }
}

/**
 * A destination made explicit: `[page /XYZ …]` as it is; a name or string looked up in the catalog's
 * /Dests or its /Names /Dests tree. Undefined when it names nothing.
 */
function namedDestinations(doc: PDFDocument): (d: PDFObject) => PDFArray | undefined {
  const table = new Map<string, PDFObject>();
  const cat = doc.catalog;
  const old = cat.lookupMaybe(N('Dests'), PDFDict);
  if (old) for (const [k, v] of old.entries()) table.set(k.decodeText(), v);
  const walk = (node: PDFDict | undefined, depth: number): void => {
    if (!node || depth > 32) return;
    const names = node.lookupMaybe(N('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const k = names.lookup(i);
      if (k instanceof PDFString || k instanceof PDFHexString) table.set(k.decodeText(), names.get(i + 1));
    }
    const kids = node.lookupMaybe(N('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  walk(cat.lookupMaybe(N('Names'), PDFDict)?.lookupMaybe(N('Dests'), PDFDict), 0);
  return (d) => {
    let v: PDFObject | undefined = d instanceof PDFRef ? doc.context.lookup(d) : d;
    if (v instanceof PDFName) v = table.get(v.decodeText());
    else if (v instanceof PDFString || v instanceof PDFHexString) v = table.get(v.decodeText());
    if (v instanceof PDFRef) v = doc.context.lookup(v);
    if (v instanceof PDFDict) v = v.lookup(N('D'));
    return v instanceof PDFArray ? v : undefined;
  };
}

/**
 * An untagged PDF given a structure tree: a section titled `title`, one paragraph per page holding the
 * page's whole content (marked content 0), so that nothing of it is outside the structure of the pack.
 * A tagged PDF is left as it is. Returns whether it tagged.
 */
export function tagUntagged(doc: PDFDocument, title: string): boolean {
  const cat = doc.catalog;
  if (cat.get(N('StructTreeRoot')) !== undefined) return false;
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const sectRef = ctx.nextRef();
  const paras: PDFRef[] = [];
  const nums: PDFObject[] = [];
  // Every page's own content between a q and a Q (whatever state it leaves), all of it marked content 0:
  // the same two small streams for every page.
  const before = ctx.register(ctx.flateStream('/P <</MCID 0>> BDC\nq\n'));
  const after = ctx.register(ctx.flateStream('\nQ\nEMC\n'));
  for (const [i, page] of doc.getPages().entries()) {
    const leaf = page.node;
    const pRef = ctx.register(ctx.obj({ Type: 'StructElem', S: 'P', P: sectRef, Pg: page.ref, K: 0 }));
    paras.push(pRef);
    nums.push(PDFNumber.of(i), ctx.obj([pRef]));
    leaf.set(N('StructParents'), PDFNumber.of(i));
    const contents = leaf.get(N('Contents'));
    const resolved = leaf.lookup(N('Contents'));
    const own = contents === undefined ? [] : resolved instanceof PDFArray ? resolved.asArray() : [contents];
    leaf.set(N('Contents'), ctx.obj([before, ...own, after]));
  }
  ctx.assign(sectRef, ctx.obj({ Type: 'StructElem', S: 'Sect', P: rootRef, T: PDFHexString.fromText(title), K: paras }));
  ctx.assign(rootRef, ctx.obj({ Type: 'StructTreeRoot', K: [sectRef], ParentTree: ctx.obj({ Nums: nums }), ParentTreeNextKey: doc.getPageCount() }));
  cat.set(N('StructTreeRoot'), rootRef);
  cat.set(N('MarkInfo'), ctx.obj({ Marked: true }));
  return true;
}
