/**
 * src/print/writer.ts saves as pdf-lib's own object-stream writer does, with zlib's deflate: the same
 * objects come back (a stream's contents as decoded: small drawn content streams are written plain),
 * poppler reads the file, and the same document gives the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { objectText, segmentNumbers, serialise, writeSegments, type Segment, type WrittenObject } from '../../src/print/writer.js';

/** A document of many small objects (more than one 200-object stream's worth) and content streams. */
async function sample(): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 60; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Page ${i}: Children’s services improvement plan`, { x: 50, y: 780, size: 12, font });
    for (let k = 0; k < 5; k++) doc.context.register(doc.context.obj({ Type: 'Note', Page: i, K: k, Text: `note ${i}.${k}` }));
  }
  await doc.flush();
  return doc;
}

/** Every indirect object of a saved file, as text, by object number (object and xref streams excluded). */
async function objects(bytes: Uint8Array): Promise<Map<number, string>> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out = new Map<number, string>();
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    let text = obj.toString();
    if (obj instanceof PDFRawStream) {
      const dict = obj.dict.clone();
      dict.delete(PDFName.of('Filter'));
      dict.delete(PDFName.of('Length'));
      text = `${dict.toString()}\nstream\n${Buffer.from(decodePDFRawStream(obj).decode()).toString('latin1')}`;
    }
    if (!/\/Type \/(ObjStm|XRef)\b/.test(text)) out.set(ref.objectNumber, text);
  }
  return out;
}

describe('saving with zlib-deflated object streams', () => {
  it('gives back every object pdf-lib’s own writer gives, in streams poppler reads', async () => {
    const doc = await sample();
    const ours = await serialise(doc.context);
    const theirs = await doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
    expect(await objects(ours)).toEqual(await objects(theirs));
    expect((await objects(ours)).size).toBeGreaterThan(400);
    // The pages' drawn text: a content stream under 1 KB, written as it is (no /Filter).
    const saved = await PDFDocument.load(ours, { updateMetadata: false });
    const contents = saved.getPage(0).node.get(PDFName.of('Contents'));
    const first = saved.context.lookup(contents instanceof PDFArray ? contents.get(0) : contents);
    expect(first).toBeInstanceOf(PDFRawStream);
    expect((first as PDFRawStream).dict.has(PDFName.of('Filter'))).toBe(false);
    expect(Buffer.from((first as PDFRawStream).contents).toString('latin1')).toContain('Tj');
    // Two or more object streams, each deflated.
    expect(Buffer.from(ours).toString('latin1').match(/\/Type \/ObjStm/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'writer-')), 'w.pdf');
    writeFileSync(file, ours);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+60/);
    const text = execFileSync('pdftotext', ['-f', '60', '-l', '60', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Page 60: Children’s services improvement plan');
  });

  it('writes the same bytes for the same document', async () => {
    const a = await serialise((await sample()).context);
    const b = await serialise((await sample()).context);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('writes each object’s text as pdf-lib’s toString does, for every object of real PDFs', async () => {
    const docs = [await sample(), await PDFDocument.load(readFileSync('data/sample/minutes-2017-01-23.pdf'), { updateMetadata: false })];
    let compared = 0;
    for (const doc of docs) {
      for (const [, object] of doc.context.enumerateIndirectObjects()) {
        const o = object instanceof PDFRawStream ? object.dict : object; // a stream's dictionary is written the same way
        expect(objectText(o)).toBe(o.toString());
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(400);
  });
});

describe('writing a PDF in segments (the pack)', () => {
  /** A catalog and page tree; a page, its content, its font and 250 notes (two object streams); an info dictionary. */
  const segments = (): Segment[] => {
    const head: WrittenObject[] = [{ text: '<< /Type /Catalog /Pages 2 0 R >>' }, { text: '<< /Type /Pages /Kids [ 4 0 R ] /Count 1 >>' }];
    expect(segmentNumbers(head.map((o) => o.stream !== undefined))).toBe(3); // 1, 2 and their object stream, 3
    const content = Buffer.from('BT /F1 12 Tf 20 100 Td (Hello segment) Tj ET', 'latin1');
    const page: WrittenObject[] = [
      { text: '<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 200 200 ] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>' },
      { text: `<< /Length ${content.length} >>`, stream: content },
      { text: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
      ...Array.from({ length: 250 }, (_, i) => ({ text: `<< /Type /Note /K ${i} >>` })),
    ];
    expect(segmentNumbers(page.map((o) => o.stream !== undefined))).toBe(255); // 253 objects, 2 object streams
    return [
      { base: 1, objects: head },
      { base: 4, objects: page },
      { base: 259, objects: [{ text: '<< /Title (Segments) >>' }] },
    ];
  };
  const trailer = { root: 1, info: 259, id: '00112233445566778899aabbccddeeff' };

  it('writes a file poppler reads, and the same bytes when segments are copied from it', async () => {
    const first = await writeSegments(segments(), trailer);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'segments-')), 's.pdf');
    writeFileSync(file, first.bytes);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Title:\s+Segments[\s\S]*Pages:\s+1/);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Hello segment');
    const doc = await PDFDocument.load(first.bytes, { updateMetadata: false });
    expect(doc.context.enumerateIndirectObjects().filter(([, o]) => o.toString().includes('/Type /Note')).length).toBe(250);

    // The page's segment, then every segment, copied from the file as written: the same file.
    const copy = (i: number, from: Segment): Segment => {
      const { offset, length, layout } = first.segments[i]!;
      const objects = 'objects' in from ? from.objects : [];
      return { base: from.base, copied: first.bytes.subarray(offset, offset + length), layout, streams: objects.map((o) => o.stream !== undefined) };
    };
    const fresh = segments();
    const pageCopied = await writeSegments([fresh[0]!, copy(1, fresh[1]!), fresh[2]!], trailer);
    expect(Buffer.from(pageCopied.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    const allCopied = await writeSegments(fresh.map((seg, i) => copy(i, seg)), trailer);
    expect(Buffer.from(allCopied.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    // A copied segment whose layout does not list its objects is refused, not written wrong.
    const wrong = { ...copy(1, fresh[1]!), layout: { offsets: first.segments[1]!.layout.offsets.slice(1) } };
    await expect(writeSegments([fresh[0]!, wrong, fresh[2]!], trailer)).rejects.toThrow(/lists 2 objects where it has 3/);
  });
});
