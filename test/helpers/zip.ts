/**
 * Zips for tests: a workbook's parts, and a small zip writer that can also lie (declared sizes, flags) —
 * for workbooks as other programs write them (tab order, absolute targets, chart sheets) and for the
 * hostile corpus (scripts/make-hostile.ts), which needs zips no program would save.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipPart {
  name: string;
  data: Buffer;
  /** Declared uncompressed size, when it should lie. */
  declare?: number;
  flags?: number;
}

/**
 * The fields a part's local header and its central-directory entry share, from `at` (flags, method,
 * time and date, CRC, sizes, name length): the same bytes in both, two bytes further on in the second.
 */
function shared(header: Buffer, at: number, p: ZipPart, crc: number, stored: number, name: Buffer): void {
  header.writeUInt16LE(p.flags ?? 0, at);
  header.writeUInt16LE(8, at + 2); // deflate
  header.writeUInt32LE(crc, at + 8);
  header.writeUInt32LE(stored, at + 12);
  header.writeUInt32LE(p.declare ?? p.data.length, at + 16);
  header.writeUInt16LE(name.length, at + 20);
}

/** A zip of the parts, in the order given, each deflated. */
export function zip(parts: ZipPart[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const body = deflateRawSync(p.data, { level: 9 });
    const crc = crc32(p.data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    shared(h, 6, p, crc, body.length, name);
    local.push(h, name, body);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    shared(c, 8, p, crc, body.length, name);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += h.length + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

/** Every entry of a zip (folders too), in the zip's order. */
export async function zipParts(bytes: Buffer): Promise<ZipPart[]> {
  const z = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.fromBuffer(bytes, { lazyEntries: true }, (e, f) => (e ? rej(e) : res(f))));
  const parts: ZipPart[] = [];
  await new Promise<void>((res, rej) => {
    z.on('entry', (entry: yauzl.Entry) => {
      z.openReadStream(entry, (err, s) => {
        if (err) return rej(err);
        const chunks: Buffer[] = [];
        s.on('data', (c: Buffer) => chunks.push(c));
        s.on('end', () => {
          parts.push({ name: entry.fileName, data: Buffer.concat(chunks) });
          z.readEntry();
        });
        s.on('error', rej);
      });
    });
    z.on('end', () => res());
    z.on('error', rej);
    z.readEntry();
  });
  return parts;
}
