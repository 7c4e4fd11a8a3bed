/**
 * The agenda pack as laid out: each agenda item with the pages it occupies, and where it falls in the
 * pack. Worked out once, by assemble/ (`layoutPack`, `packRuns`); printed on the front sheet by render/;
 * followed page for page by print/ when it joins the parts.
 */
import type { AgendaEntry } from './meeting.js';

/** One agenda item as the pack lays it out. */
export interface PackPart {
  entry: AgendaEntry;
  /** Pages the item occupies (0 for standing items and items to follow; an included PDF's with its cover). */
  pages: number;
  /** For an included PDF, its own page count (its cover page comes first). */
  includedPages?: number | undefined;
}

export interface PackLayout {
  /** Per part: first and last pack page (1 = the first page after the front sheet), and whether a blank goes before it. */
  parts: { first: number | undefined; last: number | undefined; blankBefore: boolean }[];
  /** Pages after the front sheet. */
  pages: number;
  /** Each item starts on a right-hand (odd) page, a blank page put in where needed (`pack.blankPages`). */
  blankPages: boolean;
}

/**
 * The pack's pages in order, as print joins them: the front sheet (with a blank page after it when it ends
 * on a right-hand page, so that page 1 is a right-hand page: numbering starts after it), then each item's
 * pages, with the blank pages the layout puts before them.
 */
export type PackRun = { kind: 'front'; blankAfter: boolean } | { kind: 'blank' } | { kind: 'item'; number: string; pages: number };
