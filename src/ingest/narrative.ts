/**
 * The author's narrative: a Markdown file whose YAML front matter holds the paper's fixed parts
 * (report of, summary, recommendations, contacts) and whose body holds the sections.
 *
 * Policy: the front matter is validated by one zod schema; every problem is reported at once with
 * its line. The body is kept as Markdown text; render turns it into escaped HTML (raw HTML in the
 * Markdown is shown as text, never passed through).
 */
import { z } from 'zod';
import YAML, { LineCounter } from 'yaml';
import { lineOf, unknownKeysExpected, unknownKeysFound, yamlValue } from '../config/index.js';
import { problem, PapersError, shown } from '../errors.js';
import type { FrontMatter, Narrative } from '../model/index.js';

const text = z.string({ error: 'some text' }).trim().min(1, { error: 'some text' });

const frontMatterSchema = z
  .object({
    reportOf: text, // "Report of the Director of Children's Services"
    summary: text,
    recommendationsTo: text.default('the Committee'), // "That the Panel: …"
    recommendations: z.array(text, { error: 'a list of recommendations' }).min(1, { error: 'at least one recommendation' }),
    contactOfficer: text.optional(), // "Jo Whitfield, Improvement Programme Manager, 01632 960 233"
    wards: text.default('All'), // wards affected
    keyDecision: z.boolean({ error: 'true or false' }).default(false),
    // The implications every committee report states, each Markdown; a missing one prints "None identified."
    implications: z
      .object({
        financial: text.optional(),
        legal: text.optional(),
        equality: text.optional(),
        risk: text.optional(),
        safeguarding: text.optional(),
      })
      .strict()
      .default({}),
    contacts: z.array(text, { error: 'a list of contact lines' }).default([]),
    backgroundPapers: z.array(text, { error: 'a list of background papers' }).default([]),
  })
  .strict() satisfies z.ZodType<FrontMatter>; // its output is the model's FrontMatter

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function readNarrative(source: string, display: string, sha256: string): Narrative {
  const text = source.replace(/^\uFEFF/, '');
  const m = FENCE.exec(text);
  if (!m) {
    throw new PapersError([
      problem(
        'NarrativeInvalid',
        { found: 'no front matter', expected: 'the file to start with a --- block holding reportOf, summary and recommendations' },
        { file: display, line: 1 },
      ),
    ]);
  }
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(m[1]!, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new PapersError(
      doc.errors.map((e) =>
        problem('ConfigNotYaml', { reason: e.message.split('\n')[0] ?? e.code }, { file: display, line: lineCounter.linePos(e.pos[0]).line + 1 }),
      ),
    );
  }
  const parsed = frontMatterSchema.safeParse(yamlValue(doc, display, 1) ?? {});
  if (!parsed.success) {
    throw new PapersError(
      parsed.error.issues.map((issue) => {
        const line = (lineOf(doc, lineCounter, issue.path as (string | number)[]) ?? 0) + 1;
        const value = doc.getIn(issue.path as (string | number)[]);
        const found =
          issue.code === 'unrecognized_keys'
            ? unknownKeysFound(issue.keys)
            : value === undefined
              ? 'nothing'
              : shown(value);
        const expected =
          issue.code === 'unrecognized_keys'
            ? unknownKeysExpected(frontMatterSchema, issue.path, issue.keys)
            : issue.message;
        return problem('NarrativeInvalid', { found, expected }, { file: display, line, path: issue.path.join('.') });
      }),
    );
  }
  const bodyLine = m[0].split('\n').length;
  return { front: parsed.data, body: text.slice(m[0].length), bodyLine, source: { file: display, sha256 } };
}
