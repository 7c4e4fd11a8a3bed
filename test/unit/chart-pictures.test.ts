import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, paperViewOf } from '../../src/pipeline/index.js';
import { compilePaper, loadTemplates } from '../../src/render/index.js';
import { chartsIn } from '../../src/render/word.js';
import { loadSample } from '../helpers/sample.js';

// The built program (npm test builds first): the cut-down chart fonts exist only in dist/ (scripts/chart-fonts.mjs).
const built = (await import(path.resolve('dist/print/pictures.js'))) as typeof import('../../src/print/pictures.js');
const { chartFontsFor, chartPictures, CHART_FONT_FILES, svgText } = built;
const made = JSON.parse(readFileSync('dist/fonts/chart-fonts.json', 'utf8')) as { files: string[]; chars: string };

/** The PNG resvg draws from the full font files, as every chart was drawn before the cut. */
const fromFullFiles = (svg: string): Buffer =>
  new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: { loadSystemFonts: false, fontFiles: CHART_FONT_FILES, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' } }).render().asPng();

async function sampleCharts(): Promise<string[]> {
  const loaded = await loadSample();
  const config = { file: loaded.meeting.file.display, sha256: loaded.configSha256, bytes: loaded.configBytes };
  const { view } = await paperViewOf(loaded.meeting, loaded.items[0]!, { config });
  const templates = await loadTemplates(DEFAULT_TEMPLATES, { readText: (f) => readFile(f, 'utf8'), list: (d) => readdir(d) });
  return chartsIn(compilePaper(templates)(view)).map((c) => c.svg);
}

/** Each SVG is drawn from the cut files, into the very PNG the full files give. */
async function expectDrawnFromCutAsFromFull(svgs: string[]): Promise<void> {
  const pngs = await chartPictures(svgs.map((svg) => ({ svg })));
  svgs.forEach((svg, i) => {
    expect(chartFontsFor(svg)).not.toEqual(CHART_FONT_FILES);
    expect(Buffer.from(pngs[i]!).equals(fromFullFiles(svg))).toBe(true);
  });
}

const escape = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('chart pictures drawn from the cut-down fonts (print/pictures.ts, scripts/chart-fonts.mjs)', () => {
  it('reads the text an SVG says, its entities decoded, and nothing of its markup', () => {
    expect(svgText('<svg width="2"><g><text x="1">Jan &amp; Feb &#8722;3 &#x2013; &lt;x&gt;</text></g><text>5%</text></svg>')).toBe('Jan & Feb −3 – <x>5%');
    expect(svgText('<text>&#x110000; &nbsp;</text>')).toBe('\ufffd &nbsp;');
  });

  it('holds what charts say: month initials, figures, dashes, the minus sign', () => {
    for (const ch of 'JFMASONDaceglnoprtuvy0123456789.,%£€–—−/ ') expect(made.chars).toContain(ch);
    expect(made.files).toHaveLength(2);
  });

  it('draws the sample paper’s 24 charts from the cut files, every pixel as the full files draw them', async () => {
    const svgs = await sampleCharts();
    expect(svgs).toHaveLength(24);
    await expectDrawnFromCutAsFromFull(svgs);
  });

  it('draws every character the cut files hold as the full files do (kerning pairs and ligatures around them too)', async () => {
    const [first] = await sampleCharts();
    const chars = [...made.chars];
    const svgs: string[] = [];
    for (let i = 0; i < chars.length; i += 24) {
      let k = 0;
      svgs.push(first!.replace(/(<text[^>]*>)[^<]*(<\/text>)/g, (_m, open: string, close: string) => `${open}${escape(`${chars.slice(i + 3 * k, i + 3 * ++k + 4).join('')} AVWAYTo fi ffl 1,234.5 −7%`)}${close}`));
    }
    await expectDrawnFromCutAsFromFull(svgs);
  });

  it('draws from the cut files when the sources run (tsx, as the bench runs them), from the checkout’s dist/fonts/', async () => {
    const sources = await import('../../src/print/pictures.js');
    const [first] = await sampleCharts();
    expect(sources.chartFontsFor(first!)).toEqual(made.files.map((f) => path.resolve('dist/fonts', f)));
  });

  it('draws a chart with any other character from the full files', async () => {
    const [first] = await sampleCharts();
    for (const other of ['東京', '&#x2023;', 'Ŵ']) {
      const svg = first!.replace(/(<text[^>]*>)[^<]*(<\/text>)/, `$1Jan ${other}$2`);
      expect(chartFontsFor(svg)).toEqual(CHART_FONT_FILES);
    }
  });
});
