/**
 * Charts as pictures, for the Word copy: each trend chart's SVG (Vega's, as the HTML carries it) drawn to a
 * PNG at twice its size by resvg, in Node, with the page-number font (Liberation Sans) for its labels. No
 * browser: the same SVG gives the same PNG bytes, and nothing is fetched (resvg loads no external
 * resource named in an SVG).
 */
import { Resvg } from '@resvg/resvg-js';
import { PAGE_NUMBER_FONT } from './finish.js';

const FONTS = [PAGE_NUMBER_FONT, PAGE_NUMBER_FONT.replace(/-Regular\.ttf$/, '-Bold.ttf')];

/** Each SVG as a PNG (2 pixels to the SVG's unit), white behind it. */
export async function chartPictures(svgs: readonly { svg: string }[]): Promise<Uint8Array[]> {
  return svgs.map(
    ({ svg }) =>
      new Uint8Array(
        new Resvg(svg, {
          fitTo: { mode: 'zoom', value: 2 },
          background: 'white',
          font: { loadSystemFonts: false, fontFiles: FONTS, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
        })
          .render()
          .asPng(),
      ),
  );
}
