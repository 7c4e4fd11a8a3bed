/**
 * How much a source may be: the largest file, the most rows, the most a workbook may inflate to
 * (`limits:` in the config; docs/CONFIG.md). A source over a limit is refused with TooLarge.
 */

export interface Limits {
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** Most data rows read from one table. */
  maxRows: number;
  /** Most bytes a workbook's parts may inflate to (a zip bomb stops here). */
  maxInflatedBytes: number;
}

export const DEFAULT_LIMITS: Limits = { maxBytes: 50 * 1024 * 1024, maxRows: 1_000_000, maxInflatedBytes: 256 * 1024 * 1024 };

/** "812 bytes", "11.9 KB", "52.3 MB". */
export function sizeText(n: number): string {
  if (n < 10 * 1024) return `${n.toLocaleString('en-GB')} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1048576).toFixed(1)} MB`;
}
