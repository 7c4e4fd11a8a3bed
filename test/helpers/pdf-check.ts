/**
 * The in-house PDF check: what a PDF/UA-1 checker looks at first, asserted on a real PDF read back with
 * pdf.js (the XMP packet, each page's marked content) and pdf-lib (the catalog and the structure tree).
 * Returns every failure found, as lines; an empty list is a pass.
 *
 * - XMP metadata with `pdfuaid:part` 1 and a `dc:title`;
 * - the catalog's /Lang, /ViewerPreferences /DisplayDocTitle true, /MarkInfo /Marked true, a structure tree;
 * - on every page, every piece of text inside marked content that is tagged (has an MCID) or an
 *   Artifact — none loose;
 * - every Figure (after the role map) with a non-empty /Alt, every Table with a TH among its cells.
 */
import { readFileSync } from 'node:fs';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from 'pdf-lib';

const N = (n: string): PDFName => PDFName.of(n);

function text(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
}

/** Every failure of the check for one PDF (empty when it passes). */
export async function checkPdf(file: string): Promise<string[]> {
  const bytes = readFileSync(file);
  const failures: string[] = [];

  // Catalog and structure tree (pdf-lib).
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const cat = doc.catalog;
  const lang = text(cat.lookup(N('Lang')));
  if (!lang) failures.push('no /Lang in the catalog');
  const prefs = cat.lookupMaybe(N('ViewerPreferences'), PDFDict);
  if (prefs?.lookup(N('DisplayDocTitle')) !== PDFBool.True) failures.push('/ViewerPreferences /DisplayDocTitle is not true');
  const mark = cat.lookupMaybe(N('MarkInfo'), PDFDict);
  if (mark?.lookup(N('Marked')) !== PDFBool.True) failures.push('/MarkInfo /Marked is not true');
  const root = cat.lookupMaybe(N('StructTreeRoot'), PDFDict);
  if (!root) failures.push('no structure tree (/StructTreeRoot)');
  else failures.push(...structureFailures(root));

  // XMP and each page's content (pdf.js).
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const md = await pdf.getMetadata();
    const xmp = md.metadata;
    if (!xmp) failures.push('no XMP metadata stream');
    else {
      if (xmp.get('pdfuaid:part') !== '1') failures.push(`XMP pdfuaid:part is ${JSON.stringify(xmp.get('pdfuaid:part'))}, not 1`);
      if (!xmp.get('dc:title')) failures.push('XMP has no dc:title');
      if (!xmp.get('dc:language')) failures.push('XMP has no dc:language');
    }
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const covered: boolean[] = [];
      const loose: string[] = [];
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
            const m = item as { tag?: string; id?: string | null };
            covered.push(covered.at(-1) === true || m.tag === 'Artifact' || (m.id !== undefined && m.id !== null));
          } else if (item.type === 'endMarkedContent') covered.pop();
        } else if ('str' in item && item.str.trim() !== '' && covered.at(-1) !== true) loose.push(item.str.trim());
      }
      if (loose.length > 0) failures.push(`page ${i}: ${loose.length} pieces of text neither tagged nor an artifact, e.g. ${JSON.stringify(loose.slice(0, 3).join(' | '))}`);
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return failures;
}

/** Figures without /Alt and Tables without TH, by walking the structure tree from its root. */
function structureFailures(root: PDFDict): string[] {
  const roleMap = root.lookupMaybe(N('RoleMap'), PDFDict);
  const role = (s: string): string => {
    let r = s;
    for (let hops = 0; hops < 10; hops++) {
      const next = roleMap?.lookup(N(r));
      if (!(next instanceof PDFName) || next.decodeText() === r) break;
      r = next.decodeText();
    }
    return r;
  };
  const failures: string[] = [];
  let figures = 0;
  let unlabelled = 0;
  let tables = 0;
  let headless = 0;
  const seen = new Set<PDFDict>();
  const kids = (e: PDFDict): PDFDict[] => {
    const k = e.lookup(N('K'));
    const list = k instanceof PDFArray ? k.asArray().map((x) => e.context.lookup(x)) : [k];
    return list.filter((x): x is PDFDict => x instanceof PDFDict && x.lookup(N('S')) instanceof PDFName);
  };
  const hasTh = (e: PDFDict): boolean => kids(e).some((c) => role((c.lookup(N('S')) as PDFName).decodeText()) === 'TH' || hasTh(c));
  const visit = (e: PDFDict): void => {
    if (seen.has(e)) return;
    seen.add(e);
    const s = e.lookup(N('S'));
    if (s instanceof PDFName) {
      const r = role(s.decodeText());
      if (r === 'Figure') {
        figures += 1;
        if (!text(e.lookup(N('Alt')))?.trim()) unlabelled += 1;
      }
      if (r === 'Table') {
        tables += 1;
        if (!hasTh(e)) headless += 1;
      }
    }
    for (const c of kids(e)) visit(c);
  };
  const top = root.lookup(N('K'));
  const tops = top instanceof PDFArray ? top.asArray().map((x) => root.context.lookup(x)) : [top];
  for (const t of tops) if (t instanceof PDFDict) visit(t);
  if (unlabelled > 0) failures.push(`${unlabelled} of ${figures} Figures have no /Alt`);
  if (headless > 0) failures.push(`${headless} of ${tables} Tables have no TH`);
  return failures;
}
