/**
 * A paper as a Word document (.docx), made from the paper's own HTML — the page the PDF is printed from, our
 * templates' small set of elements (headings, numbered paragraphs, lists, tables, definition lists, figures) —
 * so that the Word copy says exactly what the PDF says. The `docx` package makes the package: its styles,
 * properties, section properties, the charts' pictures with their relationships; the body's paragraphs and
 * tables are written as text beside it (render/word-body.ts), as docx writes them. Pure: HTML and the charts'
 * pictures in, bytes out.
 *
 * Policy
 * - Real structure, not look-alikes: headings use Word's Title and Heading 1–4 styles; a table's header
 *   rows repeat on every page (`w:tblHeader`); each chart is a picture whose description (`wp:docPr descr`)
 *   is its trend in words, which also follows it as its caption; every run is en-GB (`w:lang`); the title,
 *   subject and author are the document's properties.
 * - A council's own styles come from its template (`style.wordTemplate`: its `word/styles.xml`), which
 *   should define the heading styles; else the house styles (Arial, 11pt).
 * - Deterministic: the same paper gives the same bytes. The package stamps the clock and counters into a
 *   document (zip entries' times, the core properties' dates, drawing numbers, random relationship IDs):
 *   each is set from the paper (`date`) or renumbered in order before the zip is written again.
 * - Links are written as their text and address, not as Word hyperlinks (whose relationship IDs the
 *   package makes at random); nothing in the document is fetched when it is opened.
 */
import { Document, ImageRun, Packer, PageOrientation, Paragraph } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';
import { blocks, blockXml, PAGE, pageRuns, paragraphXml, PICTURE_SLOT, textOf, textWidth, type Block, type Charts, type HtmlNode, type WordChart } from './word-body.js';

export type { WordChart } from './word-body.js';

export interface WordInput {
  /** The paper's HTML (as published). */
  html: string;
  title: string;
  subject: string;
  author: string;
  creator: string;
  /** The paper's date (YYYY-MM-DD): its properties' created and modified, and every zip entry's time. */
  date: string;
  /** Charts as pictures, by the id of the caption that labels each. */
  charts: ReadonlyMap<string, WordChart>;
  /** `word/styles.xml` of the council's template, when it has one. */
  styles?: string | undefined;
}

const LANG = { value: 'en-GB' } as const;
/** A4 at 96 dpi less 2 cm margins: the widest a picture may be, in pixels. */
const MAX_IMAGE_WIDTH = 642;

/** A chart's SVG in a paper's HTML: its opening tag (1) naming the caption that labels it (2), then its drawing. */
const CHART_SVG = /(<svg\b[^>]*\baria-labelledby="([^"]+)"[^>]*>)[\s\S]*?<\/svg>/g;

/**
 * A chart's picture, described by its trend in words (docx writes its drawing, its relationship and its file),
 * its bytes a stand-in's (`StandIns`).
 */
function picture(chart: WordChart, data: Uint8Array): Paragraph {
  const scale = Math.min(1, MAX_IMAGE_WIDTH / chart.width);
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data,
        transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
        altText: { name: 'Trend chart', title: 'Trend chart', description: chart.words },
      }),
    ],
  });
}

/**
 * The document's bytes, the same every time for the same input (see the top of this file). `via`: how the
 * package's files are had (`packageFiles`); 'zip', the fallback, only for the test that compares the two.
 *
 * The body's paragraphs and tables are written as text (render/word-body.ts); docx makes the package around
 * them from a document of the same sections holding only the pictures — its styles, properties, section
 * properties, pictures and their relationships — and the body is put in place of that document's.
 */
export async function paperDocx(input: WordInput, via: 'compiler' | 'zip' = 'compiler'): Promise<Uint8Array> {
  // A chart's SVG is not read here (the chart is a picture, found by the caption that labels it: word-body.ts):
  // emptied before the parse, as `chartsIn` finds it, it is ≈ 60% of a paper's HTML that is not made into nodes.
  const html = input.html.replace(CHART_SVG, '$1</svg>');
  const dom = parseDocument(html, { decodeEntities: true }) as unknown as HtmlNode;
  const find = (n: HtmlNode, name: string): HtmlNode | undefined => (n.name === name ? n : (n.children ?? []).map((c) => find(c, name)).find(Boolean));
  const body = find(dom, 'body') ?? dom;
  const charts: Charts = { byCaption: input.charts, shown: [] };
  const standIns = new StandIns();
  const sections = pageRuns(body.children ?? []).map((run) => {
    const first = charts.shown.length;
    const page = textWidth(run.landscape);
    const content = blocks(run.nodes, charts, [], { space: { available: page, page } });
    return { landscape: run.landscape, content, pictures: charts.shown.slice(first) };
  });
  const doc = new Document({
    creator: input.creator,
    title: input.title,
    subject: input.subject,
    description: input.subject,
    lastModifiedBy: input.creator,
    revision: 1,
    ...(input.styles
      ? { externalStyles: input.styles }
      : { styles: { default: { document: { run: { font: 'Arial', size: 22, language: LANG } }, title: { run: { font: 'Arial', size: 36, bold: true } }, heading1: { run: { font: 'Arial', size: 30, bold: true } }, heading2: { run: { font: 'Arial', size: 26, bold: true } }, heading3: { run: { font: 'Arial', size: 23, bold: true } } } } }),
    sections: sections.map((s) => ({
      properties: { page: { size: { width: PAGE.width, height: PAGE.height, orientation: s.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
      children: s.pictures.map((chart) => picture(chart, standIns.of(chart.png))),
    })),
  });
  const files: Record<string, PackageFile> = (via === 'compiler' ? packageFiles(doc) : undefined) ?? unzipSync(await Packer.toBuffer(doc));
  standIns.restore(files);
  const skeleton = files['word/document.xml'];
  if (skeleton === undefined) throw new Error('docx wrote no word/document.xml');
  files['word/document.xml'] = withBody(typeof skeleton === 'string' ? skeleton : strFromU8(skeleton), sections, charts.shown.length);
  return deterministic(files, input.date);
}

/**
 * Stand-ins for the pictures' bytes while docx makes the package. docx names each picture's file by the SHA-1
 * of its bytes, worked out in JavaScript (≈ 7 ms of a paper's 24 pictures; docs/PERFORMANCE.md, 2026-12-07,
 * seventh session): it is given a few bytes for each different picture instead — the same picture twice, the
 * same stand-in, so that it still keeps one file of it — and the pictures' bytes are put in its files after.
 */
class StandIns {
  private readonly pictures: Uint8Array[] = [];
  private readonly byLength = new Map<number, number[]>();

  /** The stand-in for these bytes: `\u0001picture <n>`, n the picture's number among the different ones. */
  of(png: Uint8Array): Uint8Array {
    const same = this.byLength.get(png.length) ?? [];
    let n = same.find((i) => Buffer.from(this.pictures[i]!.buffer, this.pictures[i]!.byteOffset, png.length).equals(png));
    if (n === undefined) {
      n = this.pictures.push(png) - 1;
      this.byLength.set(png.length, [...same, n]);
    }
    return strToU8(`\u0001picture ${n}`);
  }

  /** Each picture's bytes in place of its stand-in, in the package's files. */
  restore(files: Record<string, PackageFile>): void {
    let restored = 0;
    for (const [name, data] of Object.entries(files)) {
      if (!name.startsWith('word/media/') || typeof data === 'string' || data.length > 24) continue;
      const n = /^\u0001picture (\d+)$/.exec(strFromU8(data))?.[1];
      if (n === undefined || this.pictures[Number(n)] === undefined) continue;
      files[name] = this.pictures[Number(n)]!;
      restored++;
    }
    if (restored !== this.pictures.length) throw new Error(`docx kept ${restored} of the Word copy's ${this.pictures.length} pictures`);
  }
}

/**
 * The document docx wrote for the pictures alone, with the body in place of its: each section's properties
 * (docx's) closing its section — in its last paragraph, or in an empty paragraph of its own after a table, as
 * docx puts them — and each picture's paragraph (docx's) where the body shows it.
 */
function withBody(skeleton: string, sections: { content: Block[] }[], shown: number): string {
  if (sections.length === 0) return skeleton; // nothing in the paper's body: docx's empty document
  const open = skeleton.indexOf('<w:body>') + '<w:body>'.length;
  const close = skeleton.lastIndexOf('</w:body>');
  if (open < '<w:body>'.length || close < open) throw new Error('docx wrote a document without a body');
  const inner = skeleton.slice(open, close);
  const sectPrs = [...inner.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
  const pictures = [...inner.replace(/<w:pPr><w:sectPr>[\s\S]*?<\/w:sectPr><\/w:pPr>/g, '').matchAll(/<w:p>((?:(?!<\/w:p>)[\s\S])*<w:drawing>[\s\S]*?)<\/w:p>/g)].map((m) => m[1]!);
  if (sectPrs.length !== sections.length || pictures.length !== shown) throw new Error(`docx wrote ${sectPrs.length} sections and ${pictures.length} pictures for ${sections.length} and ${shown}`);
  let xml = '';
  sections.forEach((s, i) => {
    const sectPr = sectPrs[i]!;
    const last = i === sections.length - 1;
    s.content.forEach((b, j) => {
      const closing = !last && j === s.content.length - 1;
      if (!closing) xml += blockXml(b);
      else if (b.kind === 'p') xml += paragraphXml(b, sectPr);
      else if (b.kind === 'picture') xml += `<w:p><w:pPr>${sectPr}</w:pPr>${pictures[b.index]!}</w:p>`;
      else xml += `${blockXml(b)}<w:p><w:pPr>${sectPr}</w:pPr></w:p>`;
    });
    if (!last && s.content.length === 0) xml += `<w:p><w:pPr>${sectPr}</w:pPr></w:p>`;
    if (last) xml += sectPr;
  });
  xml = xml.replace(PICTURE_SLOT, (_m, index: string) => `<w:p>${pictures[Number(index)]!}</w:p>`);
  return `${skeleton.slice(0, open)}${xml}${skeleton.slice(close)}`;
}

/** What docx's compiler gives for each file of the package: XML as text, pictures as bytes. */
type PackageFile = string | Uint8Array;

/**
 * The package's files as docx's own compiler writes them, before docx zips them (`Packer.compiler`, which
 * `Packer.toBuffer` zips): the files are zipped once, by `deterministic`, instead of zipped by docx, unzipped
 * and zipped again (≈ 40–60 ms of a 28-page paper; docs/PERFORMANCE.md, 2026-12-07). The compiler is not docx's public API:
 * undefined when this docx has none there, and the zip `Packer.toBuffer` makes is opened instead (the same
 * bytes in the end; test/unit/word-package.test.ts checks both ways, and that this one is taken).
 */
export function packageFiles(doc: Document): Record<string, PackageFile> | undefined {
  const compiler = (Packer as unknown as { compiler?: { compile?: (file: Document) => unknown } }).compiler;
  const files = typeof compiler?.compile === 'function' ? compiler.compile(doc) : undefined;
  if (!(files instanceof Map)) return undefined;
  const out: Record<string, PackageFile> = {};
  for (const [name, data] of files as Map<unknown, unknown>) {
    if (typeof name !== 'string' || !(typeof data === 'string' || data instanceof Uint8Array)) return undefined;
    out[name] = data;
  }
  return out;
}

/** The package's files with their clock and counters replaced, zipped: fixed dates and entry times, drawings and relationships numbered in order; pictures stored, not deflated again. */
function deterministic(files: Record<string, PackageFile>, date: string): Uint8Array {
  const text = (data: PackageFile): string => (typeof data === 'string' ? data : strFromU8(data));
  const stamp = `${date}T00:00:00Z`;
  const ids = new Map<string, string>();
  for (const [name, bytes] of Object.entries(files)) {
    if (!name.endsWith('.rels')) continue;
    for (const m of text(bytes).matchAll(/\bId="([^"]+)"/g)) if (!/^rId\d+$/.test(m[1]!) && !ids.has(m[1]!)) ids.set(m[1]!, `rIdP${ids.size + 1}`);
  }
  const out: Record<string, [Uint8Array, { mtime: Date; level: 0 | 6 }]> = {};
  for (const [name, bytes] of Object.entries(files)) {
    let data: Uint8Array;
    if (/\.(xml|rels)$/.test(name)) {
      let xml = text(bytes);
      for (const [from, to] of ids) xml = xml.replaceAll(`"${from}"`, `"${to}"`);
      if (name === 'docProps/core.xml') xml = xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`);
      if (name === 'word/document.xml') {
        let n = 0;
        xml = xml.replace(/(<wp:docPr id=")\d+/g, (_m, head: string) => `${head}${++n}`);
        let p = 0;
        xml = xml.replace(/(<pic:cNvPr id=")\d+/g, (_m, head: string) => `${head}${++p}`);
      }
      data = strToU8(xml);
    } else data = typeof bytes === 'string' ? strToU8(bytes) : bytes;
    // The charts' PNGs are stored as they are: deflating compressed pictures again took most of the zip's
    // time (about 100 ms of a 28-page paper's 115) and saved 5% of its bytes.
    out[name] = [data, { mtime: new Date(stamp), level: /\.png$/i.test(name) ? 0 : 6 }];
  }
  return zipSync(out, { level: 6 });
}

/** A chart in a paper's HTML: its SVG (an image labelled by its caption), its size and its trend in words. */
export interface ChartInPaper {
  captionId: string;
  svg: string;
  width: number;
  height: number;
  words: string;
}

/** Every chart in a paper's HTML (render/charts.ts makes them: `<svg role="img" aria-labelledby="…">` then its caption). */
export function chartsIn(html: string): ChartInPaper[] {
  const out: ChartInPaper[] = [];
  for (const m of html.matchAll(CHART_SVG)) {
    const svg = m[0];
    const width = Number(/\bwidth="([\d.]+)"/.exec(svg)?.[1]);
    const height = Number(/\bheight="([\d.]+)"/.exec(svg)?.[1]);
    const caption = new RegExp(`<figcaption id="${m[2]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">([\\s\\S]*?)</figcaption>`).exec(html)?.[1];
    if (!(width > 0) || !(height > 0) || caption === undefined) continue;
    out.push({ captionId: m[2]!, svg, width, height, words: textOf(parseDocument(caption, { decodeEntities: true }) as unknown as HtmlNode).trim() });
  }
  return out;
}
