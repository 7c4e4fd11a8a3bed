/**
 * Saving a PDF: pdf-lib's compressed-object-stream writer, with the streams it makes (object streams
 * and the cross-reference stream) deflated by Node's zlib rather than pdf-lib's pure-JavaScript pako.
 *
 * pako's deflate was 60% of a save: 55 of 91 ms for the sample pack, and it sets up a fresh 64 KB
 * window for every stream. zlib does the same work in a fifth of the time (the 288-page bench pack saves
 * in 468 ms, not 658; a 28-page paper in 48, not 99). The file layout is pdf-lib's, object for object
 * (this is PDFStreamWriter.computeBufferSize without its event-loop ticks); only the deflated bytes
 * differ, and zlib's, like pako's, are the same for the same input, so builds stay byte-identical.
 *
 * Objects go 200 to a stream, not pdf-lib's 50: each stream sets up its own deflate, and 200 compress
 * as well — a fifth less time and 4% fewer bytes (docs/PERFORMANCE.md).
 */
import { promisify } from 'node:util';
import { deflate, deflateSync } from 'node:zlib';
import { PDFArray, PDFContentStream, PDFContext, PDFCrossRefStream, PDFDict, PDFHeader, PDFInvalidObject, PDFName, PDFNumber, PDFRef, PDFStream, PDFTrailer, PDFWriter, type PDFObject } from 'pdf-lib';

const OBJECTS_PER_STREAM = 200;
const deflateOnPool = promisify(deflate);

const FILTER = PDFName.of('Filter');
const FLATE = PDFName.of('FlateDecode');

/**
 * pdf-lib's own storage of a dictionary's entries and an array's items, read in place: its `entries()`
 * copies a dictionary's entries into a new array on every call, and its `toString` and copier call it for
 * every dictionary — a third of a second of a ten-paper pack's build, with the garbage. (pdf-lib 1.17.1,
 * pinned; checked when this module loads.)
 */
export const entriesOf = (d: PDFDict): Map<PDFName, PDFObject> => (d as unknown as { dict: Map<PDFName, PDFObject> }).dict;
export const itemsOf = (a: PDFArray): PDFObject[] => (a as unknown as { array: PDFObject[] }).array;
{
  const context = PDFContext.create();
  const d = context.obj({ A: 1 });
  const a = context.obj([1]);
  if (!(d instanceof PDFDict) || !(entriesOf(d) instanceof Map) || entriesOf(d).size !== 1 || !(a instanceof PDFArray) || !Array.isArray(itemsOf(a)) || itemsOf(a).length !== 1) {
    throw new Error('pdf-lib keeps dictionaries and arrays differently from the version this was written for (1.17.1)');
  }
}

/** An object's text, as pdf-lib's `toString` writes it, reading dictionaries and arrays in place. */
export function objectText(o: PDFObject): string {
  if (o instanceof PDFDict) {
    let text = '<<\n';
    for (const [key, value] of entriesOf(o)) text += `${key.toString()} ${objectText(value)}\n`;
    return `${text}>>`;
  }
  if (o instanceof PDFArray) {
    let text = '[ ';
    for (const value of itemsOf(o)) text += `${objectText(value)} `;
    return `${text}]`;
  }
  return o.toString();
}

/**
 * An object stream's unencoded contents, as PDFObjectStream makes them, in one pass: each object's text
 * (pdf-lib's `toString`, as `objectText` writes it: the same characters its `copyBytesInto` writes)
 * rather than its size and then its bytes, each of which walks the whole object.
 */
class ObjectStreamContents {
  readonly dict: PDFDict;
  private readonly bytes: Uint8Array;

  constructor(context: PDFContext, objects: readonly [PDFRef, PDFObject][]) {
    let offsets = '';
    let body = '';
    for (const [ref, object] of objects) {
      offsets += `${ref.objectNumber} ${body.length} `;
      body += `${objectText(object)}\n`;
    }
    this.bytes = Buffer.from(offsets + body, 'latin1');
    this.dict = context.obj({ Type: 'ObjStm', N: objects.length, First: offsets.length });
  }

  updateDict(): void {
    this.dict.set(PDFName.Length, PDFNumber.of(this.bytes.length));
  }

  getContents(): Uint8Array {
    return this.bytes;
  }
}

/** A stream built unencoded (an object stream, the cross-reference stream), deflated by zlib. */
class Deflated extends PDFStream {
  private deflated: Uint8Array | undefined;

  constructor(private readonly plain: ObjectStreamContents | PDFCrossRefStream) {
    super(plain.dict);
  }

  override updateDict(): void {
    this.plain.updateDict(); // its own entries (N, First; W, Index) and the unencoded length
    this.dict.set(FILTER, FLATE);
    this.dict.set(PDFName.Length, PDFNumber.of(this.getContentsSize()));
  }

  /** Deflates on libuv's thread pool, while the next stream's objects are written out on this thread. */
  async deflateAside(): Promise<void> {
    this.deflated = await deflateOnPool(this.plain.getContents());
  }

  override getContents(): Uint8Array {
    // Asked for only once the stream is complete (the cross-reference stream takes its last entry first).
    return (this.deflated ??= deflateSync(this.plain.getContents()));
  }

  override getContentsSize(): number {
    return this.getContents().length;
  }
}

/**
 * Content streams pdf-lib draws (the page numbers, 150 bytes a page) are written as they are: deflated,
 * a footer comes out 16 bytes smaller and its `/Filter` costs 20, and pdf-lib's pako sets up a 64 KB
 * window for each one — ≈ 0.15 ms and 300 KB of garbage a page, 570 times in a ten-paper pack's build.
 * A larger one (none is drawn today) is deflated by zlib.
 */
const PLAIN_UNDER = 1024;

/** A drawn stream as it is written: its dictionary (a copy; the stream stays as it was) and its bytes. */
export function drawnAsWritten(source: PDFContentStream, context: PDFContext): { dict: PDFDict; bytes: Uint8Array } {
  const plain = source.getUnencodedContents();
  const small = plain.length < PLAIN_UNDER;
  const dict = source.dict.clone(context);
  if (small) dict.delete(FILTER);
  else dict.set(FILTER, FLATE);
  return { dict, bytes: small ? plain : deflateSync(plain) };
}

class DrawnContent extends PDFStream {
  private readonly bytes: Uint8Array;

  constructor(source: PDFContentStream, context: PDFContext) {
    const { dict, bytes } = drawnAsWritten(source, context);
    super(dict);
    this.bytes = bytes;
  }

  override getContents(): Uint8Array {
    return this.bytes;
  }

  override getContentsSize(): number {
    return this.bytes.length;
  }
}

class ZlibStreamWriter extends PDFWriter {
  static of(context: PDFContext): ZlibStreamWriter {
    return new ZlibStreamWriter(context, Infinity);
  }

  protected override async computeBufferSize() {
    const context = this.context;
    let objectNumber = context.largestObjectNumber + 1;
    const header = PDFHeader.forVersion(1, 7);
    let size = header.sizeInBytes() + 2;
    const xref = PDFCrossRefStream.create(this.createTrailerDict(), false);
    const written: [PDFRef, PDFObject][] = [];
    const chunks: { ref: PDFRef; objects: [PDFRef, PDFObject][] }[] = [];
    for (const indirect of context.enumerateIndirectObjects()) {
      const [ref, object] = indirect;
      const alone = ref === context.trailerInfo.Encrypt || object instanceof PDFStream || object instanceof PDFInvalidObject || ref.generationNumber !== 0;
      if (alone) {
        written.push(object instanceof PDFContentStream ? [ref, new DrawnContent(object, context)] : indirect);
        xref.addUncompressedEntry(ref, size);
        size += this.computeIndirectObjectSize(written[written.length - 1]!);
        continue;
      }
      let chunk = chunks[chunks.length - 1];
      if (!chunk || chunk.objects.length === OBJECTS_PER_STREAM) chunks.push((chunk = { ref: PDFRef.of(objectNumber++), objects: [] }));
      xref.addCompressedEntry(ref, chunk.ref, chunk.objects.length);
      chunk.objects.push(indirect);
    }
    // Each object stream's text is made here, and deflated on the thread pool meanwhile; zlib gives the
    // same bytes either way.
    const streams: Deflated[] = [];
    const deflating: Promise<void>[] = [];
    for (const chunk of chunks) {
      const stream = new Deflated(new ObjectStreamContents(context, chunk.objects));
      streams.push(stream);
      deflating.push(stream.deflateAside());
    }
    await Promise.all(deflating);
    chunks.forEach((chunk, i) => {
      const stream = streams[i]!;
      xref.addUncompressedEntry(chunk.ref, size);
      size += this.computeIndirectObjectSize([chunk.ref, stream]);
      written.push([chunk.ref, stream]);
    });
    const xrefRef = PDFRef.of(objectNumber++);
    xref.dict.set(PDFName.of('Size'), PDFNumber.of(objectNumber));
    xref.addUncompressedEntry(xrefRef, size);
    const xrefOffset = size;
    const xrefStream = new Deflated(xref);
    size += this.computeIndirectObjectSize([xrefRef, xrefStream]);
    written.push([xrefRef, xrefStream]);
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    size += trailer.sizeInBytes();
    return { size, header, indirectObjects: written, trailer };
  }
}

/** The document's bytes, as `doc.save()` would write them with object streams (call `doc.flush()` first). */
export function serialise(context: PDFContext): Promise<Uint8Array> {
  return ZlibStreamWriter.of(context).serializeToBuffer();
}

/** An object to write: its text, or for a stream its dictionary's text and its bytes. */
export interface WrittenObject {
  text: string;
  stream?: Uint8Array | undefined;
}

/**
 * A run of objects numbered `base`, `base + 1`, … and written together as one stretch of the file: its
 * streams, each an object of its own, then its other objects 200 to a deflated object stream, numbered
 * right after its objects (`segmentNumbers` says how many numbers it takes). Nothing in a segment's bytes
 * depends on where in the file it lands, so a segment of an earlier file can be copied as it is
 * (`copied`, with its `layout` as that file's writing returned it).
 */
export type Segment =
  | { base: number; objects: readonly WrittenObject[] }
  /** Objects made only when the segment is written (read back from a file): `streams` says which are streams. */
  | { base: number; streams: readonly boolean[]; load: () => Promise<readonly WrittenObject[]> }
  | { base: number; copied: Uint8Array | (() => Promise<Uint8Array>); layout: SegmentLayout; streams: readonly boolean[] };

/** Where a written file goes, a chunk at a time (a file being written, or memory). */
export type ChunkSink = (chunk: Buffer) => Promise<void> | void;

/** A file's trailer: its catalog, its document information, its ID. */
type Trailer = { root: number; info: number; id: string };

/** A file written: its bytes (when no sink was given), its length, and where each segment landed. */
export interface SegmentsWritten {
  bytes: Uint8Array | undefined;
  size: number;
  segments: { offset: number; length: number; layout: SegmentLayout }[];
}

/** Where a segment's objects are, from its start: each object written whole (a stream, an object stream), in number order. */
export interface SegmentLayout {
  offsets: number[];
}

/** How many object streams a segment of these objects has (`true`: a stream, written as an object of its own). */
const objectStreamsOf = (streams: readonly boolean[]): number => Math.ceil(streams.filter((s) => !s).length / OBJECTS_PER_STREAM);

/** How many objects a segment of these objects writes whole: its streams and its object streams (what its layout lists). */
export function segmentWholeObjects(streams: readonly boolean[]): number {
  return streams.filter(Boolean).length + objectStreamsOf(streams);
}

/** How many object numbers a segment of these objects takes: one each, and one per object stream. */
export function segmentNumbers(streams: readonly boolean[]): number {
  return streams.length + objectStreamsOf(streams);
}

/**
 * A PDF from segments of objects already written out as text, as the pack is (./pack.ts): each segment
 * as `Segment` says, one after the other, then a deflated cross-reference stream. Also returns each
 * segment's place in the file and its layout (what a later file needs to copy it).
 *
 * Given a sink, the file goes to it as it is made, and only the segment being written and the one after
 * it (its object streams deflating on the thread pool meanwhile) are in memory: a pack's memory depends on
 * its largest part, not its length. Without one, the bytes are returned.
 */
export async function writeSegments(segments: readonly Segment[], trailer: Trailer): Promise<SegmentsWritten & { bytes: Uint8Array }>;
export async function writeSegments(segments: readonly Segment[], trailer: Trailer, sink: ChunkSink | undefined): Promise<SegmentsWritten>;
export async function writeSegments(segments: readonly Segment[], trailer: Trailer, sink?: ChunkSink): Promise<SegmentsWritten> {
  // The xref entries: [type, field 2, field 3] per object number (0: the head of the free list).
  const entries: [number, number, number][] = [[0, 0, 65535]];
  const kept: Buffer[] = [];
  const out: ChunkSink = sink ?? ((c) => void kept.push(c));
  let size = 0;
  const push = async (b: Buffer): Promise<void> => {
    size += b.length;
    await out(b);
  };
  await push(Buffer.from('%PDF-1.7\n%\x81\x81\x81\x81\n\n', 'latin1'));
  const placed: { offset: number; length: number; layout: SegmentLayout }[] = [];
  // Each segment on its way (read back, its object streams deflating) while the one before is written.
  let next = segments.length > 0 ? segmentWriting(segments[0]!, entries) : undefined;
  for (let i = 0; i < segments.length; i++) {
    const w = next!;
    next = i + 1 < segments.length ? segmentWriting(segments[i + 1]!, entries) : undefined;
    next?.done.catch(() => undefined); // awaited on its turn
    const offset = size;
    const { chunks: segmentChunks, offsets } = await w.done;
    if (offsets.length !== w.whole.length) throw new Error(`a copied segment lists ${offsets.length} objects where it has ${w.whole.length}`);
    w.whole.forEach((n, k) => (entries[n] = [1, offset + offsets[k]!, 0]));
    for (const c of segmentChunks) await push(c);
    placed.push({ offset, length: size - offset, layout: { offsets } });
  }
  await push(crossReference(entries, size, trailer));
  return { bytes: sink ? undefined : Buffer.concat(kept, size), size, segments: placed };
}

/**
 * One segment's part of the file, on its way: its whole objects in number order (its streams, then its
 * object streams), and their chunks with each one's offset in the segment — object streams deflated on the
 * thread pool meanwhile, a copied segment as it was. Sets the xref entries of its objects in object streams.
 */
function segmentWriting(seg: Segment, entries: [number, number, number][]): { whole: number[]; done: Promise<{ chunks: Buffer[]; offsets: number[] }> } {
  const streams = 'objects' in seg ? seg.objects.map((o) => o.stream !== undefined) : seg.streams;
  // Object numbers: the objects, then their object streams; objects not streams go 200 to an object stream.
  const groupOf: number[] = [];
  let plain = 0;
  streams.forEach((isStream, i) => {
    if (isStream) return;
    const g = Math.floor(plain++ / OBJECTS_PER_STREAM);
    groupOf[i] = g;
    entries[seg.base + i] = [2, seg.base + streams.length + g, (plain - 1) % OBJECTS_PER_STREAM];
  });
  const groups = Math.ceil(plain / OBJECTS_PER_STREAM);
  // Whole objects in number order: the streams, then the object streams.
  const whole = [...streams.flatMap((isStream, i) => (isStream ? [seg.base + i] : [])), ...Array.from({ length: groups }, (_, g) => seg.base + streams.length + g)];
  if ('copied' in seg) {
    const { copied, layout } = seg;
    const done = (async () => {
      const bytes = typeof copied === 'function' ? await copied() : copied;
      return { chunks: [Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)], offsets: layout.offsets };
    })();
    return { whole, done };
  }
  const done = (async () => {
    const objects = 'objects' in seg ? seg.objects : await seg.load();
    if (objects.length !== streams.length || objects.some((o, i) => (o.stream !== undefined) !== streams[i])) throw new Error(`a segment read back has other objects than it was laid out with`);
    const texts: { offsets: string; body: string; n: number }[] = Array.from({ length: groups }, () => ({ offsets: '', body: '', n: 0 }));
    objects.forEach((o, i) => {
      if (o.stream) return;
      const g = texts[groupOf[i]!]!;
      g.offsets += `${seg.base + i} ${g.body.length} `;
      g.body += `${o.text}\n`;
      g.n += 1;
    });
    const deflating = texts.map((g) => deflateOnPool(Buffer.from(g.offsets + g.body, 'latin1')));
    const chunks: Buffer[] = [];
    const offsets: number[] = [];
    let size = 0;
    const push = (b: Buffer): void => {
      chunks.push(b);
      size += b.length;
    };
    objects.forEach((o, i) => {
      if (!o.stream) return;
      offsets.push(size);
      push(Buffer.from(`${seg.base + i} 0 obj\n${o.text}\nstream\n`, 'latin1'));
      push(Buffer.from(o.stream.buffer, o.stream.byteOffset, o.stream.byteLength));
      push(Buffer.from('\nendstream\nendobj\n\n', 'latin1'));
    });
    const deflated = await Promise.all(deflating);
    texts.forEach((g, gi) => {
      offsets.push(size);
      push(Buffer.from(`${seg.base + streams.length + gi} 0 obj\n<<\n/Type /ObjStm\n/N ${g.n}\n/First ${g.offsets.length}\n/Filter /FlateDecode\n/Length ${deflated[gi]!.length}\n>>\nstream\n`, 'latin1'));
      push(deflated[gi]!);
      push(Buffer.from('\nendstream\nendobj\n\n', 'latin1'));
    });
    return { chunks, offsets };
  })();
  return { whole, done };
}

/** The cross-reference stream and the file's end, once every object's offset is known (`size`: where it starts). */
function crossReference(entries: [number, number, number][], size: number, trailer: Trailer): Buffer {
  const next = entries.length;
  for (let n = 1; n < next; n++) if (!entries[n]) throw new Error(`object ${n} was never written`);
  const xrefNumber = next;
  const count = next + 1;
  entries[xrefNumber] = [1, size, 0];
  const table = Buffer.alloc(count * 7);
  for (let n = 0; n < count; n++) {
    const [type, a, b] = entries[n]!;
    table.writeUInt8(type, n * 7);
    table.writeUInt32BE(a, n * 7 + 1);
    table.writeUInt16BE(b, n * 7 + 5);
  }
  const xref = deflateSync(table);
  const head = `${xrefNumber} 0 obj\n<<\n/Type /XRef\n/Size ${count}\n/Root ${trailer.root} 0 R\n/Info ${trailer.info} 0 R\n/ID [ <${trailer.id}> <${trailer.id}> ]\n/W [ 1 4 2 ]\n/Index [ 0 ${count} ]\n/Filter /FlateDecode\n/Length ${xref.length}\n>>\nstream\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), xref, Buffer.from(`\nendstream\nendobj\n\nstartxref\n${size}\n%%EOF`, 'latin1')]);
}
