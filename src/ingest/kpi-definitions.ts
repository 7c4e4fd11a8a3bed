/**
 * KPI definitions (.xlsx or .csv): one row per measure — ID, name, unit, polarity, target, tolerance
 * ("5%" relative to the target, a bare number in the unit), band for a band measure, owning workstream.
 * Errors, all collected: a missing ID, name, unit or polarity; a number that is not one; a band with its
 * edges wrong way round; a measure defined twice.
 */
import { problem, PapersError, type Problem } from '../errors.js';
import type { KpiDefinition, Source } from '../model/index.js';
import { withAliases, type ColumnAliases } from './columns.js';
import { cellReader, parseNumber, readDefinitionFields } from './kpi-fields.js';
import type { Limits } from './limits.js';
import { conform, kpiDefinitionSchema } from './schemas.js';
import { openTable, tableSource, type AuditSink } from './table.js';
import { sha256Of, type SourceHandle } from './text.js';

export const KPI_DEFINITION_COLUMNS = {
  id: { required: true, aliases: ['Measure ID', 'KPI ID', 'ID', 'Ref'] },
  name: { required: true, aliases: ['Measure Name', 'Measure', 'KPI', 'Name', 'Indicator'] },
  unit: { required: true, aliases: ['Unit', 'Units'] },
  polarity: { required: true, aliases: ['Polarity', 'Good Is', 'Better When'] },
  target: { required: false, aliases: ['Target'] },
  tolerance: { required: false, aliases: ['Tolerance'] },
  low: { required: false, aliases: ['Band Low', 'Lower Limit', 'Band From', 'Low'] },
  high: { required: false, aliases: ['Band High', 'Upper Limit', 'Band To', 'High'] },
  workstream: { required: false, aliases: ['Workstream', 'Owner Workstream'] },
} as const;
export type KpiDefinitionField = keyof typeof KPI_DEFINITION_COLUMNS;

export interface KpiDefinitionsRead {
  definitions: Map<string, KpiDefinition>;
  source: { file: string; sheet?: string; sha256: string; bytes: number };
}

export async function readKpiDefinitions(
  handle: SourceHandle,
  options: { sheet?: string | undefined; columns?: ColumnAliases<KpiDefinitionField> | undefined; limits?: Limits | undefined; audit?: AuditSink | undefined } = {},
): Promise<KpiDefinitionsRead> {
  const spec = withAliases(KPI_DEFINITION_COLUMNS, options.columns);
  const table = await openTable<KpiDefinitionField>(tableSource(handle, options), spec, 'id', (f) => (f === 'id' ? 'measure ID' : f));
  const at = (a: string): Source => table.at(a) as Source;
  const problems: Problem[] = [];
  const definitions = new Map<string, KpiDefinition>();
  for await (const batch of table.batches) for (const row of batch) {
    const { get, where } = cellReader<KpiDefinitionField>(row, table.layout.columns, at);
    if (row.texts().length === 0) continue;
    const id = get('id');
    if (id === '') {
      problems.push(problem('ValueMissing', { field: 'measure ID', expected: 'the measure’s ID' }, where('id')));
      continue;
    }
    const f = readDefinitionFields(get, where, problems);
    if (f.name === '') problems.push(problem('ValueMissing', { field: 'measure name', expected: 'the measure’s name' }, where('name')));
    if (!f.given.unit) problems.push(problem('ValueMissing', { field: 'unit', expected: '%, number, days or rate per 10,000' }, where('unit')));
    if (!f.given.polarity) problems.push(problem('ValueMissing', { field: 'polarity', expected: 'higher, lower, band or none' }, where('polarity')));
    const tolText = get('tolerance');
    const tolerance = tolText === '' ? undefined : parseNumber(tolText);
    if (tolText !== '' && tolerance === undefined) problems.push(problem('NotANumber', { field: 'tolerance', found: tolText }, where('tolerance')));
    const bound = (field: 'low' | 'high'): number | undefined => {
      const t = get(field);
      const n = t === '' ? undefined : parseNumber(t);
      if (t !== '' && n === undefined) problems.push(problem('NotANumber', { field: field === 'low' ? 'band low' : 'band high', found: t }, where(field)));
      return n;
    };
    const low = bound('low');
    const high = bound('high');
    if (f.polarity === 'band' && (low === undefined || high === undefined || low > high)) {
      problems.push(problem('ValueMissing', { field: 'band', expected: 'Band Low and Band High, low ≤ high, for a band measure' }, where(low === undefined ? 'low' : 'high')));
    }
    if (definitions.has(id)) {
      problems.push(problem('DuplicateKey', { what: 'measure', key: id, first: definitions.get(id)!.source.cell }, where('id')));
      continue;
    }
    if (!f.ok || f.name === '' || !f.unit || !f.polarity) continue;
    const percent = tolText.trim().endsWith('%');
    definitions.set(id, {
      id,
      name: f.name,
      unit: f.unit,
      polarity: f.polarity,
      target: f.target,
      // "5%" is relative to the target; a bare number is in the measure's unit.
      tolerance: tolerance === undefined ? undefined : percent ? { kind: 'relative', value: tolerance / 100 } : { kind: 'absolute', value: tolerance },
      band: f.polarity === 'band' && low !== undefined && high !== undefined ? { low, high } : undefined,
      workstream: get('workstream') || undefined,
      source: where('id'),
    });
  }
  const all = table.finish(problems, definitions.size, 'measure definitions');
  if (all.length > 0) throw new PapersError(all);
  conform(kpiDefinitionSchema, 'KPI definition', [...definitions.values()]);
  return {
    definitions,
    source: { file: handle.display, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), sha256: await sha256Of(handle), bytes: handle.size },
  };
}
