export { readTracker, readTrackerSheet, TRACKER_COLUMNS, type TrackerRead, type TrackerInput } from './tracker.js';
export { readKpis, KPI_COLUMNS, decodeText, parseNumber, normalisePeriod, columnLetters, type KpiInput } from './kpis.js';
export { readNarrative, type Narrative, type FrontMatter } from './narrative.js';
export { openWorkbook, pickSheet, cellText } from './workbook.js';
