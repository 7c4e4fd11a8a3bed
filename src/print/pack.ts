/**
 * Finishing the printed pack in place (the document Chromium wrote, so its tags and bookmarks stay):
 * included PDFs take the places printed for them, and every page after the front sheet gets its pack
 * page number, drawn as an artifact (not content) at the foot of the page.
 */
import fontkit from '@pdf-lib/fontkit';
import { beginMarkedContent, endMarkedContent, PDFDocument, PDFName, rgb } from 'pdf-lib';

export interface PackFinish {
  /** Pages of the front sheet (unnumbered). */
  frontPages: number;
  /** The font the page numbers are set in (TrueType bytes), embedded so the pack stays PDF/UA-clean. */
  font: Uint8Array;
  /** Included PDFs: the 0-based page of the first placeholder, and the file's bytes. */
  included: { at: number; pdf: Uint8Array }[];
}

export async function finishPack(doc: PDFDocument, finish: PackFinish): Promise<void> {
  for (const inc of finish.included) {
    const source = await PDFDocument.load(inc.pdf, { updateMetadata: false });
    const copies = await doc.copyPages(source, source.getPageIndices());
    copies.forEach((page, i) => {
      doc.removePage(inc.at + i);
      doc.insertPage(inc.at + i, page);
    });
  }
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(finish.font, { subset: true });
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    if (i < finish.frontPages) return;
    const label = `Page ${i - finish.frontPages + 1}`;
    const size = 9;
    const { width } = page.getSize();
    page.pushOperators(beginMarkedContent(PDFName.of('Artifact')));
    page.drawText(label, { x: (width - font.widthOfTextAtSize(label, size)) / 2, y: 22, size, font, color: rgb(0, 0, 0) });
    page.pushOperators(endMarkedContent());
  });
}
