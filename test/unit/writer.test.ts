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
import { objectText, serialise } from '../../src/print/writer.js';

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
