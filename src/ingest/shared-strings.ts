/**
 * The workbook's shared strings (xl/sharedStrings.xml) without their phonetic guides, on the way to
 * exceljs. A string typed with a Japanese input method carries its reading beside it —
 * `<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>` — and exceljs's reader kept the guide's text
 * in place of the cell's, without a word. Excel shows only the cell's text; so does the paper.
 *
 * Streamed: each `<rPh …>…</rPh>` is dropped as the chunks pass, one cut across two chunks included; the
 * rest goes on byte for byte.
 */

const OPEN = Buffer.from('<rPh', 'latin1');
const CLOSE = Buffer.from('</rPh>', 'latin1');

/** Whether `buf` ends with the start of `tag` (a tag cut off by the chunk's end), from `from` on. */
function endsWithStartOf(buf: Buffer, from: number, tag: Buffer): number {
  for (let n = Math.min(tag.length - 1, buf.length - from); n > 0; n--) {
    if (buf.subarray(buf.length - n).equals(tag.subarray(0, n))) return buf.length - n;
  }
  return -1;
}

/** Is the `<rPh` at `at` the element's start (`<rPh>` or `<rPh …`), not another tag that begins the same way? */
const isGuide = (buf: Buffer, at: number): boolean => {
  const next = buf[at + OPEN.length];
  return next === undefined || next === 0x3e /* > */ || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d || next === 0x2f /* / */;
};

export async function* withoutPhoneticGuides(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    const buf = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    carry = undefined;
    const out: Buffer[] = [];
    let pos = 0;
    for (;;) {
      let open = buf.indexOf(OPEN, pos);
      while (open >= 0 && open + OPEN.length < buf.length && !isGuide(buf, open)) open = buf.indexOf(OPEN, open + 1);
      if (open < 0) {
        // Nothing more to drop here; hold back a "<rP" cut off at the end.
        const cut = endsWithStartOf(buf, pos, OPEN);
        const end = cut >= 0 ? cut : buf.length;
        if (end > pos) out.push(buf.subarray(pos, end));
        if (end < buf.length) carry = Buffer.from(buf.subarray(end));
        break;
      }
      if (open > pos) out.push(buf.subarray(pos, open));
      // `<rPh/>` (empty) ends at its own tag; else at `</rPh>`. Not whole yet: kept for the next chunk.
      const tagEnd = buf.indexOf('>', open, 'latin1');
      const selfClosed = tagEnd > 0 && buf[tagEnd - 1] === 0x2f;
      const close = selfClosed ? tagEnd + 1 : tagEnd < 0 ? -1 : buf.indexOf(CLOSE, tagEnd);
      if (close < 0 || open + OPEN.length >= buf.length) {
        carry = Buffer.from(buf.subarray(open));
        break;
      }
      pos = selfClosed ? close : close + CLOSE.length;
    }
    if (out.length > 0) yield out.length === 1 ? out[0]! : Buffer.concat(out);
  }
  if (carry !== undefined && carry.length > 0) yield carry; // a part cut off: passed on for the reader to report
}

/**
 * Marks a rich text (a shared string's value, as exceljs gives it to every cell that uses it) with a run
 * struck through: exceljs's reader keeps each run's bold, italic, colour… but drops its strike, so a
 * milestone struck through among others in one cell would be read without a word.
 */
export const STRUCK_IN_PART: unique symbol = Symbol('a run of this rich text is struck through');

/** What was noted of the shared strings as they passed: the index of each one with a run struck through. */
export interface SharedStringNotes {
  struck: Set<number>;
}

const TAG = /<si[\s>/]|<strike\b([^>]*)>/g;
const OFF = /\bval\s*=\s*["'](?:0|false)["']/;

/** Passes the chunks on unchanged, noting each `<si>` with a `<strike/>` run (not `<strike val="0"/>`). */
export async function* notingStrikes(chunks: AsyncIterable<Buffer>, notes: SharedStringNotes): AsyncGenerator<Buffer> {
  let index = -1;
  let tail = '';
  for await (const chunk of chunks) {
    const s = tail + chunk.toString('latin1');
    // A tag cut off at the end is looked at with the next chunk (text never holds a "<": it is escaped).
    const cut = s.lastIndexOf('<');
    const whole = cut >= 0 && s.indexOf('>', cut) < 0 ? cut : s.length;
    tail = s.slice(whole);
    for (const m of s.slice(0, whole).matchAll(TAG)) {
      if (m[1] === undefined) index += 1;
      else if (index >= 0 && !OFF.test(m[1])) notes.struck.add(index);
    }
    yield chunk;
  }
}
