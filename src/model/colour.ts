/**
 * RAG from a cell's fill colour, for trackers where the colour is the only rating.
 * The colour table is configurable; a fill matches the nearest colour in it (distance in RGB) when
 * near enough, so the many shades of "Excel red" all read as red.
 */
import type { Status } from './types.js';

export type ColourTable = Partial<Record<Status, string[]>>;

export const DEFAULT_COLOURS: ColourTable = {
  red: ['FF0000', 'C00000', 'E6B8B7', 'FFC7CE', 'D4351C'],
  amber: ['FFC000', 'FFBF00', 'FFEB9C', 'F79646', 'FFFF00', 'FFBF47'],
  green: ['00B050', '92D050', 'C6EFCE', '00703C', '008000'],
  blue: ['0070C0', '00B0F0', '1D70B8', '9BC2E6'],
  grey: ['808080', 'A6A6A6', 'BFBFBF', 'D9D9D9', 'B1B4B6'],
};

/** How far (Euclidean, 0–441) a fill may be from a table colour and still match it. */
export const MAX_COLOUR_DISTANCE = 60;

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.replace(/^#/, '').slice(-6), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function statusFromFill(fill: string | undefined, table: ColourTable = DEFAULT_COLOURS): Status | undefined {
  if (!fill) return undefined;
  const [r, g, b] = rgb(fill);
  let best: { status: Status; d: number } | undefined;
  for (const [status, colours] of Object.entries(table) as [Status, string[]][]) {
    for (const c of colours) {
      const [r2, g2, b2] = rgb(c);
      const d = Math.hypot(r - r2, g - g2, b - b2);
      if (!best || d < best.d) best = { status, d };
    }
  }
  return best && best.d <= MAX_COLOUR_DISTANCE ? best.status : undefined;
}
