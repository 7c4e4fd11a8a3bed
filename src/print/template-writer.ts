/**
 * The text of a block's objects (./blocks.ts): each object written as pdf-lib's `toString` writes it, with
 * holes where the pack decides (references, the page tree, page numbers' content, parent-tree keys).
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { entriesOf, itemsOf } from './writer.js';

/**
 * Where a block's text has a hole: a number is one of the block's own objects (its index); otherwise
 * `DOC` (the pack's Document element), `PAGES` (its page tree), `FONT` (the page-number font), `s<i>` and `f<i>`
 * (before and after page i's own content: a `q` and a `Q` and its page number's content, or nothing) or `k<n>` (parent-tree key n, moved past the parts before).
 */
export type Hole = number | string;

/** Text with holes: `t[0] h[0] t[1] h[1] … t[n]`. */
export interface Template {
  t: string[];
  h: Hole[];
}

const N = (name: string): PDFName => PDFName.of(name);
const names = { Parent: N('Parent'), Contents: N('Contents'), StructParents: N('StructParents'), StructParent: N('StructParent'), Length: N('Length') };

/**
 * Writes objects as templates (as pdf-lib's `toString` writes them, references made holes), numbering the
 * objects they reach in the order reached (`indexOf`; `queue` holds them). A page's `/Parent`,
 * `/StructParents` and `/Contents` and an annotation's `/StructParent` get the holes the pack fills.
 *
 * A class, not closures made for each object: this runs for every object of every paper (the hottest path
 * of the pack), and V8 keeps a method's optimised code for the process's life, where closures made afresh
 * were compiled again after every full collection (≈ 5 times a 10-paper build; docs/PERFORMANCE.md,
 * 2026-12-07, fourth session).
 */
export class TemplateWriter {
  /** Every object reached, in the order reached; an object's index is its place here. */
  readonly queue: PDFRef[] = [];
  private readonly index = new Map<PDFRef, number>();
  private t: string[] = [];
  private h: Hole[] = [];
  private cur = '';

  constructor(
    private readonly ctx: PDFDocument['context'],
    private readonly external: ReadonlyMap<PDFRef, string>,
    private readonly leaves: ReadonlyMap<PDFDict, number>,
    private readonly keyed: ReadonlySet<PDFDict>,
  ) {}

  /** The object's index, given it the first time it is reached. */
  indexOf(ref: PDFRef): number {
    let i = this.index.get(ref);
    if (i === undefined) {
      this.index.set(ref, (i = this.queue.length));
      this.queue.push(ref);
    }
    return i;
  }

  /** An object as a template; for a stream's dictionary, `streamLength` is its `/Length`. */
  write(o: PDFObject, streamLength?: number): Template {
    this.t = [];
    this.h = [];
    this.cur = '';
    if (streamLength !== undefined) this.dict(o as PDFDict, streamLength);
    else this.value(o);
    this.t.push(this.cur);
    return { t: this.t, h: this.h };
  }

  private hole(x: Hole): void {
    this.t.push(this.cur);
    this.h.push(x);
    this.cur = '';
  }

  private ref(r: PDFRef): void {
    const ext = this.external.get(r);
    if (ext !== undefined) this.hole(ext);
    else if (this.ctx.lookup(r) === undefined) this.cur += 'null';
    else this.hole(this.indexOf(r));
  }

  private value(v: PDFObject): void {
    if (v instanceof PDFRef) this.ref(v);
    else if (v instanceof PDFDict) this.dict(v);
    else if (v instanceof PDFArray) this.items(v);
    else this.cur += v.toString();
  }

  private items(a: PDFArray): void {
    this.cur += '[ ';
    for (const item of itemsOf(a)) {
      this.value(item);
      this.cur += ' ';
    }
    this.cur += ']';
  }

  private dict(d: PDFDict, length?: number): void {
    this.cur += '<<\n';
    const page = this.leaves.get(d);
    const keyedHere = this.keyed.has(d);
    let contents = false;
    for (const [k, v] of entriesOf(d)) {
      if (length !== undefined && k === names.Length) continue;
      this.cur += `${k.toString()} `;
      if (page !== undefined && k === names.Parent) this.hole('PAGES');
      else if (page !== undefined && k === names.StructParents && v instanceof PDFNumber) this.hole(`k${v.asNumber()}`);
      else if (keyedHere && k === names.StructParent && v instanceof PDFNumber) this.hole(`k${v.asNumber()}`);
      else if (page !== undefined && k === names.Contents) {
        this.contents(v, page);
        contents = true;
      } else this.value(v);
      this.cur += '\n';
    }
    if (page !== undefined && !contents) {
      this.cur += '/Contents [ ';
      this.hole(`s${page}`);
      this.hole(`f${page}`);
      this.cur += ']\n';
    }
    if (length !== undefined) this.cur += `/Length ${length}\n`;
    this.cur += '>>';
  }

  /** A page's `/Contents`: its own content, then its page number's (filled in by the pack), the page's own wrapped in q … Q so the page number is drawn in the page's untransformed space. */
  private contents(v: PDFObject, page: number): void {
    this.cur += '[ ';
    this.hole(`s${page}`);
    const own = v instanceof PDFRef && this.ctx.lookup(v) instanceof PDFArray ? this.ctx.lookup(v, PDFArray) : v;
    if (own instanceof PDFArray) {
      for (const item of itemsOf(own)) {
        this.value(item);
        this.cur += ' ';
      }
    } else {
      this.value(own);
      this.cur += ' ';
    }
    this.hole(`f${page}`);
    this.cur += ']';
  }
}
