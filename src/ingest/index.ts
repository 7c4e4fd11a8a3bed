export { readTracker, TRACKER_COLUMNS, type TrackerRead, type TrackerOptions, type TrackerField } from './tracker.js';
export { readKpis, KPI_COLUMNS, type KpiReadOptions, type KpiField } from './kpis.js';
export { readKpiDefinitions, KPI_DEFINITION_COLUMNS, type KpiDefinitionField } from './kpi-definitions.js';
export { parseNumber, normalisePeriod, columnLetters, periodOfHeading, noFigure, unitOfMeasure, type HeadingPeriod } from './kpi-fields.js';
export { readNarrative } from './narrative.js';
export { openTable, columnName, type TableRow, type CellValue, type ColumnAudit, type AuditColumn } from './table.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export { handleFromBytes, handleFromPath, sha256Of, decodeText, type SourceHandle } from './text.js';
export { withAliases, type ColumnAliases } from './columns.js';
export { readActionPlan, ACTION_COLUMNS, type ActionField } from './actions.js';
export {
  readOutcomesMap,
  readRecommendations,
  recommendationNumbers,
  OUTCOME_COLUMNS,
  RECOMMENDATION_COLUMNS,
} from './outcomes.js';
export { readBenchmark, readNeighbours, readStatistics, type StatisticsFile, numberOrSuppressed, periodLabel, SUPPRESSION_CODES } from './benchmarks.js';
export { projectSchema, kpiDefinitionSchema, actionSchema, outcomeSchema, recommendationSchema, conform } from './schemas.js';
export { readSnapshot, snapshotSchema } from './snapshot.js';
export { crossCheck, keptMonths, KPI_HISTORY_MONTHS, logoDataUrl, wordTemplateStyles, openSource, readSourceBytes, readSources, SharedReads, shownSource, type KnownBenchmark, type ReadContext, type SourceEffects, type SourceRefs, type SourcesRead } from './sources.js';
