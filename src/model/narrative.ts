/**
 * The author's narrative: the paper's fixed parts (from the Markdown file's front matter) and its body
 * of sections, as Markdown text.
 */

/** The front matter of a narrative file (ingest/narrative.ts checks it; docs/CONFIG.md documents it). */
export interface FrontMatter {
  /** "Report of the Director of Children's Services". */
  reportOf: string;
  summary: string;
  /** "the Panel", "Cabinet": "That the Panel: …". */
  recommendationsTo: string;
  recommendations: string[];
  /** "Jo Whitfield, Improvement Programme Manager, 01632 960 233". */
  contactOfficer?: string | undefined;
  /** Wards affected. */
  wards: string;
  keyDecision: boolean;
  /** The implications every committee report states, each Markdown; a missing one prints "None identified." */
  implications: { financial?: string | undefined; legal?: string | undefined; equality?: string | undefined; risk?: string | undefined; safeguarding?: string | undefined };
  contacts: string[];
  backgroundPapers: string[];
}

export interface Narrative {
  front: FrontMatter;
  /** Markdown body, front matter removed. */
  body: string;
  /** Line of the body's first line in the file (for messages). */
  bodyLine: number;
  source: { file: string; sha256: string };
}
