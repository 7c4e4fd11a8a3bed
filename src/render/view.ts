/**
 * Scored model + config + narrative → the view a paper template needs. Pure.
 *
 * Everything a template prints is decided here and in ./sections (numbering, labels, formatting,
 * provenance), so the templates only lay it out. Every figure drawn from a source carries `source`, printed
 * as a `data-source` attribute so it can be traced to its cell. The paper speaks of what it holds: its
 * "Position at a glance" counts the plan's projects, or, in a paper without a tracker, its actions,
 * measures and outcomes.
 */
import { countRatings, STATUS_LABEL, textOn, type ActionTally, type Counts, type ItemConfig, type MeetingConfig, type Narrative, type Recommendation, type ScoredItemResult } from '../model/index.js';
import type { TrendChart } from './charts.js';
import { formatDayDate, formatLongDate, formatMeetingDateTime, formatPeriod, formatValue } from './format.js';
import { renderInline, renderNarrative } from './markdown.js';
import { paperRestriction } from './exempt.js';
import { sectionBackground, sectionViews, type PaperSources, type SectionView } from './sections/index.js';
import { KIND_WORD } from './sections/exceptions.js';


export interface PaperView {
  lang: 'en-GB';
  /** Class on the root element: '' or 'large-print'. */
  printClass: string;
  /** The council's style over the house style: CSS custom properties made from checked config values only. */
  styleCss: string;
  /** The council's logo as a data: URL, and its text alternative. */
  logo: { src: string; alt: string } | undefined;
  documentTitle: string;
  council: string;
  committee: string;
  meetingDateTime: string;
  meetingDate: string;
  venue: string;
  itemNumber: string;
  /** An exempt paper's warning, above its title (only the confidential pack carries such a paper). */
  restriction?: string | undefined;
  title: string;
  reportOf: string;
  /** The report's particulars, as a council sets them under the title. */
  particulars: { label: string; value: string }[];
  summaryHtml: string;
  recommendationsNumber: number;
  recommendationsTo: string;
  recommendationsHtml: string[];
  bodyHtml: string;
  /** Numbered paragraphs of "Position at a glance". */
  glance: NumberedText[];
  /** Its first sentence: what the paper holds, counted. */
  ratingsSentence: string;
  /** The paragraph introducing the exceptions (their table is an appendix), when the paper has them. */
  exceptionsPara: NumberedText | undefined;
  implications: { id: string; heading: string; html: string }[];
  nextStepsHtml: string;
  /** Each appendix; `exempt` when it is exempt information (withheld from a public copy, marked in the confidential one). */
  appendices: { number: number; id: string; title: string; exempt?: boolean }[];
  contacts: string[];
  backgroundPapers: string[];
  dateOfIssue: string | undefined;
  /** The paper's sections (appendices), in order, each with its partial and view. */
  sections: SectionView[];
  changes: ChangesView | undefined;
}

export interface NumberedText {
  number: number;
  text: string;
}

export interface ChangesView {
  since: string;
  summary: string;
  moved: { kind: string; id: string; title: string; from: string; to: string; direction: string }[];
  added: string[];
  closed: string[];
  values: { id: string; title: string; from: string; to: string }[];
}

export interface PaperInputs {
  meeting: MeetingConfig;
  item: ItemConfig;
  narrative: Narrative;
  scored: ScoredItemResult;
  /** The item's sources, for the appendices' provenance. */
  sources: PaperSources;
  /** The recommendations list, for the outcomes appendix and the action plan. */
  recommendations: readonly Recommendation[];
  /** Trend charts by KPI ID (render/charts.ts). */
  charts: ReadonlyMap<string, TrendChart>;
  /** The large-print version. */
  largePrint?: boolean;
  /** The council's logo as a data: URL (read by the caller). */
  logo?: string | undefined;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "a, b and c". */
const listed = (parts: readonly string[]): string => (parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? ''));

/** "Of the 45 projects in the plan, 24 are rated green, 17 amber and 4 red." */
export function ratingsSentence(c: Counts, what: { one: string; many: string; in: string } = { one: 'project', many: 'projects', in: ' in the plan' }): string {
  const parts: string[] = [];
  const push = (n: number, word: string): void => {
    if (n > 0) parts.push(parts.length === 0 ? `${n} ${n === 1 ? 'is' : 'are'} rated ${word}` : `${n} ${word}`);
  };
  push(c.green, 'green');
  push(c.amber, 'amber');
  push(c.red, 'red');
  push(c.blue, 'blue (complete)');
  push(c.grey + c.none, 'grey (no data)');
  if (parts.length === 0) return what.in === ' in the plan' ? 'The plan holds no projects.' : `The paper holds no ${what.many}.`;
  return `Of the ${c.total} ${c.total === 1 ? what.one : what.many}${what.in}, ${listed(parts)}.`;
}

/** "Of the 80 actions in the plan: 31 complete, 20 on track, 5 due within 20 working days, 12 overdue and 12 with no date to rate against." */
export function actionsSentence(t: ActionTally, dueSoonDays: number): string {
  if (t.total === 0) return 'The action plan holds no actions.';
  const parts = [
    t.complete > 0 && `${t.complete} complete`,
    t.onTrack > 0 && `${t.onTrack} on track`,
    t.dueSoon > 0 && `${t.dueSoon} due within ${plural(dueSoonDays, 'working day')}`,
    t.overdue > 0 && `${t.overdue} overdue`,
    t.noDate > 0 && `${t.noDate} with no date to rate against`,
  ].filter((p): p is string => typeof p === 'string');
  return `Of the ${plural(t.total, 'action')} in the plan: ${listed(parts)}.`;
}

/** What "Position at a glance" says first: the plan's projects; without a tracker, each thing the paper rates or maps. */
function holdings(scored: ScoredItemResult, meeting: MeetingConfig): string[] {
  if (scored.plan) return [ratingsSentence(scored.plan.counts)];
  const out: string[] = [];
  if (scored.actions) out.push(actionsSentence(scored.actions.tally, meeting.rules.actions.dueSoonWorkingDays));
  if (scored.kpis.length > 0) out.push(ratingsSentence(countRatings(scored.kpis.map((k) => k.rating)), { one: 'measure', many: 'measures', in: ' in the scorecard' }));
  if (scored.outcomes.length > 0) {
    const measures = scored.outcomes.reduce((a, o) => a + o.measures.length, 0);
    const recs = new Set(scored.outcomes.flatMap((o) => o.outcome.recommendations.map((r) => r.number))).size;
    out.push(`The outcomes map sets out ${plural(scored.outcomes.length, 'outcome')}, ${plural(measures, 'measure')} to show whether each is being achieved, and the ${plural(recs, 'recommendation')} they answer.`);
  }
  return out;
}

function changesView(scored: ScoredItemResult): ChangesView | undefined {
  const c = scored.changes;
  if (!c) return undefined;
  const worse = c.moved.filter((m) => m.worse).length;
  return {
    since: formatLongDate(c.since),
    summary: `Since the last paper (as at ${formatLongDate(c.since)}): ${c.moved.length} rating${c.moved.length === 1 ? '' : 's'} changed (${worse} worse), ${c.added.length} new item${c.added.length === 1 ? '' : 's'}, ${c.closed.length} closed, ${c.values.length} KPI value${c.values.length === 1 ? '' : 's'} changed.`,
    moved: c.moved.map((m) => ({ kind: KIND_WORD[m.kind], id: m.id, title: m.title, from: STATUS_LABEL[m.from], to: STATUS_LABEL[m.to], direction: m.worse ? 'Worse' : m.better ? 'Better' : 'Changed' })),
    added: c.added.map((a) => `${KIND_WORD[a.kind]} ${a.id} ${a.title}`),
    closed: c.closed.map((a) => `${KIND_WORD[a.kind]} ${a.id} ${a.title}`),
    values: c.values.map((v) => {
      const k = scored.kpis.find((x) => x.kpi.id === v.id);
      const f = (x: { value: number | undefined; period: string | undefined }): string => (x.value === undefined || !k ? '–' : `${formatValue(x.value, k.kpi.unit)}${x.period ? ` (${formatPeriod(x.period)})` : ''}`);
      return { id: v.id, title: v.title, from: f(v.from), to: f(v.to) };
    }),
  };
}

export function buildPaperView(input: PaperInputs): PaperView {
  const { meeting, item, narrative, scored } = input;
  const front = narrative.front;
  const summary = renderNarrative(front.summary, 1);
  const recommendationsNumber = summary.next;
  // The author's "Next steps" section, if any, goes after the implications, where reports put it.
  const { main, nextSteps } = splitNextSteps(narrative.body);
  const body = renderNarrative(main, recommendationsNumber + 1);

  const made = { meeting, narrative, scored, sources: input.sources, recommendations: input.recommendations, charts: input.charts };
  const sections = sectionViews(item.sections, made, item.withheld);
  const exceptions = sections.find((s) => s.kind === 'exceptions' && !s.withheld)?.view as { intro: string } | undefined;
  const changes = changesView(scored);

  // Paragraphs are numbered consecutively across every section of the paper.
  let n = body.next;
  const glance: NumberedText[] = holdings(scored, meeting).map((text) => ({ number: n++, text }));
  if (changes) glance.push({ number: n++, text: changes.summary });
  const exceptionsPara = exceptions ? { number: n++, text: exceptions.intro } : undefined;
  const implications = IMPLICATIONS.map(([key, heading]) => {
    const r = renderNarrative(front.implications[key] ?? 'None identified.', n);
    n = r.next;
    return { id: `implications-${key}`, heading, html: r.html };
  });
  const next = renderNarrative(nextSteps, n);

  return {
    lang: 'en-GB',
    printClass: input.largePrint ? 'large-print' : '',
    styleCss: styleCss(meeting.style),
    logo: input.logo ? { src: input.logo, alt: `${meeting.council} logo` } : undefined,
    documentTitle: `${item.title}${input.largePrint ? ' (large print)' : ''} – ${meeting.committee}, ${formatLongDate(meeting.start)}`,
    council: meeting.council,
    committee: meeting.committee,
    meetingDateTime: formatMeetingDateTime(meeting.start),
    meetingDate: formatLongDate(meeting.start),
    venue: meeting.venue,
    itemNumber: item.number,
    ...(item.exempt ? { restriction: paperRestriction(item) } : {}),
    title: item.title,
    reportOf: front.reportOf,
    particulars: [
      { label: 'Report of', value: front.reportOf.replace(/^Report of (the )?/i, (_m, the: string | undefined) => (the ? 'The ' : '')) },
      ...(front.contactOfficer ? [{ label: 'Contact officer', value: front.contactOfficer }] : []),
      { label: 'Wards affected', value: front.wards },
      { label: 'Key decision', value: front.keyDecision ? 'Yes' : 'No' },
    ],
    summaryHtml: summary.html,
    recommendationsNumber,
    recommendationsTo: front.recommendationsTo,
    recommendationsHtml: front.recommendations.map((r) => renderInline(r)),
    bodyHtml: body.html,
    glance,
    ratingsSentence: glance[0]?.text ?? '',
    exceptionsPara,
    implications,
    nextStepsHtml: next.html,
    appendices: sections.map((s) => ({ number: s.view.number, id: s.view.id, title: s.view.title, ...(s.withheld || item.exempt?.appendices?.includes(s.kind) ? { exempt: true } : {}) })),
    contacts: front.contacts,
    backgroundPapers: [...front.backgroundPapers, ...sectionBackground(sections, made), ...(input.sources.previous ? [`Ratings as at the last paper: ${input.sources.previous}`] : [])],
    dateOfIssue: meeting.dateOfIssue ? formatDayDate(meeting.dateOfIssue) : undefined,
    sections,
    changes,
  };
}

const IMPLICATIONS = [
  ['financial', 'Financial implications'],
  ['legal', 'Legal implications'],
  ['equality', 'Equality implications'],
  ['risk', 'Risk implications'],
  ['safeguarding', 'Safeguarding implications'],
] as const;

/** The body's "Next steps" section (a heading of that name to the end), split off. */
export function splitNextSteps(markdown: string): { main: string; nextSteps: string } {
  const m = /^#{1,2}[ \t]+Next steps[ \t]*$/im.exec(markdown);
  if (!m) return { main: markdown, nextSteps: '' };
  const rest = markdown.slice(m.index + m[0].length);
  const following = /^#{1,2}[ \t]+\S/m.exec(rest);
  const end = following ? m.index + m[0].length + following.index : markdown.length;
  return { main: markdown.slice(0, m.index) + markdown.slice(end), nextSteps: markdown.slice(m.index + m[0].length, end).trim() };
}

/** CSS custom properties for the council's colours and font, with readable text on each fill. */
export function styleCss(style: MeetingConfig['style']): string {
  const lines: string[] = [];
  for (const status of ['red', 'amber', 'green', 'blue', 'grey'] as const) {
    const fill = style.colours[status];
    if (fill) lines.push(`--${status}: ${fill};`, `--${status}-text: ${textOn(fill).text};`);
  }
  if (style.colours.accent) lines.push(`--accent: ${style.colours.accent};`);
  if (style.font) lines.push(`--font: ${style.font}, "Liberation Sans", Arial, sans-serif;`);
  return lines.length === 0 ? '' : `:root { ${lines.join(' ')} }`;
}
