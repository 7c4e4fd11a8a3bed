/**
 * A paper as a Word document (.docx), made with the `docx` package from the paper's own HTML — the page the
 * PDF is printed from, our templates' small set of elements (headings, numbered paragraphs, lists, tables,
 * definition lists, figures) — so that the Word copy says exactly what the PDF says. Pure: HTML and the
 * charts' pictures in, bytes out.
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
import { Document, HeadingLevel, ImageRun, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type IRunOptions, type ParagraphChild } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';

/** A chart as a picture: PNG bytes, its size in pixels at 96 dpi, and its trend in words (the picture's description). */
export interface WordChart {
  png: Uint8Array;
  width: number;
  height: number;
  words: string;
}

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

/** A node of the parsed HTML (htmlparser2's DOM), as far as this module reads it. */
interface HtmlNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
}

type Block = Paragraph | Table;
interface Format {
  bold?: boolean;
  italics?: boolean;
}

const LANG = { value: 'en-GB' } as const;
const SKIP = new Set(['style', 'script', 'template', 'head', 'title', 'meta', 'noscript']);
const INLINE = new Set(['span', 'strong', 'b', 'em', 'i', 'a', 'abbr', 'code', 'small', 'sub', 'sup', 'br', 'time', 'mark', 'cite', 'q', 'u', 's', 'del', 'ins']);
const HEADINGS: Record<string, (typeof HeadingLevel)[keyof typeof HeadingLevel]> = { h1: HeadingLevel.HEADING_1, h2: HeadingLevel.HEADING_2, h3: HeadingLevel.HEADING_3, h4: HeadingLevel.HEADING_4, h5: HeadingLevel.HEADING_4, h6: HeadingLevel.HEADING_4 };
/** A4 at 96 dpi less 2 cm margins: the widest a picture may be, in pixels. */
const MAX_IMAGE_WIDTH = 642;

/** A chart's SVG in a paper's HTML: its opening tag (1) naming the caption that labels it (2), then its drawing. */
const CHART_SVG = /(<svg\b[^>]*\baria-labelledby="([^"]+)"[^>]*>)[\s\S]*?<\/svg>/g;

const textOf = (n: HtmlNode): string => (n.type === 'text' ? (n.data ?? '') : (n.children ?? []).map(textOf).join(''));
const classes = (n: HtmlNode): string[] => (n.attribs?.class ?? '').split(/\s+/).filter(Boolean);
const isElement = (n: HtmlNode): boolean => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const decodeEntities = (s: string): string => s.replace(/\s+/g, ' ');

/** The runs of inline content (text, emphasis, line breaks, links as text and address). */
function runs(nodes: readonly HtmlNode[], format: Format = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const text = (t: string, f: Format): void => {
    if (t !== '') out.push(new TextRun({ text: t, language: LANG, ...f } as IRunOptions));
  };
  for (const n of nodes) {
    if (n.type === 'text') text(decodeEntities(n.data ?? ''), format);
    else if (isElement(n) && !SKIP.has(n.name!)) {
      if (n.name === 'br') out.push(new TextRun({ break: 1, language: LANG }));
      else if (n.name === 'svg') continue;
      else if (n.name === 'a') {
        const label = decodeEntities(textOf(n)).trim();
        const href = n.attribs?.href ?? '';
        text(label, format);
        if (/^(https?:|mailto:)/i.test(href) && href.replace(/^mailto:/i, '') !== label) text(` (${href.replace(/^mailto:/i, '')})`, format);
      } else out.push(...runs(n.children ?? [], { ...format, ...(n.name === 'strong' || n.name === 'b' || n.name === 'th' ? { bold: true } : {}), ...(n.name === 'em' || n.name === 'i' ? { italics: true } : {}) }));
    }
  }
  // No paragraph starts or ends with a space the HTML's line breaks put there.
  return out;
}

function paragraph(children: ParagraphChild[], options: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; indent?: number; style?: string } = {}): Paragraph {
  return new Paragraph({ children, ...(options.heading ? { heading: options.heading } : {}), ...(options.indent ? { indent: { left: options.indent } } : {}), ...(options.style ? { style: options.style } : {}) });
}

/** Whether a node holds text of its own (not only whitespace) outside block elements. */
const hasInlineText = (nodes: readonly HtmlNode[]): boolean => nodes.some((n) => (n.type === 'text' ? (n.data ?? '').trim() !== '' : isElement(n) && INLINE.has(n.name!) && textOf(n).trim() !== ''));

/** A table: header rows (thead, or rows of th only) repeat on each page; each cell's content as paragraphs. */
function table(el: HtmlNode, charts: WordInput['charts']): Block[] {
  const out: Block[] = [];
  const caption = (el.children ?? []).find((c) => c.name === 'caption');
  if (caption) out.push(paragraph(runs(caption.children ?? [], { bold: true }), { style: 'Caption' }));
  const rows: TableRow[] = [];
  const addRows = (group: HtmlNode, header: boolean): void => {
    for (const tr of (group.children ?? []).filter((c) => c.name === 'tr')) {
      const cells = (tr.children ?? []).filter((c) => c.name === 'td' || c.name === 'th');
      if (cells.length === 0) continue;
      const tableHeader = header || (group.name !== 'tbody' && group.name !== 'tfoot' && cells.every((c) => c.name === 'th'));
      rows.push(
        new TableRow({
          tableHeader,
          cantSplit: true,
          children: cells.map((c) => {
            const kids = blocks(c.children ?? [], charts, c.name === 'th' ? { bold: true } : {});
            return new TableCell({
              children: kids.length > 0 ? kids : [paragraph([])],
              ...(Number(c.attribs?.colspan ?? 1) > 1 ? { columnSpan: Number(c.attribs!.colspan) } : {}),
              ...(Number(c.attribs?.rowspan ?? 1) > 1 ? { rowSpan: Number(c.attribs!.rowspan) } : {}),
            });
          }),
        }),
      );
    }
  };
  for (const part of el.children ?? []) {
    if (part.name === 'thead') addRows(part, true);
    else if (part.name === 'tbody' || part.name === 'tfoot') addRows(part, false);
    else if (part.name === 'tr') addRows({ type: 'tag', name: 'table', children: [part] }, false);
  }
  if (rows.length > 0) out.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
  return out;
}

/** A chart (an `svg` labelled by its caption) as the picture made of it, described by its trend in words. */
function picture(svg: HtmlNode, charts: WordInput['charts']): Block[] {
  const chart = charts.get(svg.attribs?.['aria-labelledby'] ?? '');
  if (!chart) return [];
  const scale = Math.min(1, MAX_IMAGE_WIDTH / chart.width);
  return [
    paragraph([
      new ImageRun({
        type: 'png',
        data: chart.png,
        transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
        altText: { name: 'Trend chart', title: 'Trend chart', description: chart.words },
      }),
    ]),
  ];
}

/** Block content: each element as paragraphs and tables, text between blocks as a paragraph of its own. */
function blocks(nodes: readonly HtmlNode[], charts: WordInput['charts'], format: Format = {}, indent = 0): Block[] {
  const out: Block[] = [];
  let inline: HtmlNode[] = [];
  const flush = (): void => {
    if (hasInlineText(inline)) out.push(paragraph(runs(inline, format), { indent }));
    inline = [];
  };
  for (const n of nodes) {
    if (n.type === 'text' || (isElement(n) && INLINE.has(n.name!))) {
      inline.push(n);
      continue;
    }
    if (!isElement(n) || SKIP.has(n.name!)) continue;
    flush();
    const name = n.name!;
    const kids = n.children ?? [];
    if (name === 'h1' && n.attribs?.id === 'title') out.push(paragraph(runs(kids), { heading: HeadingLevel.TITLE }));
    else if (HEADINGS[name]) out.push(paragraph(runs(kids), { heading: HEADINGS[name] }));
    else if (name === 'p' || name === 'figcaption' || name === 'dt' || name === 'dd') out.push(paragraph(runs(kids, classes(n).includes('restriction') ? { ...format, bold: true } : format), { indent }));
    else if (name === 'ul' || name === 'ol') {
      for (const li of kids.filter((c) => c.name === 'li')) {
        const content = blocks(li.children ?? [], charts, format, indent + 360);
        if (name === 'ul' && content[0] instanceof Paragraph && hasInlineText(li.children ?? [])) content[0] = paragraph([new TextRun({ text: '• ', language: LANG }), ...runs(li.children ?? [], format)], { indent: indent + 360 });
        out.push(...content);
      }
    } else if (name === 'table') out.push(...table(n, charts));
    else if (name === 'svg') out.push(...picture(n, charts));
    else if (name === 'img') continue; // the logo: the council's name is printed beside it
    else if (name === 'div' && kids.some((c) => c.name === 'dt')) {
      // one particular of a definition list: "Report of: The Director of Children's Services"
      const dt = kids.find((c) => c.name === 'dt')!;
      const dd = kids.filter((c) => c.name === 'dd');
      out.push(paragraph([...runs(dt.children ?? [], { bold: true }), new TextRun({ text: ': ', bold: true, language: LANG }), ...dd.flatMap((d, i) => [...(i ? [new TextRun({ text: '; ', language: LANG })] : []), ...runs(d.children ?? [], format)])], { indent }));
    } else out.push(...blocks(kids, charts, format, indent));
  }
  flush();
  return out;
}

/** The body in page runs: each appendix starts a section of its own, landscape where the paper prints it so (its wide tables). */
function pageRuns(nodes: readonly HtmlNode[]): { landscape: boolean; nodes: HtmlNode[] }[] {
  const runs: { landscape: boolean; nodes: HtmlNode[] }[] = [{ landscape: false, nodes: [] }];
  for (const n of nodes) {
    if (n.name === 'section' && classes(n).includes('appendix')) runs.push({ landscape: classes(n).includes('landscape'), nodes: [n] });
    else runs[runs.length - 1]!.nodes.push(n);
  }
  return runs.filter((r) => r.nodes.some((n) => n.type !== 'text' || (n.data ?? '').trim() !== ''));
}

/**
 * The document's bytes, the same every time for the same input (see the top of this file). `via`: how the
 * package's files are had (`packageFiles`); 'zip', the fallback, only for the test that compares the two.
 */
export async function paperDocx(input: WordInput, via: 'compiler' | 'zip' = 'compiler'): Promise<Uint8Array> {
  // A chart's SVG is not read here (the chart is a picture, found by the caption that labels it: `picture`):
  // emptied before the parse, as `chartsIn` finds it, it is ≈ 60% of a paper's HTML that is not made into nodes.
  const html = input.html.replace(CHART_SVG, '$1</svg>');
  const dom = parseDocument(html, { decodeEntities: true }) as unknown as HtmlNode;
  const find = (n: HtmlNode, name: string): HtmlNode | undefined => (n.name === name ? n : (n.children ?? []).map((c) => find(c, name)).find(Boolean));
  const body = find(dom, 'body') ?? dom;
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
    sections: pageRuns(body.children ?? []).map((run) => ({
      properties: { page: { size: { width: 11906, height: 16838, orientation: run.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
      children: blocks(run.nodes, input.charts),
    })),
  });
  return deterministic((via === 'compiler' ? packageFiles(doc) : undefined) ?? unzipSync(await Packer.toBuffer(doc)), input.date);
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
