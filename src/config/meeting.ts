/**
 * meeting.yaml → a typed, validated `MeetingConfig`.
 *
 * Policy
 * - Validated once, here, by one zod schema. Unknown keys are errors (they are usually typos).
 * - Every problem is reported at once, each naming the YAML line and the key path.
 * - Paths are resolved relative to the config file, never to the working directory.
 * - Defaults are written beside each field in the schema.
 */
import path from 'node:path';
import { projectRoots } from './paths.js';
import { z } from 'zod';
import YAML, { LineCounter, isNode } from 'yaml';
import { PapersError, problem, shown, type Problem } from '../errors.js';
import { EXEMPT_APPENDIX_KINDS, SECTION_KINDS, SECTION_SOURCES, sectionsFor, type AgendaEntry, type FileRef, type ItemConfig, type MeetingConfig, type SectionSource, type TableRef } from '../model/index.js';
import { resolveRules, scoringSchema } from './rules.js';
import { styleSchema } from './style.js';
import { unknownKeysExpected, unknownKeysFound } from './keys.js';

export const isoDate = z.iso.date({ error: 'a date written YYYY-MM-DD' });
const localDateTime = z.iso.datetime({ local: true, error: 'a local date and time written YYYY-MM-DDTHH:MM' });
export const text = z.string({ error: 'some text' }).trim().min(1, { error: 'some text' });

const hex = z.string().regex(/^#?[0-9a-f]{6}$/i, { error: 'a colour written RRGGBB, e.g. FF0000' }).transform((h) => h.replace('#', '').toUpperCase());

/** A table source: a workbook sheet or a CSV, and extra header aliases for any of its columns. */
export function tableSource(fields: readonly string[], example: string) {
  const columns = z
    .object(Object.fromEntries(fields.map((f) => [f, z.array(text, { error: 'a list of header texts' }).optional()])))
    .strict()
    .optional(); // extra header aliases, tried before the built-in ones
  return z
    .object(
      {
        file: text,
        sheet: text.optional(), // default: the workbook's first sheet (ignored for CSV)
        columns,
      },
      { error: `a file, e.g. { file: ${example} }` },
    )
    .strict();
}

const statusColours = z
  .object({ red: z.array(hex).optional(), amber: z.array(hex).optional(), green: z.array(hex).optional(), blue: z.array(hex).optional(), grey: z.array(hex).optional() })
  .strict();

export const trackerSource = tableSource(['ref', 'title', 'lead', 'rating', 'commentary', 'outcome', 'measure', 'workstream'], 'tracker.xlsx, sheet: SIP Summary').extend({
  colours: statusColours.optional(), // RAG fill colours; default DEFAULT_COLOURS (model/colour.ts)
  // Several sheets, each a workstream: every one, or those named (instead of `sheet:`).
  sheets: z.union([z.literal('all'), z.array(text).min(1)], { error: 'all, or a list of sheet names' }).optional(),
});

export const actionsSource = tableSource(['recommendation', 'no', 'summary', 'action', 'deadline', 'responsible', 'successMeasure', 'progress', 'status', 'completed'], 'action-plan.xlsx').extend({
  colours: statusColours.optional(), // status fill colours; default the tracker's, else DEFAULT_COLOURS
});

const sectionKind = z.enum(SECTION_KINDS, { error: `a section: ${SECTION_KINDS.join(', ')}` });
const sourceKey: Record<SectionSource, string> = { tracker: '`tracker:`', kpis: '`kpis:`', actions: '`actions:`', outcomes: '`outcomes:`' };

const benchmarkMeasure = z
  .object(
    {
      file: text, // a DfE Explore Education Statistics tidy CSV
      column: text, // e.g. rereferral_percent
      where: z.record(z.string(), z.string()).optional(), // filter for files with breakdowns
    },
    { error: 'a DfE file and column, e.g. { file: ../dfe-ees/c1_….csv, column: rereferral_percent }' },
  )
  .strict();

const benchmarks = z
  .object(
    {
      la: z.union([z.string(), z.number()], { error: 'the council’s old LA code, e.g. 885' }).transform(String),
      neighbours: text, // the DfE statistical-neighbour model file
      measures: z.record(z.string(), benchmarkMeasure), // KPI ID → where its benchmark is
    },
    { error: 'la, neighbours and measures' },
  )
  .strict();

/** An exempt item's paragraph of Schedule 12A (Local Government Act 1972, Part 1: paragraphs 1–7). */
const exemptSchema = z
  .object({ paragraph: z.number({ error: 'a paragraph of Schedule 12A, 1 to 7' }).int({ error: 'a paragraph of Schedule 12A, 1 to 7' }).min(1, { error: 'a paragraph of Schedule 12A, 1 to 7' }).max(7, { error: 'a paragraph of Schedule 12A, 1 to 7' }) }, { error: '{ paragraph: N }, N a paragraph of Schedule 12A (1 to 7)' })
  .strict();

/** A paper's exemption: the whole paper, or (`appendices:`) only those appendices, each made from a source of its own. */
const paperExemptSchema = z
  .object(
    {
      paragraph: exemptSchema.shape.paragraph,
      appendices: z
        .array(z.enum(EXEMPT_APPENDIX_KINDS, { error: `an appendix made from a source of its own: ${EXEMPT_APPENDIX_KINDS.join(', ')}` }), { error: 'a list of appendices' })
        .min(1, { error: 'at least one appendix' })
        .optional(), // only these appendices are exempt; the paper itself is public
    },
    { error: '{ paragraph: N } or { paragraph: N, appendices: [action-plan] }, N a paragraph of Schedule 12A (1 to 7)' },
  )
  .strict();

const itemSchema = z
  .object(
    {
      number: z.union([z.string(), z.number()], { error: 'an item number such as 6 or 6a' }).transform(String),
      title: text,
      narrative: text, // Markdown file with front matter: the author's words
      tracker: trackerSource.optional(), // the project tracker
      kpis: tableSource(['id', 'name', 'unit', 'polarity', 'target', 'period', 'value', 'numerator', 'denominator', 'commentary'], 'kpis.csv').optional(),
      kpiDefinitions: tableSource(['id', 'name', 'unit', 'polarity', 'target', 'tolerance', 'workstream'], 'kpi-definitions.csv').optional(),
      actions: actionsSource.optional(),
      outcomes: tableSource(['outcome', 'measure', 'recommendations'], 'outcomes.csv').optional(),
      recommendations: tableSource(['number', 'text', 'origin'], 'recommendations.csv').optional(),
      benchmarks: benchmarks.optional(),
      previous: text.optional(), // the snapshot the last paper's build saved (*.snapshot.json): for "changes since the last paper"
      toFollow: z.literal(true, { error: 'true' }).optional(), // a paper published after the main pack: built only by --supplement
      exempt: paperExemptSchema.optional(), // Part II: in the confidential pack only; the public agenda shows its title and paragraph (or, with appendices:, only those appendices are withheld)
      sections: z.array(sectionKind, { error: 'a list of sections' }).min(1, { error: 'at least one section' }).optional(), // default: those its sources make, in this order: rag-summary, kpi-scorecard, outcomes, action-plan, exceptions, rules
    },
    { error: 'an agenda item with number, title, narrative and at least one source (tracker, kpis, actions or outcomes)' },
  )
  .strict()
  .superRefine((item, ctx) => {
    // Every source is optional, but a paper is made of at least one; and a section needs its source.
    const has = { tracker: item.tracker !== undefined, kpis: item.kpis !== undefined, actions: item.actions !== undefined, outcomes: item.outcomes !== undefined };
    if (!Object.values(has).some(Boolean)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'at least one source for the paper’s sections: `tracker:`, `kpis:`, `actions:` or `outcomes:`', input: item, params: { found: 'an item with no source' } });
    }
    item.sections?.forEach((kind, i) => {
      const needs = SECTION_SOURCES[kind];
      if (!needs.some((s) => has[s])) {
        const list = needs.map((n) => sourceKey[n]);
        const named = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
        ctx.addIssue({ code: 'custom', path: ['sections', i], message: `a section this item has the source for: ${kind} is made from ${named}, which the item does not name`, input: kind });
      }
    });
    // An exempt appendix is one the paper has.
    const sections = item.sections ?? sectionsFor(has);
    item.exempt?.appendices?.forEach((kind, i) => {
      if (!sections.includes(kind)) {
        ctx.addIssue({ code: 'custom', path: ['exempt', 'appendices', i], message: `an appendix this paper has (${sections.join(', ')})`, input: kind });
      }
    });
  });

const itemNumber = z.union([z.string(), z.number()], { error: 'an item number such as 6 or 6a' }).transform(String);

/** An existing PDF included in the pack as it is (e.g. the minutes of the last meeting). */
const pdfItemSchema = z.object({ number: itemNumber, title: text, pdf: text, exempt: exemptSchema.optional() }).strict();
/** A standing item with no paper ("Apologies and named substitutes"), with an optional line under it. */
const standingItemSchema = z.object({ number: itemNumber, title: text, standing: z.literal(true, { error: 'true' }), text: text.optional() }).strict();
/** An item whose paper is not ready: "to follow" on the front sheet. */
const toFollowItemSchema = z.object({ number: itemNumber, title: text, toFollow: z.literal(true, { error: 'true' }) }).strict();

/** Each entry of `items:` is read by the schema its keys name: pdf, standing, toFollow, else a paper. */
const agendaItemSchema = z.unknown().transform((value, ctx) => {
  const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  // An item to follow whose paper now exists (it names a narrative) is a paper, built by --supplement.
  const schema = keys.includes('pdf')
    ? pdfItemSchema
    : keys.includes('standing')
      ? standingItemSchema
      : keys.includes('toFollow') && !keys.includes('narrative')
        ? toFollowItemSchema
        : itemSchema;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.infer<typeof itemSchema> | z.infer<typeof pdfItemSchema> | z.infer<typeof standingItemSchema> | z.infer<typeof toFollowItemSchema>;
  for (const issue of parsed.error.issues) {
    // The keys this kind of item allows are known only here, where its schema was chosen.
    if (issue.code === 'unrecognized_keys') ctx.addIssue({ code: 'custom', path: issue.path, message: unknownKeysExpected(schema, issue.path, issue.keys), params: { found: unknownKeysFound(issue.keys) }, input: value });
    else ctx.addIssue(issue as never);
  }
  return z.NEVER;
});

const person = text;
const membershipSchema = z
  .object({
    chair: person.optional(),
    viceChair: person.optional(),
    members: z.array(person).default([]),
    coopted: z.array(person).default([]), // co-opted members
    parentGovernors: z.array(person).default([]), // parent-governor representatives
    vacancies: z.number().int().min(0).default(0),
  })
  .strict();

const translationSchema = z.object({ language: text, lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'a language tag such as pl, ur or zh-Hans' }), text }).strict();

export const limitsSchema = z
  .object({
    maxBytes: z.number().int().positive().default(50 * 1024 * 1024), // largest source file
    maxRows: z.number().int().positive().default(1_000_000), // most rows read from one table
    maxInflatedBytes: z.number().int().positive().default(256 * 1024 * 1024), // most a workbook may inflate to
    maxIncludedPages: z.number().int().positive().default(2000), // most pages a PDF the agenda includes may have
  })
  .strict()
  .default({ maxBytes: 50 * 1024 * 1024, maxRows: 1_000_000, maxInflatedBytes: 256 * 1024 * 1024, maxIncludedPages: 2000 });

export const datesSchema = z
  .object({
    twoDigitYears: z.number().int().multipleOf(100).optional(), // e.g. 2000 reads 03/04/17 as 3 April 2017; default: refuse
  })
  .strict()
  .default({});

const meetingSchema = z
  .object({
    council: text,
    committee: text,
    start: localDateTime, // Europe/London wall-clock time
    venue: text,
    asAt: isoDate, // the date the report speaks as at
    browser: text.optional(), // the browser that prints (path); default PAPERS_CHROMIUM, else the usual places (print/browser.ts)
    dateOfIssue: isoDate.optional(), // default: none printed
    limits: limitsSchema,
    dates: datesSchema,
    scoring: scoringSchema.optional(), // rating rules; defaults in src/score/rules.ts, docs/CONFIG.md
    style: styleSchema.optional(), // the council's look: logo, colours, font; default the house style
    membership: membershipSchema.optional(), // printed on the front sheet
    contacts: z.array(text).default([]), // democratic services contacts, on the front sheet
    notices: z
      .object({
        invitation: text.optional(), // "All County Councillors are invited to attend…"
        accessibility: text.optional(), // the alternative formats notice
        translations: z.array(translationSchema).default([]), // the same notice in the languages the council uses
      })
      .strict()
      .default({ translations: [] }),
    declarations: text.optional(), // guidance on declaring interests (Markdown); default DEFAULT_DECLARATIONS
    pack: z.object({ blankPages: z.boolean().default(true) }).strict().default({ blankPages: true }), // blank pages so each item starts on a right-hand page
    largePrint: z.boolean({ error: 'true or false' }).default(true), // each paper and the pack also in large print (`--no-large-print` for one build)
    items: z.array(agendaItemSchema, { error: 'a list of agenda items' }).min(1, { error: 'at least one agenda item' }),
  })
  .strict();

type RawMeeting = z.infer<typeof meetingSchema>;

export interface ConfigOptions {
  /** The directory paths are shown relative to (the CLI passes process.cwd()). */
  cwd: string;
  /** Let the config name files outside the working directory and its own folder (`--allow-outside`). */
  allowOutside?: boolean | undefined;
}

/** Parse and validate the text of a meeting.yaml. Pure: the caller reads the file. */
export function parseMeetingConfig(source: string, configPath: string, options: ConfigOptions): MeetingConfig {
  const { data, abs, display } = parseYamlConfig(source, configPath, options, meetingSchema);
  return resolveMeeting(data, abs, display, options);
}

/**
 * The document's value. YAML's aliases can make a few lines expand to millions of nodes ("billion
 * laughs"); the yaml library stops at 100 aliases and that is reported like any other YAML error.
 */
export function yamlValue(doc: YAML.Document, display: string, lineOffset = 0): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new PapersError([problem('ConfigNotYaml', { reason: /alias/i.test(reason) ? `${reason} (its aliases, *name, expand too far)` : reason }, { file: display, line: 1 + lineOffset })]);
  }
}

/**
 * YAML text → data validated by `schema`, or a PapersError with every problem at once, each naming
 * the file, line and key path (ConfigNotYaml, ConfigInvalid). Shared by every config file.
 */
export function parseYamlConfig<S extends z.ZodType>(source: string, configPath: string, options: ConfigOptions, schema: S): { data: z.output<S>; abs: string; display: string } {
  const abs = path.resolve(options.cwd, configPath);
  const display = path.relative(options.cwd, abs) || abs;
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(source, { lineCounter, prettyErrors: false });

  if (doc.errors.length > 0) {
    throw new PapersError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return problem('ConfigNotYaml', { reason: e.message.split('\n')[0] ?? e.code }, { file: display, line: pos.line });
      }),
    );
  }

  const raw = yamlValue(doc, display);
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.map((issue) => {
      const keyPath = issue.path.map(String);
      const line = lineOf(doc, lineCounter, issue.path as (string | number)[]);
      const foundValue = doc.getIn(issue.path as (string | number)[]);
      const stated = issue.code === 'custom' ? (issue.params as { found?: string } | undefined)?.found : undefined; // a check that says what it found
      let found = stated ?? (foundValue === undefined ? 'nothing' : shown(foundValue));
      let expected = issue.message;
      if (issue.code === 'unrecognized_keys') {
        found = unknownKeysFound(issue.keys);
        expected = unknownKeysExpected(schema, issue.path, issue.keys);
      } else if (foundValue === undefined) {
        expected = `${expected} (this key is required)`;
      }
      const location = { file: display, ...(line !== undefined ? { line } : {}), path: keyPath.join('.') };
      return problem('ConfigInvalid', { found, expected }, location);
    });
    throw new PapersError(problems);
  }
  return { data: parsed.data, abs, display };
}

/** The line of the node at `keyPath`, or of its nearest ancestor that exists (for a missing key). */
export function lineOf(doc: YAML.Document, lineCounter: LineCounter, keyPath: (string | number)[]): number | undefined {
  for (let n = keyPath.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(keyPath.slice(0, n), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function resolveMeeting(raw: RawMeeting, abs: string, display: string, options: ConfigOptions): MeetingConfig {
  const baseDir = path.dirname(abs);
  const within = projectRoots(options, abs);
  const ref = (p: string): FileRef => {
    const resolved = path.resolve(baseDir, p);
    return { path: resolved, display: path.relative(options.cwd, resolved) || resolved, within, namedIn: display };
  };
  const table = (t: { file: string; sheet?: string | undefined; columns?: Record<string, string[] | undefined> | undefined } | undefined): TableRef | undefined =>
    t
      ? {
          ...ref(t.file),
          sheet: t.sheet,
          columns: t.columns ? (Object.fromEntries(Object.entries(t.columns).filter(([, v]) => v !== undefined)) as Record<string, string[]>) : undefined,
        }
      : undefined;
  const resolved: MeetingConfig = {
    file: { path: abs, display },
    council: raw.council,
    committee: raw.committee,
    start: raw.start,
    venue: raw.venue,
    asAt: raw.asAt,
    browser: raw.browser !== undefined ? path.resolve(baseDir, raw.browser) : undefined,
    dateOfIssue: raw.dateOfIssue,
    limits: raw.limits,
    dates: { twoDigitYears: raw.dates.twoDigitYears },
    rules: resolveRules(raw.scoring),
    style: { logo: raw.style?.logo !== undefined ? ref(raw.style.logo) : undefined, wordTemplate: raw.style?.wordTemplate !== undefined ? ref(raw.style.wordTemplate) : undefined, colours: raw.style?.colours ?? {}, font: raw.style?.font },
    items: [] as ItemConfig[],
    agenda: [] as AgendaEntry[],
    membership: raw.membership
      ? { chair: raw.membership.chair, viceChair: raw.membership.viceChair, members: raw.membership.members, coopted: raw.membership.coopted, parentGovernors: raw.membership.parentGovernors, vacancies: raw.membership.vacancies }
      : undefined,
    contacts: raw.contacts,
    notices: { invitation: raw.notices.invitation, accessibility: raw.notices.accessibility, translations: raw.notices.translations },
    declarations: raw.declarations,
    pack: raw.pack,
    largePrint: raw.largePrint,
  };
  for (const entry of raw.items) {
    if ('pdf' in entry) resolved.agenda.push({ kind: 'pdf', number: entry.number, title: entry.title, pdf: ref(entry.pdf), exempt: entry.exempt });
    else if ('standing' in entry) resolved.agenda.push({ kind: 'standing', number: entry.number, title: entry.title, text: entry.text });
    else if ('toFollow' in entry && !('narrative' in entry)) resolved.agenda.push({ kind: 'toFollow', number: entry.number, title: entry.title });
    else {
      const item = paperItem(entry);
      resolved.items.push(item);
      resolved.agenda.push({ kind: 'paper', number: item.number, title: item.title, item, toFollow: entry.toFollow === true });
    }
  }
  return resolved;

  function paperItem(item: z.infer<typeof itemSchema>): ItemConfig {
    return {
      number: item.number,
      title: item.title,
      narrative: ref(item.narrative),
      tracker: item.tracker ? { ...table(item.tracker)!, colours: item.tracker.colours, sheets: item.tracker.sheets } : undefined,
      kpis: table(item.kpis),
      kpiDefinitions: table(item.kpiDefinitions),
      actions: item.actions ? { ...table(item.actions)!, colours: item.actions.colours ?? item.tracker?.colours } : undefined,
      outcomes: table(item.outcomes),
      recommendations: table(item.recommendations),
      benchmarks: item.benchmarks
        ? {
            la: item.benchmarks.la,
            neighbours: ref(item.benchmarks.neighbours),
            measures: Object.fromEntries(
              Object.entries(item.benchmarks.measures).map(([id, m]) => [id, { ...ref(m.file), column: m.column, where: m.where }]),
            ),
          }
        : undefined,
      previous: item.previous !== undefined ? ref(item.previous) : undefined,
      sections: item.sections ?? sectionsFor({ tracker: item.tracker !== undefined, kpis: item.kpis !== undefined, actions: item.actions !== undefined, outcomes: item.outcomes !== undefined }),
      ...(item.exempt ? { exempt: item.exempt } : {}),
    };
  }
}
