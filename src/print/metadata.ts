/**
 * Fixing a Chromium PDF's metadata so the same inputs give the same bytes: title, author, subject,
 * language, creator and producer are set from the paper; the creation and modification dates are
 * the paper's own date (never the clock); the file ID is derived from the content.
 *
 * pdf-lib only rewrites the document here (no page copying), which keeps the structure tree (tags),
 * the outline and the language, and packs objects into streams (a smaller file).
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { PDFArray, PDFDocument, PDFHexString } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** ISO date used for both creation and modification. */
  date: string;
  lang: string;
  creator: string;
  producer: string;
  /** What identifies this document's content (e.g. the SHA-256 of its HTML): the file ID derives from it. */
  identity: string;
}

export async function finalisePdf(pdf: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  // Midnight at the start of the paper's date, in the council's time zone.
  const when = DateTime.fromISO(meta.date, { zone: 'Europe/London' }).startOf('day').toJSDate();
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.producer);
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  doc.setLanguage(meta.lang);
  // A stable file identifier: derived from the content's identity and the metadata, never the clock.
  const id = createHash('sha256').update(JSON.stringify(meta)).digest('hex').slice(0, 32);
  const idArray = PDFArray.withContext(doc.context);
  idArray.push(PDFHexString.of(id));
  idArray.push(PDFHexString.of(id));
  doc.context.trailerInfo.ID = idArray;
  const bytes = await doc.save({ useObjectStreams: true });
  return { bytes, pages: doc.getPageCount() };
}
