/**
 * The body of a paper's Word copy (`w:body` of word/document.xml), written as WordprocessingML text straight
 * from the paper's parsed HTML: paragraphs, runs and tables, the few things our templates make. The
 * package around it — styles, section properties, pictures and their relationships — is the `docx`
 * package's (render/word.ts).
 *
 * Why not docx's own paragraphs and tables: they are objects of objects, each turned into plain objects and
 * then into text when the document is written — about 60 ms and most of 45 MB of garbage for a 28-page paper,
 * a tenth of a ten-paper pack's build (docs/PERFORMANCE.md, 2026-12-07, seventh session). The text written
 * here is what docx writes for the same paragraphs and tables, character for character: its element order,
 * its escaping (control characters dropped), its grid of equal columns, its merged cells, the empty
 * paragraph it closes a cell with (test/unit/word-body.test.ts builds each construct both ways).
 */

/** A node of the parsed HTML (htmlparser2's DOM), as far as the Word copy reads it. */
export interface HtmlNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
}

/** A chart as a picture: PNG bytes, its size in pixels at 96 dpi, and its trend in words (the picture's description). */
export interface WordChart {
  png: Uint8Array;
  width: number;
  height: number;
  words: string;
}

/**
 * A block of the body: a paragraph (its properties and its runs, as text), a table (as text), or a chart's
 * picture (the `index`th of the body's pictures, a paragraph whose drawing docx writes: see render/word.ts).
 */
export type Block = { kind: 'p'; style?: string; indent?: number; runs: string } | { kind: 'table'; xml: string } | { kind: 'picture'; index: number };

/**
 * Where the `index`th picture goes in a table's text, until docx has written it (render/word.ts): U+0001 is
 * dropped from every text this module writes (`escapeXml`), so nothing else can read so.
 */
const pictureSlot = (index: number): string => `\u0001${index}\u0001`;
export const PICTURE_SLOT = /\u0001(\d+)\u0001/g;

/** The page the Word copy is laid out on: A4, 2 cm margins (in twips). */
export const PAGE = { width: 11906, height: 16838, margin: 1134 } as const;
/** The width a table may take on a page: the text's width, between the margins (in twips). */
export const textWidth = (landscape: boolean): number => (landscape ? PAGE.height : PAGE.width) - 2 * PAGE.margin;

const SKIP = new Set(['style', 'script', 'template', 'head', 'title', 'meta', 'noscript']);
const INLINE = new Set(['span', 'strong', 'b', 'em', 'i', 'a', 'abbr', 'code', 'small', 'sub', 'sup', 'br', 'time', 'mark', 'cite', 'q', 'u', 's', 'del', 'ins']);
const HEADINGS: Record<string, string> = { h1: 'Heading1', h2: 'Heading2', h3: 'Heading3', h4: 'Heading4', h5: 'Heading4', h6: 'Heading4' };
/** en-GB on every run: Word checks the spelling in British English, and a screen reader speaks it so. */
const LANG = '<w:lang w:val="en-GB"/>';

export const textOf = (n: HtmlNode): string => (n.type === 'text' ? (n.data ?? '') : (n.children ?? []).map(textOf).join(''));
const classes = (n: HtmlNode): string[] => (n.attribs?.class ?? '').split(/\s+/).filter(Boolean);
const isElement = (n: HtmlNode): boolean => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const collapse = (s: string): string => s.replace(/\s+/g, ' ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
/** Text as docx escapes it: the five XML characters as entities, the control characters XML 1.0 forbids dropped. */
// eslint-disable-next-line no-control-regex
const escapeXml = (s: string): string => s.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');

interface Format {
  bold?: boolean;
  italics?: boolean;
}

/** One run of text. */
function run(text: string, f: Format): string {
  return `<w:r><w:rPr>${f.bold ? '<w:b/><w:bCs/>' : ''}${f.italics ? '<w:i/><w:iCs/>' : ''}${LANG}</w:rPr><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}
const LINE_BREAK = `<w:r><w:rPr>${LANG}</w:rPr><w:br/></w:r>`;

/** The runs of inline content (text, emphasis, line breaks, links as text and address). */
function runs(nodes: readonly HtmlNode[], format: Format = {}): string {
  let out = '';
  const text = (t: string, f: Format): void => {
    if (t !== '') out += run(t, f);
  };
  for (const n of nodes) {
    if (n.type === 'text') text(collapse(n.data ?? ''), format);
    else if (isElement(n) && !SKIP.has(n.name!)) {
      if (n.name === 'br') out += LINE_BREAK;
      else if (n.name === 'svg') continue;
      else if (n.name === 'a') {
        const label = collapse(textOf(n)).trim();
        const href = n.attribs?.href ?? '';
        text(label, format);
        if (/^(https?:|mailto:)/i.test(href) && href.replace(/^mailto:/i, '') !== label) text(` (${href.replace(/^mailto:/i, '')})`, format);
      } else out += runs(n.children ?? [], { ...format, ...(n.name === 'strong' || n.name === 'b' || n.name === 'th' ? { bold: true } : {}), ...(n.name === 'em' || n.name === 'i' ? { italics: true } : {}) });
    }
  }
  return out;
}

const paragraph = (runsXml: string, options: { style?: string; indent?: number } = {}): Block => ({ kind: 'p', runs: runsXml, ...(options.style ? { style: options.style } : {}), ...(options.indent ? { indent: options.indent } : {}) });

/** A paragraph's text; `sectPr`, when it closes a section, its section's properties. */
export function paragraphXml(p: Extract<Block, { kind: 'p' }>, sectPr = ''): string {
  const props = `${p.style ? `<w:pStyle w:val="${escapeXml(p.style)}"/>` : ''}${p.indent ? `<w:ind w:left="${p.indent}"/>` : ''}${sectPr}`;
  const body = `${props ? `<w:pPr>${props}</w:pPr>` : ''}${p.runs}`;
  return body === '' ? '<w:p/>' : `<w:p>${body}</w:p>`;
}

/** Whether a node holds text of its own (not only whitespace) outside block elements. */
const hasInlineText = (nodes: readonly HtmlNode[]): boolean => nodes.some((n) => (n.type === 'text' ? (n.data ?? '').trim() !== '' : isElement(n) && INLINE.has(n.name!) && textOf(n).trim() !== ''));

/** A cell of a table as docx lays one out: the columns and rows it spans, whether it starts or continues a vertical merge, and its HTML (none for a cell that continues one). */
interface Cell {
  span: number;
  rowSpan: number;
  merge?: 'restart' | 'continue';
  node?: HtmlNode;
}

/**
 * A table: header rows (thead, or rows of th only) repeat on each page; each cell's content as paragraphs. Its
 * grid, as docx works it out for a table 100% wide whose cells give no width: equal columns sharing the width
 * it is given (`available`, in twips: the page's text or the cell it sits in).
 */
function table(el: HtmlNode, space: Space, charts: Charts, out: Block[]): void {
  const caption = (el.children ?? []).find((c) => c.name === 'caption');
  if (caption) out.push(paragraph(runs(caption.children ?? [], { bold: true }), { style: 'Caption' }));
  const rows: { header: boolean; cells: Cell[] }[] = [];
  const addRows = (group: HtmlNode, header: boolean): void => {
    for (const tr of (group.children ?? []).filter((c) => c.name === 'tr')) {
      const cells = (tr.children ?? []).filter((c) => c.name === 'td' || c.name === 'th');
      if (cells.length === 0) continue;
      const tableHeader = header || (group.name !== 'tbody' && group.name !== 'tfoot' && cells.every((c) => c.name === 'th'));
      const span = (c: HtmlNode, a: string): number => (Number(c.attribs?.[a] ?? 1) > 1 ? Number(c.attribs![a]) : 1);
      rows.push({ header: tableHeader, cells: cells.map((c) => ({ span: span(c, 'colspan'), rowSpan: span(c, 'rowspan'), node: c })) });
    }
  };
  for (const part of el.children ?? []) {
    if (part.name === 'thead') addRows(part, true);
    else if (part.name === 'tbody' || part.name === 'tfoot') addRows(part, false);
    else if (part.name === 'tr') addRows({ type: 'tag', name: 'table', children: [part] }, false);
  }
  if (rows.length === 0) return;
  // A cell over several rows: in each row below it, at its column, a cell that continues the merge (as docx's Table puts one).
  rows.forEach((row, r) => {
    let column = 0;
    for (const cell of [...row.cells]) {
      if (cell.rowSpan > 1) {
        cell.merge ??= 'restart';
        const below = rows[r + 1];
        if (!below) throw new Error(`a table cell spans ${cell.rowSpan} rows but its table has no row below it`);
        // before the cell of the row below that covers this column (docx's TableRow.addCellToColumnIndex), else last
        let at = 0;
        let covered = 0;
        while (covered <= column && at < below.cells.length) covered += below.cells[at++]!.span;
        below.cells.splice(covered > column ? at - 1 : below.cells.length, 0, { span: cell.span, rowSpan: cell.rowSpan - 1, merge: 'continue' });
      }
      column += cell.span;
    }
  });
  const columns = Math.max(0, ...rows.map((row) => row.cells.reduce((n, c) => n + c.span, 0)));
  const width = Math.round(space.available / columns);
  let xml = `<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`).join('')}</w:tblBorders></w:tblPr>`;
  xml += `<w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(columns)}</w:tblGrid>`;
  for (const row of rows) {
    xml += `<w:tr><w:trPr><w:cantSplit/>${row.header ? '<w:tblHeader/>' : '<w:tblHeader w:val="off"/>'}</w:trPr>`;
    let column = 0;
    for (const cell of row.cells) {
      const props = `${cell.span > 1 ? `<w:gridSpan w:val="${cell.span}"/>` : ''}${cell.merge ? `<w:vMerge w:val="${cell.merge}"/>` : ''}`;
      // A table in the cell has the cell's width (the grid's columns it spans) to share, as docx gives it;
      // a cell past the grid's end, the page's.
      const inner = width * Math.min(cell.span, columns - column);
      const kids: Block[] = [];
      if (cell.node) blocks(cell.node.children ?? [], charts, kids, { format: cell.node.name === 'th' ? { bold: true } : {}, space: { available: inner > 0 ? inner : space.page, page: space.page } });
      const body = kids.length > 0 ? kids.map(blockXml).join('') : '<w:p/>';
      // docx closes a cell with a paragraph: a cell that ends with a table gets an empty one.
      xml += `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${body}${kids.length > 0 && kids.at(-1)!.kind === 'table' ? '<w:p/>' : ''}</w:tc>`;
      column += cell.span;
    }
    xml += '</w:tr>';
  }
  out.push({ kind: 'table', xml: `${xml}</w:tbl>` });
}

/** The charts' pictures, by the id of the caption that labels each; and those the body shows, in order, as it is written. */
export interface Charts {
  byCaption: ReadonlyMap<string, WordChart>;
  shown: WordChart[];
}

/** A block's text (a picture's slot, for docx's drawing: `pictureSlot`). */
export const blockXml = (b: Block): string => (b.kind === 'p' ? paragraphXml(b) : b.kind === 'table' ? b.xml : pictureSlot(b.index));

/** The width a table may take (twips): the page's text, or the table cell it is in. */
interface Space {
  available: number;
  page: number;
}

/** Block content: each element as paragraphs and tables, text between blocks as a paragraph of its own. */
export function blocks(nodes: readonly HtmlNode[], charts: Charts, out: Block[], o: { format?: Format; indent?: number; space: Space }): Block[] {
  const format = o.format ?? {};
  const indent = o.indent ?? 0;
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
    if (name === 'h1' && n.attribs?.id === 'title') out.push(paragraph(runs(kids), { style: 'Title' }));
    else if (HEADINGS[name]) out.push(paragraph(runs(kids), { style: HEADINGS[name] }));
    else if (name === 'p' || name === 'figcaption' || name === 'dt' || name === 'dd') out.push(paragraph(runs(kids, classes(n).includes('restriction') ? { ...format, bold: true } : format), { indent }));
    else if (name === 'ul' || name === 'ol') {
      for (const li of kids.filter((c) => c.name === 'li')) {
        const content = blocks(li.children ?? [], charts, [], { format, indent: indent + 360, space: o.space });
        if (name === 'ul' && content[0]?.kind === 'p' && hasInlineText(li.children ?? [])) content[0] = paragraph(run('• ', {}) + runs(li.children ?? [], format), { indent: indent + 360 });
        out.push(...content);
      }
    } else if (name === 'table') table(n, o.space, charts, out);
    else if (name === 'svg') {
      // A chart (an `svg` labelled by its caption): the picture made of it, described by its trend in words.
      const chart = charts.byCaption.get(n.attribs?.['aria-labelledby'] ?? '');
      if (chart) out.push({ kind: 'picture', index: charts.shown.push(chart) - 1 });
    } else if (name === 'img') continue; // the logo: the council's name is printed beside it
    else if (name === 'div' && kids.some((c) => c.name === 'dt')) {
      // one particular of a definition list: "Report of: The Director of Children's Services"
      const dt = kids.find((c) => c.name === 'dt')!;
      const dd = kids.filter((c) => c.name === 'dd');
      out.push(paragraph(runs(dt.children ?? [], { bold: true }) + run(': ', { bold: true }) + dd.map((d, i) => (i ? run('; ', {}) : '') + runs(d.children ?? [], format)).join(''), { indent }));
    } else blocks(kids, charts, out, { format, indent, space: o.space });
  }
  flush();
  return out;
}

/** The body in page runs: each appendix starts a section of its own, landscape where the paper prints it so (its wide tables). */
export function pageRuns(nodes: readonly HtmlNode[]): { landscape: boolean; nodes: HtmlNode[] }[] {
  const out: { landscape: boolean; nodes: HtmlNode[] }[] = [{ landscape: false, nodes: [] }];
  for (const n of nodes) {
    if (n.name === 'section' && classes(n).includes('appendix')) out.push({ landscape: classes(n).includes('landscape'), nodes: [n] });
    else out[out.length - 1]!.nodes.push(n);
  }
  return out.filter((r) => r.nodes.some((n) => n.type !== 'text' || (n.data ?? '').trim() !== ''));
}
