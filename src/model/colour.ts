/**
 * RAG from a cell's fill colour, for trackers where the colour is the only rating.
 * The colour table is configurable; a fill matches the nearest colour in it (distance in RGB) when
 * near enough, so the many shades of "Excel red" all read as red.
 */
import type { Status } from './types.js';

export type ColourTable = Partial<Record<Status, string[]>>;

/**
 * Excel's standard colours (the picker's bottom row: dark red, red, orange, yellow, light green, green,
 * light blue, blue; not dark blue, too near the navy of header rows), its conditional-formatting fills, the theme accents councils pick (Office
 * 2007 and 2013 themes, with their lighter tints), the GOV.UK colours, and the four-state plan-on-a-page
 * scheme: green on track, amber possible slippage, red missed, blue completed.
 */
export const DEFAULT_COLOURS: ColourTable = {
  red: ['FF0000', 'C00000', 'E6B8B7', 'FFC7CE', 'D4351C', 'C0504D', 'F4B6B5'],
  amber: ['FFC000', 'FFBF00', 'FFEB9C', 'F79646', 'FFFF00', 'FFBF47', 'ED7D31', 'F4B084', 'FFD966', 'FFE699'],
  green: ['00B050', '92D050', 'C6EFCE', '00703C', '008000', '70AD47', 'A9D08E', 'C6E0B4', '9BBB59', 'C4D79B'],
  blue: ['0070C0', '00B0F0', '1D70B8', '9BC2E6', '4472C4', '5B9BD5', '4F81BD', 'B4C6E7', 'BDD7EE'],
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

/** Relative luminance (WCAG 2.1): with `contrast` and `textOn`, how a council's colours keep 4.5:1 under text. */
export function luminance(hexColour: string): number {
  const c = hexColour.replace('#', '');
  const ch = [0, 2, 4].map((i) => parseInt(c.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

export const INK = '#0b0c0c';
export const PAPER = '#ffffff';

/** The text colour (ink or white) that reads best on a fill, and its contrast. */
export function textOn(fill: string): { text: string; ratio: number } {
  const dark = contrast(fill, INK);
  const light = contrast(fill, PAPER);
  return dark >= light ? { text: INK, ratio: dark } : { text: PAPER, ratio: light };
}
