/**
 * Charts as pictures, for the Word copy: each trend chart's SVG (Vega's, as the HTML carries it) drawn to a
 * PNG at twice its size by resvg, in Node, with the page-number font (Liberation Sans) for its labels. No
 * browser: the same SVG gives the same PNG bytes, and nothing is fetched (resvg loads no external
 * resource named in an SVG).
 *
 * resvg reads its font file again for every text it lays out. `npm run build` cuts the two files down to
 * the characters charts use (scripts/chart-fonts.mjs, into dist/fonts/): a chart whose text holds only those
 * is drawn from the cut-down files (≈ 20% quicker, the same pixels), any other from the full files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { PAGE_NUMBER_FONT } from './finish.js';

/** The font files charts are drawn with (Debian's fonts-liberation2): regular and bold. */
export const CHART_FONT_FILES = [PAGE_NUMBER_FONT, PAGE_NUMBER_FONT.replace(/-Regular\.ttf$/, '-Bold.ttf')];

/** What `npm run build` wrote in dist/fonts/ (scripts/chart-fonts.mjs). */
interface CutFonts {
  from: string[];
  /** Each full file's size and time as it was cut. */
  stamps: { size: number; mtimeMs: number }[];
  files: string[];
  chars: string;
}

/** The cut-down files and the characters they hold, when the build made them from these very files, unchanged since; read once. */
let cut: { files: string[]; chars: Set<number> } | null | undefined;
function cutFonts(): typeof cut {
  if (cut !== undefined) return cut;
  cut = null;
  try {
    // dist/fonts/, from dist/print/ (tsc's output) and from dist/bundle/ (the bundle's chunks) alike; from
    // src/print/ (the sources run by tsx: the bench, the tests), the checkout's own dist/fonts/ once built.
    const dir = ['../fonts/', '../../dist/fonts/'].map((d) => fileURLToPath(new URL(d, import.meta.url))).find((d) => existsSync(`${d}chart-fonts.json`));
    if (dir === undefined) return cut; // not built (or no font when it was): the full files
    const made = JSON.parse(readFileSync(`${dir}chart-fonts.json`, 'utf8')) as CutFonts;
    const files = made.files.map((f) => `${dir}${f}`);
    const unchanged = CHART_FONT_FILES.every((f, i) => {
      const now = statSync(f);
      return made.from[i] === f && made.stamps[i]?.size === now.size && made.stamps[i]?.mtimeMs === now.mtimeMs;
    });
    if (unchanged && files.every((f) => existsSync(f))) {
      cut = { files, chars: new Set([...made.chars].map((c) => c.codePointAt(0)!)) };
    }
  } catch {
    // its list unreadable, or a font file gone: the full files
  }
  return cut;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The characters an SVG's text says (between its tags, its entities read). */
export function svgText(svg: string): string {
  return [...svg.matchAll(/>([^<]+)</g)]
    .map((m) =>
      m[1]!.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (whole, hex?: string, dec?: string, name?: string) => {
        if (name !== undefined) return ENTITIES[name] ?? whole;
        const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd'; // no such character: not in the cut
      }),
    )
    .join('');
}

/** The font files to draw this SVG with: the cut-down ones when they hold every character it says. */
export function chartFontsFor(svg: string): string[] {
  const fonts = cutFonts();
  if (!fonts) return CHART_FONT_FILES;
  for (const ch of svgText(svg)) if (!fonts.chars.has(ch.codePointAt(0)!)) return CHART_FONT_FILES;
  return fonts.files;
}

/** Each SVG as a PNG (2 pixels to the SVG's unit), white behind it. */
export async function chartPictures(svgs: readonly { svg: string }[]): Promise<Uint8Array[]> {
  return svgs.map(
    ({ svg }) =>
      new Uint8Array(
        new Resvg(svg, {
          fitTo: { mode: 'zoom', value: 2 },
          background: 'white',
          font: { loadSystemFonts: false, fontFiles: chartFontsFor(svg), defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
        })
          .render()
          .asPng(),
      ),
  );
}
