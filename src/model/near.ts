/**
 * Which known text a text is closest to: for suggestions ("the nearest measure is …", "add this header to
 * `columns:`"). Texts are compared as headers are (case, spaces and punctuation ignored).
 */
import { headerKey } from './values.js';

/** Edit distance (insertions, deletions, substitutions) between two short texts. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/** The candidate (its label) nearest to `text`, when it is near enough: within a third of the longer text's length. */
export function nearest(text: string, candidates: readonly { text: string; label: string }[]): string | undefined {
  const key = headerKey(text);
  let best: { label: string; d: number; len: number } | undefined;
  for (const c of candidates) {
    const k = headerKey(c.text);
    const d = editDistance(key, k);
    if (!best || d < best.d) best = { label: c.label, d, len: Math.max(key.length, k.length) };
  }
  return best && best.d <= Math.ceil(best.len / 3) ? best.label : undefined;
}
