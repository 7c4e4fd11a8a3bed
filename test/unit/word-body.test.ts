/**
 * The Word copy's body is written as text (render/word-body.ts), not built from docx's objects: each construct
 * our HTML makes, written both ways — by paperDocx from HTML, and by docx from the paragraphs and tables it
 * stands for, made here by hand — gives the same word/document.xml, character for character.
 */
import { Document, ImageRun, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type IRunOptions, type ISectionOptions } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { paperDocx, type WordChart } from '../../src/render/word.js';

const LANG = { value: 'en-GB' } as const;
const t = (text: string, f: Omit<IRunOptions, 'text' | 'language'> = {}): TextRun => new TextRun({ text, language: LANG, ...f });
const p = (...children: TextRun[]): Paragraph => new Paragraph({ children });
const cell = (children: (Paragraph | Table)[], o: { columnSpan?: number; rowSpan?: number } = {}): TableCell => new TableCell({ children, ...o });
const row = (tableHeader: boolean, cells: TableCell[]): TableRow => new TableRow({ tableHeader, cantSplit: true, children: cells });
const table = (rows: TableRow[]): Table => new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
const page = (landscape: boolean): ISectionOptions['properties'] => ({
  page: { size: { width: 11906, height: 16838, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } },
});

/** A small PNG (one white pixel) as a chart's picture. */
const PNG = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC', 'base64'));
const chart: WordChart = { png: PNG, width: 230, height: 90, words: 'Fell from 23.7 to 19.6 & met "none" of 12' };
const picture = (): Paragraph =>
  new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 230, height: 90 }, altText: { name: 'Trend chart', title: 'Trend chart', description: chart.words } })] });
const svg = (id: string): string => `<figure><svg role="img" aria-labelledby="${id}" width="230" height="90"><text>x</text></svg><figcaption id="${id}">The caption</figcaption></figure>`;

/** word/document.xml of a .docx, its drawings numbered in order (as paperDocx numbers them). */
function documentXml(docx: Uint8Array): string {
  let n = 0;
  let m = 0;
  return strFromU8(unzipSync(docx)['word/document.xml']!)
    .replace(/(<wp:docPr id=")\d+/g, (_x, head: string) => `${head}${++n}`)
    .replace(/(<pic:cNvPr id=")\d+/g, (_x, head: string) => `${head}${++m}`);
}
const fromHtml = async (html: string): Promise<string> =>
  documentXml(await paperDocx({ html, title: 'T', subject: 'S', author: 'A', creator: 'C', date: '2017-03-13', charts: new Map([['c1', chart], ['c2', chart]]) }));
const fromDocx = async (sections: ISectionOptions[]): Promise<string> => documentXml(await Packer.toBuffer(new Document({ sections })));

describe('the Word copy’s body, written as text, is what docx writes (render/word-body.ts)', () => {
  it('runs: escaped text, control characters dropped, bold and italic, line breaks, links as their text and address', async () => {
    const html = `<body><p>Tom's "plan" &lt;draft&gt; &amp; more\u000b\u0001 <strong>bold <em>both</em></strong><br>next <a href="https://example.org/a?b=1&amp;c=2">the site</a></p><p class="restriction">Not for publication</p></body>`;
    const expected = await fromDocx([
      {
        properties: page(false),
        children: [
          // the HTML's white space (a vertical tab too) collapsed to one space first; docx drops the U+0001
          p(t(`Tom's "plan" <draft> & more \u0001 `), t('bold ', { bold: true }), t('both', { bold: true, italics: true }), new TextRun({ break: 1, language: LANG }), t('next '), t('the site'), t(' (https://example.org/a?b=1&c=2)')),
          p(t('Not for publication', { bold: true })),
        ],
      },
    ]);
    expect(await fromHtml(html)).toBe(expected);
  });

  it('headings, lists, particulars and pictures; each appendix a section, closed in its last paragraph or picture', async () => {
    const html = `<body><h1 id="title">Update</h1><div><dt>Report of</dt><dd>The Director</dd><dd>Finance</dd></div><ul><li>One</li><li><p>Two</p></li></ul>${svg('c1')}<section class="appendix"><h2>Appendix 1</h2>${svg('c2')}</section><section class="appendix landscape"><h3>Appendix 2</h3>Loose text</section></body>`;
    const expected = await fromDocx([
      {
        properties: page(false),
        children: [
          new Paragraph({ children: [t('Update')], heading: 'Title' }),
          p(t('Report of', { bold: true }), t(': ', { bold: true }), t('The Director'), t('; '), t('Finance')),
          new Paragraph({ children: [t('• '), t('One')], indent: { left: 360 } }),
          new Paragraph({ children: [t('Two')], indent: { left: 360 } }),
          picture(),
          p(t('The caption')),
        ],
      },
      { properties: page(false), children: [new Paragraph({ children: [t('Appendix 1')], heading: 'Heading2' }), picture()] },
      { properties: page(true), children: [new Paragraph({ children: [t('Appendix 2')], heading: 'Heading3' }), p(t('Loose text'))] },
    ]);
    expect(await fromHtml(html.replace('<figcaption id="c2">The caption</figcaption>', ''))).toBe(expected);
  });

  it('tables: header rows, spans over columns and rows, a table in a cell, a picture in a cell, a landscape section that ends with a table', async () => {
    const html = `<body><table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td><td>${svg('c1')}</td></tr></table><section class="appendix landscape"><table><caption>Actions</caption><thead><tr><th>Ref</th><th colspan="2">Action</th></tr></thead><tbody><tr><th>1</th><td rowspan="3">Spans</td><td>c</td></tr><tr><td>d</td><td></td></tr><tr><td colspan="2" rowspan="2">e</td></tr><tr><td>f</td></tr></tbody></table></section><section class="appendix"><p>End</p></section></body>`;
    const nested = table([row(false, [cell([p(t('a'))]), cell([p(t('b'))])])]);
    const expected = await fromDocx([
      { properties: page(false), children: [table([row(false, [cell([nested]), cell([picture(), p(t('The caption'))])])])] },
      {
        properties: page(true),
        children: [
          new Paragraph({ children: [t('Actions', { bold: true })], style: 'Caption' }),
          table([
            row(true, [cell([p(t('Ref', { bold: true }))]), cell([p(t('Action', { bold: true }))], { columnSpan: 2 })]),
            row(false, [cell([p(t('1', { bold: true }))]), cell([p(t('Spans'))], { rowSpan: 3 }), cell([p(t('c'))])]),
            row(false, [cell([p(t('d'))]), cell([new Paragraph({})])]),
            row(false, [cell([p(t('e'))], { columnSpan: 2, rowSpan: 2 })]),
            row(false, [cell([p(t('f'))])]),
          ]),
        ],
      },
      { properties: page(false), children: [p(t('End'))] },
    ]);
    expect(await fromHtml(html)).toBe(expected);
  });

});
