/**
 * The outcomes map (outcome → measures → recommendations) and the recommendations list.
 *
 * Policy
 * - Outcomes map: one row per measure. The outcome is written on its first row only (or merged down),
 *   or on every row: a blank outcome, or the same outcome again (by its number when the map has an outcome
 *   number column), is the outcome above. A recommendations cell may hold numbers ("2, 4", "2; 4; 9",
 *   "2 and 4"), or the recommendation's text starting with its number ("2. Implement …").
 * - Recommendations list: number, text, and where it came from (e.g. "Ofsted, January 2017").
 * - Cross-checks (a measure or recommendation named in the map but defined nowhere) are made where
 *   both sources are known (ingest/sources.ts crossCheck).
 */
import { problem, PapersError, type Problem } from '../errors.js';
import { headerKey, type Outcome, type OutcomesMap, type Recommendation, type RecommendationList, type Source } from '../model/index.js';
import { withAliases, type ColumnAliases } from './columns.js';
import { conform, outcomeSchema, recommendationSchema } from './schemas.js';
import type { Limits } from './limits.js';
import { columnName, openTable, tableSource, type AuditSink } from './table.js';
import { sha256Of, type SourceHandle } from './text.js';

export const OUTCOME_COLUMNS = {
  outcome: { required: true, aliases: ['Outcome', 'Outcomes', 'Plan Outcome', 'SIP Outcomes'] },
  number: { required: false, aliases: ['Outcome No', 'Outcome No.', 'Outcome Number', 'Outcome Ref', 'Outcome ID'] },
  measure: { required: true, aliases: ['Measure', 'Measures', 'Measure ID', 'Measure Name', 'KPI', 'Outcome Measures', 'SIP Outcome Measures'] },
  recommendations: { required: false, aliases: ['Recommendation', 'Recommendations', 'Ofsted Recommendations', 'Recommendation Numbers', 'Recommendation Nos', 'Recommendation No', 'Recommendation Number', 'Rec Nos', 'Recs'] },
} as const;
export type OutcomeField = keyof typeof OUTCOME_COLUMNS;

export const RECOMMENDATION_COLUMNS = {
  number: { required: true, aliases: ['No', 'No.', 'Number', 'Recommendation No', 'Ref'] },
  text: { required: true, aliases: ['Recommendation', 'Text', 'Recommendation Text'] },
  origin: { required: false, aliases: ['Source', 'From', 'Inspection'] },
} as const;
export type RecommendationField = keyof typeof RECOMMENDATION_COLUMNS;

interface Options<F extends string> {
  sheet?: string | undefined;
  columns?: ColumnAliases<F> | undefined;
  limits?: Limits | undefined;
  audit?: AuditSink | undefined;
}

const OUTCOME_NUMBER = /^outcome\s*(\d+)\s*[:.–-]?\s*(.*)$/is;

/** "2, 4 and 9", "2; 4; 9" → ["2","4","9"]; "2. Implement the workforce strategy" → ["2"]. */
export function recommendationNumbers(text: string): string[] {
  const t = text.trim();
  if (/^\d+\.\s+\D/.test(t)) return [/^\d+/.exec(t)![0]];
  return [...t.matchAll(/\d+/g)].map((m) => m[0]);
}

export async function readOutcomesMap(handle: SourceHandle, options: Options<OutcomeField> = {}): Promise<OutcomesMap> {
  const spec = withAliases(OUTCOME_COLUMNS, options.columns);
  const table = await openTable<OutcomeField>(tableSource(handle, options), spec, 'outcome', (f) => f);
  const col = table.layout.columns;
  const outcomeAliases = new Set(spec.outcome.aliases.map(headerKey));
  const problems: Problem[] = [];
  const outcomes: Outcome[] = [];
  let lastText = '';
  for await (const batch of table.batches) for (const row of batch) {
    const get = (f: OutcomeField): string => (col[f] === undefined ? '' : row.text(col[f]!));
    const at = (f: OutcomeField): Source => table.at(`${columnName(col[f] ?? 1)}${row.number}`) as Source;
    if (row.texts().length === 0) continue;
    const outcomeText = get('outcome');
    if (outcomeAliases.has(headerKey(outcomeText))) continue; // repeated header
    // An outcome written on its first row only (or merged down), or on every row: a row whose outcome is
    // blank, or the same as the one above (by its number, when the map has a number column), is another
    // measure of that outcome.
    const numberText = get('number');
    const last = outcomes[outcomes.length - 1];
    const same = last !== undefined && (numberText !== '' ? numberText === last.number : outcomeText === '' || headerKey(outcomeText) === headerKey(lastText));
    if (outcomeText !== '' && !same) {
      const m = OUTCOME_NUMBER.exec(outcomeText);
      outcomes.push({
        number: numberText || (m ? m[1]! : String(outcomes.length + 1)),
        title: (m ? m[2]! : outcomeText).trim(),
        measures: [],
        recommendations: [],
        source: at('outcome'),
      });
      lastText = outcomeText;
    }
    const current = outcomes[outcomes.length - 1];
    if (!current) {
      problems.push(problem('ValueMissing', { field: 'outcome', expected: 'an outcome on the first row of the map' }, at('outcome')));
      continue;
    }
    if (get('measure') !== '') current.measures.push({ text: get('measure'), source: at('measure') });
    for (const n of recommendationNumbers(get('recommendations'))) {
      if (!current.recommendations.some((r) => r.number === n)) current.recommendations.push({ number: n, source: at('recommendations') });
    }
  }
  const all = table.finish(problems, outcomes.length, 'outcomes');
  if (all.length > 0) throw new PapersError(all);
  conform(outcomeSchema, 'outcome', outcomes);
  return {
    outcomes,
    source: { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), sha256: await sha256Of(handle), bytes: handle.size },
  };
}

export async function readRecommendations(handle: SourceHandle, options: Options<RecommendationField> = {}): Promise<RecommendationList> {
  const spec = withAliases(RECOMMENDATION_COLUMNS, options.columns);
  const table = await openTable<RecommendationField>(tableSource(handle, options), spec, 'number', (f) => f);
  const col = table.layout.columns;
  const problems: Problem[] = [];
  const recommendations: Recommendation[] = [];
  const seen = new Map<string, string>();
  for await (const batch of table.batches) for (const row of batch) {
    const get = (f: RecommendationField): string => (col[f] === undefined ? '' : row.text(col[f]!));
    const at = (f: RecommendationField): Source => table.at(`${columnName(col[f] ?? 1)}${row.number}`) as Source;
    if (row.texts().length === 0) continue;
    const number = /^\d+[a-z]?/i.exec(get('number'))?.[0] ?? '';
    if (number === '') {
      // A cell with words in it is not an empty one: say what is there ("Two", "R3").
      const found = get('number');
      problems.push(found === '' ? problem('ValueMissing', { field: 'recommendation number', expected: 'a number such as 3' }, at('number')) : problem('NotANumber', { field: 'recommendation number', found }, at('number')));
      continue;
    }
    if (seen.has(number)) {
      problems.push(problem('DuplicateKey', { what: 'recommendation', key: number, first: seen.get(number)! }, at('number')));
      continue;
    }
    seen.set(number, at('number').cell);
    if (get('text') === '') {
      problems.push(problem('ValueMissing', { field: 'recommendation text', expected: 'the recommendation as the inspectors wrote it' }, at('text')));
      continue;
    }
    recommendations.push({ number, text: get('text'), origin: get('origin'), source: at('number') });
  }
  const all = table.finish(problems, recommendations.length, 'recommendations');
  if (all.length > 0) throw new PapersError(all);
  conform(recommendationSchema, 'recommendation', recommendations);
  return {
    recommendations,
    source: { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), sha256: await sha256Of(handle), bytes: handle.size },
  };
}
