/**
 * The third part of `npm run build`: the chart pictures' font, cut down. The Word copy's charts are drawn by
 * resvg (print/pictures.ts) with Liberation Sans, and resvg reads the whole font file again for each text
 * it lays out (≈ 80 reads of 410 KB a chart). Cut to Latin-1 and the punctuation charts use, the file is
 * 42 KB and a chart takes ≈ 20% less time, with the very same pixels: the glyphs are Liberation Sans's own
 * (docs/PERFORMANCE.md, 2026-12-07).
 *
 * Made here, on the machine that runs the program, from the font Debian installed (the same file the page
 * numbers use), into dist/fonts/: a cut-down font is not shipped in this repository (its licence, the SIL
 * Open Font License, reserves the name "Liberation" for the original). Beside it, chart-fonts.json says
 * which characters both cut-down files hold; a chart with any other character is drawn from the full files.
 * No font installed, or no subsetter: nothing is written, and every chart is drawn from the full files.
 *
 *   node scripts/chart-fonts.mjs [ROOT]    ROOT: the program's folder (default: this repository)
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const outdir = path.join(root, 'dist', 'fonts');
rmSync(outdir, { recursive: true, force: true });
const { CHART_FONT_FILES } = await import(path.join(root, 'dist', 'print', 'pictures.js'));
if (!CHART_FONT_FILES.every((f) => existsSync(f))) {
  console.log(`chart fonts: ${CHART_FONT_FILES.join(', ')} not found; charts in Word copies will be drawn without them`);
  process.exit(0);
}

/** What a chart can say: Latin-1, general punctuation (dashes, quotes, ellipsis, per mille), the minus sign and the euro. */
const WANTED = [[0x20, 0x7e], [0xa0, 0xff], [0x2010, 0x2027], [0x2030, 0x203a], [0x2212, 0x2212], [0x20ac, 0x20ac]];
const wanted = WANTED.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));

let subsetFont;
let fontkit;
try {
  subsetFont = (await import('subset-font')).default;
  fontkit = (await import('@pdf-lib/fontkit')).default;
} catch {
  console.log('chart fonts: subset-font is not installed (a development dependency); charts will be drawn from the full font files');
  process.exit(0);
}
const sources = CHART_FONT_FILES.map((f) => readFileSync(f));
// Only characters every file has: one a file lacks is drawn as it is from the full files, not from the cut.
const held = sources.map((bytes) => new Set(fontkit.create(bytes).characterSet));
const chars = wanted.filter((c) => held.every((s) => s.has(c)));
mkdirSync(outdir, { recursive: true });
const files = [];
for (const [i, bytes] of sources.entries()) {
  const name = path.basename(CHART_FONT_FILES[i]);
  writeFileSync(path.join(outdir, name), await subsetFont(bytes, String.fromCodePoint(...chars), { targetFormat: 'truetype' }));
  files.push(name);
}
// The full files as they were (a font package updated since is drawn from, not its old cut: print/pictures.ts).
const stamps = CHART_FONT_FILES.map((f) => statSync(f)).map(({ size, mtimeMs }) => ({ size, mtimeMs }));
writeFileSync(path.join(outdir, 'chart-fonts.json'), `${JSON.stringify({ from: CHART_FONT_FILES, stamps, files, chars: String.fromCodePoint(...chars) })}\n`);
