/** What a hostile-input case (test/fixtures/hostile/<case>/case.yaml) says must happen: written by
 * scripts/make-hostile.ts, checked by test/e2e/hostile.test.ts. */
export interface HostileCase {
  what: string;
  /** The command and its arguments after the config (default: build). */
  command?: 'build' | 'validate' | 'run';
  config?: string;
  flags?: string[];
  exit: number;
  /** Every problem line, exactly, in order (without the two leading spaces). */
  problems?: string[];
  /** Lines (or parts of lines) stderr must hold, e.g. warnings. */
  stderrHas?: string[];
  /** exit 0: what the paper's HTML must and must not hold. */
  html?: { has?: string[]; hasNot?: string[] };
  /** exit 0: what the appendix CSVs (all of them, joined) must and must not hold. */
  csv?: { has?: string[]; hasNot?: string[] };
  /** exit 0: what the published pack must and must not hold (in the text of any of its objects), and it passes the PDF check. */
  pack?: { has?: string[]; hasNot?: string[] };
  /** exit 0: a pattern one published PDF's name must match (names made from titles). */
  names?: string;
}
