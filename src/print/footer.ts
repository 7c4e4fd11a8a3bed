/**
 * Page numbers and "intentionally blank" notices drawn onto printed pages, as pagination artifacts
 * (not content: a screen reader skips them, and they are not in the structure tree).
 *
 * A paper's own PDF says "Page 3 of 27"; in the agenda pack the same page says "Page 14". The paper is
 * printed once: its footer is a content stream of its own, marked `/Artifact <</Type /Pagination …>>`,
 * appended to each page, so that the pack can take it off again (`stripFooters`) and put its own on.
 */
import { deflateSync } from 'node:zlib';
import type fontkitModule from '@pdf-lib/fontkit';
import {
  decodePDFRawStream,
  endMarkedContent,
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  PDFRawStream,
  PDFRef,
  rgb,
  typedArrayFor,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';

type Fontkit = typeof fontkitModule;

/**
 * fontkit, remembering each font it has parsed: pdf-lib parses the whole TrueType file for every document
 * it embeds it in (≈ 50 ms for Liberation Sans — most of the cost of numbering a 2-page report). The same
 * bytes object gives the same parsed font, whose tables are then decoded once per process.
 */
function caching(fontkit: Fontkit): Fontkit {
  const parsed = new WeakMap<object, unknown>();
  return {
    ...fontkit,
    create(data: Uint8Array, postscriptName?: string): unknown {
      if (postscriptName !== undefined) return fontkit.create(data as Buffer, postscriptName);
      let font = parsed.get(data);
      if (font === undefined) parsed.set(data, (font = rememberingLayouts(fontkit.create(data as Buffer) as unknown as LaidOut)));
      return font;
    },
  } as unknown as Fontkit;
}

let fontkitLoaded: Promise<Fontkit> | undefined;
/**
 * fontkit, loaded the first time a document is numbered, not as the program starts (≈ 90 ms of a command's
 * start, most of it unpacking its Unicode tables: docs/PERFORMANCE.md). The print stage asks for it as the
 * first document goes to Chromium (`loadFooterFont`), so that it is loaded while Chromium prints.
 */
export function loadFooterFont(): Promise<Fontkit> {
  return (fontkitLoaded ??= import('@pdf-lib/fontkit').then((m) => caching(m.default)));
}

type LaidOut = { layout: (text: string, ...rest: unknown[]) => unknown };
const LAYOUTS_KEPT = 10_000;

/**
 * The font, remembering how it laid out each footer: pdf-lib lays a text out twice to draw it (its width
 * to centre it, then its glyphs), and shaping is most of the cost of numbering pages (≈ 0.3 ms a layout,
 * ≈ 1,100 of them in a ten-paper pack's build). pdf-lib only reads the glyphs of a layout.
 */
function rememberingLayouts(font: LaidOut): LaidOut {
  const layout = font.layout.bind(font);
  const runs = new Map<string, unknown>();
  font.layout = (text: string, ...rest: unknown[]): unknown => {
    const key = JSON.stringify([text, ...rest]);
    let run = runs.get(key);
    if (run === undefined) {
      if (runs.size >= LAYOUTS_KEPT) runs.clear();
      runs.set(key, (run = layout(text, ...rest)));
    }
    return run;
  };
  return font;
}

/**
 * The page-number font embedded (as a subset of the glyphs drawn) in `doc`, parsed once per process, its
 * subset and ToUnicode map deflated by zlib as they are embedded, not pdf-lib's pako, which sets up a
 * 64 KB window (and leaves ≈ 300 KB of garbage) for each — twice for every document.
 */
export async function embedFooterFont(doc: PDFDocument, fontBytes: Uint8Array): Promise<PDFFont> {
  doc.registerFontkit(await loadFooterFont());
  const context = doc.context;
  context.flateStream = (contents, dict = {}) => context.stream(deflateSync(typedArrayFor(contents)), { ...dict, Filter: 'FlateDecode' });
  return doc.embedFont(fontBytes, { subset: true });
}

/** What every footer stream starts with (and how `stripFooters` knows one). */
export const MARK = '/Artifact <<';

export interface FooterText {
  /** Text at the foot of the page, centred. */
  foot?: string | undefined;
  /** Text in the middle of the page (for a blank page). */
  middle?: string | undefined;
  /** Text at the head of the page, centred, at least 12pt: "NOT FOR PUBLICATION". */
  head?: string | undefined;
}

/**
 * Draws each page's footer (`textOf(index)`, undefined for none) in the given TrueType font (embedded,
 * subset) at `size` points.
 */
export async function stampFooters(doc: PDFDocument, fontBytes: Uint8Array, size: number, textOf: (index: number) => FooterText | undefined): Promise<void> {
  const font = await embedFooterFont(doc, fontBytes);
  doc.getPages().forEach((page: PDFPage, i) => {
    const text = textOf(i);
    if (!text || (text.foot === undefined && text.middle === undefined && text.head === undefined)) return;
    const { width, height } = page.getSize();
    const props = doc.context.obj({ Type: 'Pagination', Subtype: text.middle !== undefined ? 'Watermark' : 'Footer' });
    // pdf-lib's operand type leaves out dictionaries, which BDC takes (and which it writes out as they are).
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Artifact'), props as unknown as PDFName]));
    if (text.foot !== undefined) {
      page.drawText(text.foot, { x: (width - font.widthOfTextAtSize(text.foot, size)) / 2, y: 22, size, font, color: rgb(0, 0, 0) });
    }
    if (text.head !== undefined) {
      const headSize = Math.max(12, size);
      page.drawText(text.head, { x: (width - font.widthOfTextAtSize(text.head, headSize)) / 2, y: height - 28, size: headSize, font, color: rgb(0, 0, 0) });
    }
    if (text.middle !== undefined) {
      const middleSize = 12;
      page.drawText(text.middle, { x: (width - font.widthOfTextAtSize(text.middle, middleSize)) / 2, y: height / 2, size: middleSize, font, color: rgb(0, 0, 0) });
    }
    page.pushOperators(endMarkedContent());
  });
}

/** Takes off the footers `stampFooters` drew (the page's last content stream, when it is one). */
export function stripFooters(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    if (!(contents instanceof PDFArray) || contents.size() < 2) continue;
    const last = contents.get(contents.size() - 1);
    const stream = last instanceof PDFRef ? doc.context.lookup(last) : last;
    // As read from a file, or as drawn by stampFooters in a document still open.
    const content = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream instanceof PDFContentStream ? stream.getUnencodedContents() : undefined;
    if (!content) continue;
    const head = Buffer.from(content.subarray(0, 64)).toString('latin1');
    if (head.startsWith(MARK) && head.includes('/Pagination')) contents.remove(contents.size() - 1);
  }
}

/** The edit that numbers a paper or report on its own: "Page 3 of 28" at the foot of every page. */
export function pageOfPages(fontBytes: Uint8Array, size: number, head?: string): (doc: PDFDocument) => Promise<void> {
  return async (doc) => {
    const n = doc.getPageCount();
    await stampFooters(doc, fontBytes, size, (i) => ({ foot: `Page ${i + 1} of ${n}`, head }));
  };
}
