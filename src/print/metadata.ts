/**
 * Fixing a Chromium PDF's metadata so the same inputs give the same bytes: title, author, subject,
 * language, creator and producer are set from the paper; the creation and modification dates are
 * the paper's own date (never the clock); the file ID is derived from the content.
 *
 * pdf-lib only rewrites the document here (no page copying), which keeps the structure tree (tags),
 * the outline and the language, and packs objects into streams (a smaller file).
 */
import { createHash } from 'node:crypto';
import { canonicaliseIds } from './merge.js';
import { DateTime } from 'luxon';
import { ParseSpeeds, PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { serialise } from './writer.js';

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
  /** The document's headings, to mend bookmark titles Chromium ran together at a line break. */
  headings?: string[] | undefined;
}

/**
 * A PDF opened for editing, parsed in one go (pdf-lib's default parses 100 objects per event-loop tick,
 * which doubles the time for a tagged paper's tens of thousands of objects). Metadata is left as it is.
 */
export function openPdf(bytes: Uint8Array, options: { strict?: boolean } = {}): Promise<PDFDocument> {
  // strict: an object that cannot be parsed stops the load (pdf-lib would otherwise log it and go on).
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, throwOnInvalidObject: options.strict === true });
}

/**
 * A Chromium PDF (its bytes, or as just opened) made ready to publish: `edit` (e.g. page numbers),
 * canonical structure IDs, metadata. Also returns the document as saved, still open, for a pack to copy
 * from without parsing the bytes again (what is copied from it is what a later build copies from the
 * bytes: the same pack).
 */
export async function finalisePdf(pdf: Uint8Array | PDFDocument, meta: PdfMetadata, edit?: (doc: PDFDocument) => Promise<void>): Promise<{ bytes: Uint8Array; pages: number; doc: PDFDocument }> {
  const doc = pdf instanceof PDFDocument ? pdf : await openPdf(pdf);
  if (edit) await edit(doc);
  // Chromium's structure-element IDs carry its DOM node numbers, which depend on what the browser
  // printed before: renamed by position, the same HTML gives the same PDF whatever came before it. Its
  // PDF 2.0 structure types are role-mapped to PDF 1.7's on the way.
  canonicaliseIds(doc);
  return { ...(await finaliseDocument(doc, meta)), doc };
}

/** The same, for a document already open: metadata set, and saved. */
export async function finaliseDocument(doc: PDFDocument, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  applyMetadata(doc, meta);
  const pages = doc.getPageCount();
  // doc.save() with object streams, less its event-loop ticks (a paper has tens of thousands of
  // objects), 200 objects to a stream and zlib's deflate (writer.ts).
  await doc.flush();
  const bytes = await serialise(doc.context);
  return { bytes, pages };
}

/**
 * Title, author, subject, keywords, creator, producer, dates (the document's own, never the clock),
 * language and a file ID derived from the content: set in the document (its info dictionary, catalog and
 * trailer). Returns the file ID (hex).
 */
export function applyMetadata(doc: PDFDocument, meta: PdfMetadata): string {
  if (meta.headings) fixOutlineTitles(doc, meta.headings);
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
  // PDF/UA identification: the XMP packet a checker reads first, and the document marked as tagged.
  const xmp = doc.context.stream(new Uint8Array(Buffer.from(xmpPacket(meta, when), 'utf8')), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  const markInfo = doc.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict) ?? doc.context.obj({});
  markInfo.set(PDFName.of('Marked'), PDFBool.True);
  doc.catalog.set(PDFName.of('MarkInfo'), markInfo);
  // A stable file identifier: derived from the content's identity and the metadata, never the clock.
  const id = createHash('sha256').update(JSON.stringify(meta)).digest('hex').slice(0, 32);
  const idArray = PDFArray.withContext(doc.context);
  idArray.push(PDFHexString.of(id));
  idArray.push(PDFHexString.of(id));
  doc.context.trailerInfo.ID = idArray;
  return id;
}

const xml = (t: string): string => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The document's XMP metadata (ISO 16684-1): Dublin Core title, language, author, subject and keywords,
 * the producer and creator tool, the document's own dates, and `pdfuaid:part 1` — the identification a
 * PDF/UA-1 checker looks for before it reads a tag. Uncompressed, as PDF/A and PDF/UA expect.
 */
export function xmpPacket(meta: Pick<PdfMetadata, 'title' | 'author' | 'subject' | 'keywords' | 'lang' | 'creator' | 'producer'>, when: Date): string {
  const date = DateTime.fromJSDate(when, { zone: 'Europe/London' }).toISO({ suppressMilliseconds: true })!;
  const alt = (t: string): string => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(t)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(meta.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(meta.subject)}</dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${xml(meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<pdf:Producer>${xml(meta.producer)}</pdf:Producer>`,
    `<pdf:Keywords>${xml(meta.keywords.join('; '))}</pdf:Keywords>`,
    `<xmp:CreatorTool>${xml(meta.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/**
 * Chromium builds bookmark titles from a heading's line boxes and drops the space where a long
 * heading wraps ("23 January2017"). Each title that matches one of the document's headings but for
 * whitespace is given that heading's text.
 */
export function fixOutlineTitles(doc: PDFDocument, headings: readonly string[]): void {
  const squash = (t: string): string => t.replace(/\s+/g, '');
  const byShape = new Map(headings.map((h) => [squash(h), h]));
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const visit = (first: PDFDict | undefined): void => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const raw = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
      const title = raw?.decodeText();
      const fixed = title !== undefined ? byShape.get(squash(title)) : undefined;
      if (fixed !== undefined && fixed !== title) item.set(PDFName.of('Title'), PDFHexString.fromText(fixed));
      visit(item.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  visit(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
}

/** The text of every heading in an HTML document we made (tags dropped, entities decoded). */
export function headingTexts(html: string): string[] {
  const decode = (t: string): string =>
    t.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
    );
  return [...html.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)].map((m) => decode(m[1]!.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim());
}
