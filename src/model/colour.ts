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

const prepared = new WeakMap<ColourTable, { status: Status; rgb: [number, number, number] }[]>();
const known = new Map<string, Status | undefined>();

export function statusFromFill(fill: string | undefined, table: ColourTable = DEFAULT_COLOURS): Status | undefined {
  if (!fill) return undefined;
  if (table === DEFAULT_COLOURS && known.has(fill)) return known.get(fill);
  let colours = prepared.get(table);
  if (!colours) {
    colours = (Object.entries(table) as [Status, string[]][]).flatMap(([status, list]) => list.map((c) => ({ status, rgb: rgb(c) })));
    prepared.set(table, colours);
  }
  const [r, g, b] = rgb(fill);
  let best: Status | undefined;
  let bestD = Infinity;
  for (const c of colours) {
    const d = Math.hypot(r - c.rgb[0], g - c.rgb[1], b - c.rgb[2]);
    if (d < bestD) {
      best = c.status;
      bestD = d;
    }
  }
  const status = bestD <= MAX_COLOUR_DISTANCE ? best : undefined;
  if (table === DEFAULT_COLOURS && known.size < 1000) known.set(fill, status);
  return status;
}
