/**
 * A printed document made ready to publish, the one way for every kind (a paper, a highlight report):
 * "Page n of N" footers drawn as pagination artifacts, its metadata (title, author, subject, language,
 * producer) set from what it is, its dates the document's own (never the clock), and its file ID derived
 * from its HTML — so the same HTML gives the same bytes.
 */
import { createHash } from 'node:crypto';
import type { PDFDocument } from 'pdf-lib';
import type { Tool } from '../model/index.js';
import { pageOfPages } from './footer.js';
import { finalisePdf, headingTexts } from './metadata.js';

/** The font page numbers are set in (Debian's fonts-liberation2, installed by setup). */
export const PAGE_NUMBER_FONT = '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf';

/** What a document is, for its metadata. */
export interface DocumentFacts {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The document's own date (ISO): its creation and modification dates. */
  date: string;
  tool: Tool;
  /** The browser that printed it ("Chromium 156.0.8078.73"), named in the producer. */
  browser: string;
}

/** The footer: the page-number font's bytes (read once per build) and the size of its text. */
/** What heads every page of an exempt paper and of the confidential pack. */
export const NOT_FOR_PUBLICATION = 'NOT FOR PUBLICATION';

export interface Footer {
  font: Uint8Array;
  size: number;
  /** A line at the head of every page ("NOT FOR PUBLICATION"), when set. */
  mark?: string | undefined;
}

export async function finishDocument(printed: Uint8Array | PDFDocument, html: string, facts: DocumentFacts, footer: Footer): Promise<{ bytes: Uint8Array; pages: number; doc: PDFDocument }> {
  const { tool } = facts;
  return finalisePdf(
    printed,
    {
      title: facts.title,
      author: facts.author,
      subject: facts.subject,
      keywords: facts.keywords,
      date: facts.date,
      lang: 'en-GB',
      creator: `${tool.name} ${tool.version}`,
      producer: `${tool.name} ${tool.version} (${facts.browser}, pdf-lib)`,
      identity: createHash('sha256').update(html).digest('hex'),
      headings: headingTexts(html),
    },
    pageOfPages(footer.font, footer.size, footer.mark),
  );
}
