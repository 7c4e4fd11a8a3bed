/**
 * A cell's fill as the colour a person sees (RRGGBB), however the workbook stores it: as RGB, as one of
 * the 64 legacy palette colours (`indexed`, older workbooks and some exporters), or as a theme colour with
 * a tint (`theme`/`tint`: what Excel's colour picker writes for its top rows — "Green, Accent 6, Lighter
 * 40%"), resolved against the workbook's own theme (xl/theme/theme1.xml).
 */
import type ExcelJS from 'exceljs';

/** The legacy palette (indexed colours 0–63), as Excel defines it. */
const INDEXED = [
  '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF', 'FFFF00', 'FF00FF', '00FFFF',
  '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF', 'FFFF00', 'FF00FF', '00FFFF',
  '800000', '008000', '000080', '808000', '800080', '008080', 'C0C0C0', '808080',
  '9999FF', '993366', 'FFFFCC', 'CCFFFF', '660066', 'FF8080', '0066CC', 'CCCCFF',
  '000080', 'FF00FF', 'FFFF00', '00FFFF', '800080', '800000', '008080', '0000FF',
  '00CCFF', 'CCFFFF', 'CCFFCC', 'FFFF99', '99CCFF', 'FF99CC', 'CC99FF', 'FFCC99',
  '3366FF', '33CCCC', '99CC00', 'FFCC00', 'FF9900', 'FF6600', '666699', '969696',
  '003366', '339966', '003300', '333300', '993300', '993366', '333399', '333333',
];

/** Office's default theme (2007–2010), for a workbook that has none: lt1, dk1, lt2, dk2, accent1–6, hlink, folHlink. */
export const DEFAULT_THEME = ['FFFFFF', '000000', 'EEECE1', '1F497D', '4F81BD', 'C0504D', '9BBB59', '8064A2', '4BACC6', 'F79646', '0000FF', '800080'];

/**
 * The theme's colours in the order fills index them (0 lt1, 1 dk1, 2 lt2, 3 dk2, 4–9 accent1–6, 10 hlink,
 * 11 folHlink), read from theme1.xml's colour scheme; undefined when it has none.
 */
export function themeColours(xml: string): string[] | undefined {
  const scheme = /<a:clrScheme\b[\s\S]*?<\/a:clrScheme>/.exec(xml)?.[0];
  if (!scheme) return undefined;
  const colour = (name: string): string | undefined => {
    const el = new RegExp(`<a:${name}>([\\s\\S]*?)</a:${name}>`).exec(scheme)?.[1];
    if (!el) return undefined;
    return (/srgbClr val="([0-9A-Fa-f]{6})"/.exec(el) ?? /lastClr="([0-9A-Fa-f]{6})"/.exec(el))?.[1]?.toUpperCase();
  };
  const names = ['lt1', 'dk1', 'lt2', 'dk2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink'];
  const colours = names.map((n, i) => colour(n) ?? DEFAULT_THEME[i]!);
  return colours;
}

/** A colour lightened (tint > 0) or darkened (tint < 0) as Excel does: in HLS, on the luminance. */
export function tinted(hex: string, tint: number): string {
  if (!tint) return hex;
  const n = parseInt(hex, 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  let h = 0;
  let s = 0;
  let l = (max + min) / 2;
  const d = max - min;
  if (d !== 0) {
    s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
    h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    h /= 6;
  }
  l = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  const hue = (p: number, q: number, t: number): number => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    return x < 1 / 6 ? p + (q - p) * 6 * x : x < 1 / 2 ? q : x < 2 / 3 ? p + (q - p) * (2 / 3 - x) * 6 : p;
  };
  let out: number[];
  if (s === 0) out = [l, l, l];
  else {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    out = [hue(p, q, h + 1 / 3), hue(p, q, h), hue(p, q, h - 1 / 3)];
  }
  return out.map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** A cell's solid fill as RRGGBB, when it has one: RGB, indexed or theme colour (with its tint). */
export function fillOf(cell: ExcelJS.Cell, theme: readonly string[] = DEFAULT_THEME): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return undefined;
  const c = fill.fgColor as { argb?: unknown; theme?: unknown; tint?: unknown; indexed?: unknown } | undefined;
  if (!c) return undefined;
  if (typeof c.argb === 'string' && /^[0-9a-f]{8}$/i.test(c.argb)) return c.argb.slice(2).toUpperCase();
  if (typeof c.theme === 'number') {
    const base = theme[c.theme];
    return base === undefined ? undefined : tinted(base, typeof c.tint === 'number' ? c.tint : 0);
  }
  if (typeof c.indexed === 'number') return INDEXED[c.indexed]; // 64 and 65 are "system" colours: none
  return undefined;
}
