/**
 * Column mapping: each source kind's columns, their built-in header aliases, and the extra aliases a
 * council's config adds (`columns: { rating: ["Progress RAG"] }`). Config aliases are tried first.
 */
import type { ColumnSpec, Columns } from './table.js';

export type ColumnAliases<F extends string> = Partial<Record<F, string[]>>;

export function withAliases<F extends string>(spec: Columns<F>, extra: ColumnAliases<F> | undefined): Columns<F> {
  if (!extra) return spec;
  const out = {} as Record<F, ColumnSpec>;
  for (const f of Object.keys(spec) as F[]) {
    out[f] = { ...spec[f], aliases: [...(extra[f] ?? []), ...spec[f].aliases] }; // its shapes and fill reading kept
  }
  return out;
}
