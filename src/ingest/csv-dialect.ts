/**
 * What separates a CSV's fields, and how its numbers are written, read from its first lines.
 *
 * Excel's "CSV" puts Windows' list separator between fields: a comma on a computer set to the UK, a
 * semicolon on one set to most of Europe, where the decimal separator is then a comma ("86,2") and a
 * point groups thousands ("1.204"). "Text (Tab delimited)" puts tabs. Each is told by the separator that
 * splits the first lines most evenly (quoted text left out), a comma when none does better.
 *
 * A semicolon file's numbers are read by its own convention when its fields show it (or show nothing
 * either way, as Excel would have written them): "86,2" is 86.2, "1.204,5" is 1204.5, "1.204" is 1204.
 * Where its fields are written with decimal points ("86.2"), they are read as written. Either way the
 * reader says how it read the file (CsvSemicolons), as a figure read by the wrong convention would be
 * wrong without a word.
 */

export interface CsvDialect {
  delimiter: ',' | ';' | '\t';
  /** Numbers written with a decimal comma and points grouping thousands (semicolon files only). */
  decimalComma: boolean;
}

const CANDIDATES = [',', '\t', ';'] as const;
/** Lines looked at: enough to see past a title or two, few enough to stay quick. */
const SNIFF_LINES = 50;

/** A number by the comma convention: "86,2", "-0,5 %", "1.204", "12.345,67". */
const COMMA_NUMBER = /^([-+]?)([1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,(\d+))?(\s?%)?$/;
/** A number written with a decimal point that cannot be thousands grouping ("86.2", "0.862", "1.25"). */
const POINT_NUMBER = /^[-+]?(\d*\.\d{1,2}|\d*\.\d{4,}|0\.\d+)\s?%?$/;

/** The separator and number convention of a CSV, from its first bytes as text. */
export function sniffDialect(head: string): CsvDialect {
  const lines = head.split(/\r?\n/);
  if (lines.length > 1) lines.pop(); // the last may be cut short
  const sample = lines.slice(0, SNIFF_LINES).map((l) => l.replace(/"(?:[^"]|"")*"/g, '""')).filter((l) => l.trim() !== '');
  let best: { delimiter: CsvDialect['delimiter']; even: number } = { delimiter: ',', even: 0 };
  for (const d of CANDIDATES) {
    const counts = sample.map((l) => l.split(d).length - 1);
    const tally = new Map<number, number>();
    for (const c of counts) if (c > 0) tally.set(c, (tally.get(c) ?? 0) + 1);
    const even = Math.max(0, ...tally.values());
    if (even > best.even) best = { delimiter: d, even };
  }
  if (best.delimiter !== ';') return { delimiter: best.delimiter, decimalComma: false };
  const fields = sample.flatMap((l) => l.split(';').map((f) => f.trim()));
  const commas = fields.filter((f) => /,/.test(f) && COMMA_NUMBER.test(f)).length;
  const points = fields.filter((f) => POINT_NUMBER.test(f)).length;
  return { delimiter: ';', decimalComma: commas >= points };
}

/** A field of a decimal-comma file as the rest of the reader expects numbers: "86,2" → "86.2", "1.204" → "1204". */
export function withDecimalPoint(field: string): string {
  if (!/[.,]/.test(field)) return field;
  const m = COMMA_NUMBER.exec(field.trim());
  if (!m) return field;
  const [, sign, whole, fraction, percent] = m;
  return `${sign}${whole!.replace(/\./g, '')}${fraction !== undefined ? `.${fraction}` : ''}${percent ?? ''}`;
}
