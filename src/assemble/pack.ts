/**
 * The agenda pack's layout: which page each item starts and ends on — each item from a right-hand (odd)
 * page, a blank page put in where needed — and the order of every page of the pack. Computed here once,
 * from the page counts the caller measured; the front sheet prints the page ranges (render/pack.ts) and
 * print/pack.ts joins the pages in this order. Pure.
 */
import type { PackLayout, PackPart, PackRun } from '../model/index.js';

/** Where each item starts and ends: each item with pages starts on an odd page when `blankPages` is on. */
export function layoutPack(parts: readonly PackPart[], blankPages: boolean): PackLayout {
  let next = 1;
  const out: PackLayout['parts'] = [];
  for (const p of parts) {
    if (p.pages === 0) {
      out.push({ first: undefined, last: undefined, blankBefore: false });
      continue;
    }
    const blankBefore = blankPages && next % 2 === 0;
    if (blankBefore) next += 1;
    out.push({ first: next, last: next + p.pages - 1, blankBefore });
    next += p.pages;
  }
  return { parts: out, pages: next - 1, blankPages };
}

/**
 * Every page of the pack in order, once the front sheet's length is known: the front sheet, a blank page
 * after it when it ends on a right-hand page (so that page 1 is a right-hand page), then the items as laid
 * out, each after the blank page the layout puts before it.
 */
export function packRuns(parts: readonly PackPart[], layout: PackLayout, frontPages: number): PackRun[] {
  const runs: PackRun[] = [{ kind: 'front', blankAfter: layout.blankPages && frontPages % 2 === 1 }];
  parts.forEach((part, i) => {
    if (part.pages === 0) return;
    if (layout.parts[i]!.blankBefore) runs.push({ kind: 'blank' });
    runs.push({ kind: 'item', number: part.entry.number, pages: part.pages });
  });
  return runs;
}
