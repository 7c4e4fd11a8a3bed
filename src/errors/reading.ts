/**
 * The catalogue's entries for what is wrong in a council's files and config: the config, the sources,
 * their sheets, columns, cells and dates. Names are permanent (src/errors.ts).
 */
import { entry, q, shown } from './entry.js';

/** What the row nearest a header has and lacks, and the `columns:` line that would read it. */
function nearHeaderText(n: { row: number; has: string[]; keyOnly: boolean; candidate?: string; others: string[]; key: string; field: string }): string {
  const list = (hs: string[]): string => hs.slice(0, 6).map(q).join(', ') + (hs.length > 6 ? ` and ${hs.length - 6} more` : '');
  if (n.keyOnly) {
    return `Row ${n.row} has the ${n.key} column (${q(n.has[0])}) but no other known column (${list(n.others)}): if one of them is a known column under a name of the plan's own, add its header under columns: for this source in meeting.yaml`;
  }
  const has = `Row ${n.row} has ${list(n.has)} but no ${n.key} column`;
  if (n.candidate !== undefined) return `${has}: if ${q(n.candidate)} holds the ${n.key}, add columns: { ${n.field}: [${q(n.candidate)}] } to this source in meeting.yaml`;
  if (n.others.length > 0) return `${has}: if one of its other columns (${list(n.others)}) holds the ${n.key}, add its header as columns: { ${n.field}: ["…"] } to this source in meeting.yaml`;
  return has;
}

export const readingProblems = {
  ConfigNotFound: entry<{ path: string }>({
    title: 'Config file not found',
    message: (a) => `no config file at ${a.path}`,
    hint: 'Check the path, e.g. papers build data/sample/meeting.yaml',
  }),
  ConfigNotYaml: entry<{ reason: string }>({
    title: 'Config is not valid YAML',
    message: (a) => `could not read the YAML: ${a.reason}`,
    hint: 'Check indentation and quoting near the line named.',
  }),
  ConfigInvalid: entry<{ found: string; expected: string }>({
    title: 'Config value not valid',
    message: (a) => `found ${a.found}, expected ${a.expected}`,
  }),
  SourceNotFound: entry<{ role: string }>({
    title: 'Source file not found',
    message: (a) => `the ${a.role} named in the config does not exist`,
    hint: 'Paths in the config are relative to the config file.',
  }),
  SourceUnreadable: entry<{ reason: string; expected: string }>({
    title: 'Source file cannot be read',
    message: (a) => `could not be opened (${a.reason}), expected ${a.expected}`,
  }),
  FormulaNotCalculated: entry<{ formula: string; count: number }>({
    title: 'Formula never calculated',
    message: (a) => `found the formula ${q(`=${a.formula}`)} with no saved result${a.count > 1 ? ` (and ${(a.count - 1).toLocaleString('en-GB')} more formula cells in this sheet like it)` : ''}, expected the value the spreadsheet shows`,
    hint: 'The file was written by a program that does not calculate formulas. Open it in Excel (or LibreOffice Calc), save it, and build again.',
  }),
  SupplementEmpty: entry<Record<string, never>>({
    title: 'Nothing to supplement',
    message: () => 'found no item marked `toFollow: true` that names its paper, expected at least one for --supplement',
    hint: 'Give the to-follow item its narrative and tracker (keeping `toFollow: true`), then run papers build --supplement.',
  }),
  WorkstreamNotFound: entry<{ found: string; expected: string }>({
    title: 'Workstream not in the tracker',
    message: (a) => `found no workstream ${a.found}, expected one of ${a.expected}`,
    hint: 'List in schedule.yaml `reports:` only workstreams the tracker has (or leave `reports:` out for all of them).',
  }),
  SnapshotInvalid: entry<{ found: string; expected: string }>({
    title: 'Previous snapshot not valid',
    message: (a) => `found ${a.found}, expected ${a.expected}`,
    hint: 'Point `previous:` at the .snapshot.json file the last paper’s build wrote, unedited.',
  }),
  SheetNotFound: entry<{ sheet: string; sheets: string[] }>({
    title: 'Sheet not found',
    message: (a) => `found no sheet named ${q(a.sheet)}, expected one of ${a.sheets.map(q).join(', ')}`,
    hint: 'Set the sheet name in the config (tracker.sheet).',
  }),
  HeaderNotFound: entry<{ expected: string; scanned: number; near?: { row: number; has: string[]; keyOnly: boolean; candidate?: string; others: string[]; key: string; field: string } }>({
    title: 'Header row not found',
    message: (a) => `found no header row in the first ${a.scanned} rows, expected a row holding ${a.expected}${a.near ? `. ${nearHeaderText(a.near)}` : ''}`,
    hint: '`papers validate` lists the columns of every table it reads; a header of the plan’s own goes under `columns:` (docs/CONFIG.md lists the keys).',
  }),
  ColumnMissing: entry<{ column: string; aliases: string[]; found: string[] }>({
    title: 'Required column missing',
    message: (a) =>
      `found headers ${a.found.map(q).join(', ')}, expected a ${a.column} column (headed ${a.aliases.map(q).join(' or ')})`,
  }),
  ColumnEmpty: entry<{ header: string; name: string; field: string; rows: number }>({
    title: 'Column empty on every row',
    message: (a) =>
      `found column ${q(a.header)}, read as the ${a.name}, empty on every one of the ${a.rows} rows read, expected a ${a.name} on each. If another column holds it, add its header as columns: { ${a.field}: ["…"] } to this source in meeting.yaml`,
    hint: '`papers validate` lists every column and what it was read as.',
  }),
  NoRecords: entry<{ what: string; headerRow: number }>({
    title: 'Nothing under the header',
    message: (a) => `found the header on row ${a.headerRow} and no ${a.what} under it, expected at least one`,
    hint: 'Check the sheet is the right one (`sheet:` in meeting.yaml) and that the rows are not below a blank sheet or in another tab.',
  }),
  SheetSkipped: entry<{ sheet: string }>({
    title: 'Sheet not read (warning)',
    message: (a) => `found no tracker header on sheet ${q(a.sheet)} (a row naming a project column and another known column), so it is not read`,
    hint: 'If it is a plan, check its header row; if not, list only the plan sheets under `sheets:`.',
  }),
  NoProjects: entry<{ sheets: string[] }>({
    title: 'No projects in any sheet',
    message: (a) => `found no projects on ${a.sheets.length === 0 ? 'any sheet (none has a tracker header)' : `the sheets read (${a.sheets.map(q).join(', ')})`}, expected at least one`,
    hint: 'Check `sheets:` names the plan sheets, and that each has its header row.',
  }),
  ColumnNotRead: entry<{ header: string; field: string; name: string; alias: string }>({
    title: 'Column close to a known one, not read (warning)',
    message: (a) =>
      `found column ${q(a.header)}, which is not read: it looks like the ${a.name} column (headed like ${q(a.alias)}), which this table lacks. If it is, add columns: { ${a.field}: [${q(a.header)}] } to this source in meeting.yaml`,
    hint: 'Add the header under `columns:` for the field named, or rename the column.',
  }),
  PeriodNotRead: entry<{ header: string }>({
    title: 'Period column not read (warning)',
    message: (a) => `found column ${q(a.header)}, which is not read: it names a period, but not in a form read here (a month, "Apr 2019"; a quarter, "Q1 2019/20" or "Apr-Jun 2019"; a financial year, "2019/20"), so its values are left out`,
    hint: 'Rename the column to one of those forms, or delete it if its values are not for the paper.',
  }),
  ColumnAmbiguous: entry<{ header: string; name: string; field: string; read: string; readHeader: string; alike: boolean }>({
    title: 'Two columns for one field (warning)',
    message: (a) =>
      `found column ${q(a.header)}, which is not read: it is as much the ${a.name} column as ${a.read} (${q(a.readHeader)}), which is read. If this one is, ${a.alike ? 'rename one of them: headed alike, no setting can tell them apart' : `add columns: { ${a.field}: [${q(a.header)}] } to this source in meeting.yaml, or rename one of them`}`,
    hint: 'Give each column a header of its own, or name the one to read under `columns:`.',
  }),
  ColumnsHidden: entry<{ count: number; columns: string }>({
    title: 'Hidden columns read (warning)',
    message: (a) =>
      `found ${a.count === 1 ? 'a hidden column' : `${a.count.toLocaleString('en-GB')} hidden columns`} that ${a.count === 1 ? 'is' : 'are'} read (${a.columns}), like the others: a paper shows what the sheet hides`,
    hint: 'Delete the columns that should not be in the paper (last month\u2019s ratings, old months), or unhide them and check them.',
  }),
  ColumnWithoutHeader: entry<{ column: string; headerCell: string; count: number; cells: string }>({
    title: 'Text in a column with no header, not read (warning)',
    message: (a) =>
      `found text in column ${a.column} on ${a.count === 1 ? 'a row' : `${a.count.toLocaleString('en-GB')} rows`} of the table (${a.cells}), but the column has no header (${a.headerCell} is blank), so it is not read`,
    hint: 'If the column belongs in the paper, give it a header the tool knows (or add one under `columns:`); if it holds notes, move them off the table\u2019s rows.',
  }),
  CsvSemicolons: entry<{ decimalComma: boolean }>({
    title: 'CSV separated by semicolons (warning)',
    message: (a) =>
      `found fields separated by semicolons, as Excel saves a CSV on a computer set to a European region; read with ";" between fields${a.decimalComma ? ' and numbers by that region\u2019s convention: "86,2" as 86.2, "1.204" as 1204' : ' and numbers as written, with decimal points ("86.2")'}`,
    hint: 'Check a figure or two in the paper. To be sure, save the file from Excel as "CSV UTF-8 (Comma delimited)" on a computer set to English (United Kingdom).',
  }),
  RowsHidden: entry<{ count: number; rows: string }>({
    title: 'Hidden rows read (warning)',
    message: (a) =>
      `found ${a.count === 1 ? 'a hidden row' : `${a.count.toLocaleString('en-GB')} hidden rows`} with data (row${a.count === 1 ? '' : 's'} ${a.rows}), which ${a.count === 1 ? 'is' : 'are'} read like the others: a paper shows what the sheet hides`,
    hint: 'Delete the rows that should not be in the paper (closed projects, notes), or unhide them and check them.',
  }),
  ClosedProjectsRead: entry<{ title: string; count: number }>({
    title: 'Closed projects read (warning)',
    message: (a) => `found a heading ${q(a.title)} over ${a.count === 1 ? '1 project' : `${a.count.toLocaleString('en-GB')} projects`}, which ${a.count === 1 ? 'is' : 'are'} read as a workstream of the plan like the others: the paper shows ${a.count === 1 ? 'it' : 'them'} and counts ${a.count === 1 ? 'its rating' : 'their ratings'}`,
    hint: 'If they are no longer part of the plan, move them to a sheet of their own (not read) or delete them; if they are, nothing needs doing.',
  }),
  TextStruckThrough: entry<{ count: number; cells: string }>({
    title: 'Struck-through text read (warning)',
    message: (a) =>
      `found ${a.count === 1 ? 'a cell' : `${a.count.toLocaleString('en-GB')} cells`} struck through, in whole or in part (${a.cells}), read as if ${a.count === 1 ? 'it were' : 'they were'} not: a strike-through is not a state this tool can read (done, or dropped?)`,
    hint: 'Delete what is finished or dropped, or say it in words ("Complete", "Withdrawn").',
  }),
  UnknownRating: entry<{ found: unknown; states?: boolean }>({
    title: 'Not a RAG rating',
    message: (a) =>
      `found ${shown(a.found)}, expected a RAG rating (R, A, G, B; Red, Amber, Green, Blue, Complete; On track, At risk, Off track)${a.states ? ' or a state of progress (Not started, In progress, On hold, Done)' : ''}`,
    hint: 'Correct the cell; or, if the plan uses words of its own ("Amber/Green", "Slipping", "Delayed"), say what each means under `scoring.projects.synonyms` in the meeting config, e.g. synonyms: { "amber/green": amber }.',
  }),
  ValueMissing: entry<{ field: string; expected: string }>({
    title: 'Required value missing',
    message: (a) => `found an empty ${a.field}, expected ${a.expected}`,
  }),
  DuplicateRef: entry<{ ref: string; first: string }>({
    title: 'Duplicate project REF',
    message: (a) => `found REF ${q(a.ref)} again (first at ${a.first}), expected each REF once`,
  }),
  BadRef: entry<{ found: unknown; like?: string }>({
    title: 'Not a project REF',
    message: (a) =>
      a.like !== undefined
        ? `found ${shown(a.found)} as REF, expected a code like the sheet's first project's, ${q(a.like)} (letters, then a number)`
        : `found ${shown(a.found)} as REF, expected a REF such as 1.1 (workstream number, dot, project number)`,
  }),
  RatingMissing: entry<Record<string, never>>({
    title: 'No RAG rating (warning)',
    message: () => 'found an empty RAG cell, so the project is shown grey ("not rated")',
  }),
  RefOutsideWorkstream: entry<{ ref: string }>({
    title: 'Project before any workstream',
    message: (a) => `found project ${q(a.ref)} above the first workstream heading, expected a workstream heading row first`,
  }),
  HeadingNotRead: entry<{ text: string }>({
    title: 'Line alone in the action plan, not read (warning)',
    message: (a) => `found ${q(a.text)} alone on its row in the No column: it is not an action number, so the row is read as a heading or a note between actions and is not printed`,
    hint: 'If it is an action, give it its number and write the action in its column. A heading written "Recommendation 3: …" or "Key business outcome: …" is printed as one.',
  }),
  NotesNotRead: entry<{ count: number; cells: string }>({
    title: 'Action plan rows holding one text, not read (warning)',
    message: (a) =>
      `found ${a.count === 1 ? 'a row' : `${a.count.toLocaleString('en-GB')} rows`} holding only one text and under no action's line (${a.cells}), so ${a.count === 1 ? 'it is' : 'they are'} read as ${a.count === 1 ? 'a note or a heading' : 'notes or headings'} and not printed`,
    hint: 'If a text belongs to an action, put it on the action\u2019s row or directly under it; write a heading as "Recommendation 3: …" or "Key business outcome: …" to have it printed.',
  }),
  RowNotRead: entry<{ text: string; refs?: boolean }>({
    title: 'Line with no project under it, not read (warning)',
    message: (a) =>
      `found ${q(a.text)} alone on its row with no project under it, so it is not read: ${a.refs ? 'a line alone in the REF column with no workstream number' : 'the tracker has no REF column, and a line alone'} is read as a workstream heading`,
    hint: 'If it is a project, give it its RAG (in words or by the cell’s colour); if it is a note, nothing is lost.',
  }),
  PercentAsFraction: entry<{ id: string; latest: number; target: number }>({
    title: 'Percentages that look like fractions (warning)',
    message: (a) => `found every value of ${a.id} between 0 and 1 (the latest ${a.latest}) against a target of ${a.target}%: if they are fractions (0.862 for 86.2%), they are read as under 1%`,
    hint: 'Write the values as percentages (86.2 or 86.2%), or format the cells as percentages in the workbook.',
  }),
  NotANumber: entry<{ field: string; found: unknown }>({
    title: 'Not a number',
    message: (a) => `found ${shown(a.found)} as ${a.field}, expected a number${/\d[,\s]\d/.test(String(a.found)) ? ' (a comma or a space only groups thousands, as in 1,204: a decimal is written with a point, 86.2)' : ''}`,
  }),
  TargetAgainstPolarity: entry<{ found: string; side: string; polarity: string }>({
    title: 'Target and polarity disagree',
    message: (a) => `found the target ${shown(a.found)}, which says ${a.side} is better, on a measure whose polarity says ${a.polarity} is better, expected the two to agree`,
    hint: 'Correct the target or the polarity.',
  }),
  BadPeriod: entry<{ found: unknown }>({
    title: 'Not a period',
    message: (a) => `found ${shown(a.found)} as period, expected a month (2017-03, Mar 2017, Mar-17, 01/03/2017), a quarter of a financial year (Q4 2016/17) or a financial year (2016/17)`,
  }),
  BadChoice: entry<{ field: string; found: unknown; choices: string[] }>({
    title: 'Not one of the allowed values',
    message: (a) => `found ${shown(a.found)} as ${a.field}, expected one of ${a.choices.join(', ')}`,
  }),
  InconsistentKpi: entry<{ field: string; found: unknown; first: unknown; firstAt: string }>({
    title: 'KPI definition differs between rows',
    message: (a) =>
      `found ${a.field} ${shown(a.found)}, expected ${shown(a.first)} as on the measure’s first row (${a.firstAt})`,
  }),
  NoPeriods: entry<{ found: string[]; period: string[]; value: string[] }>({
    title: 'No periods in the KPI return',
    message: (a) =>
      `found headers ${a.found.map(q).join(', ')}, expected a period column (${a.period.map(q).join(' or ')}) and a value column (${a.value.map(q).join(' or ')}), or a column for each period ("Apr 2019", "2019-04", "Q1 2019/20", "2019/20")`,
    hint: 'Name the columns in `columns:` if the return heads them otherwise (period: [...], value: [...]).',
  }),
  DuplicatePeriod: entry<{ id: string; period: string; first: string }>({
    title: 'Two values for one period',
    message: (a) => `found a second value for ${a.id} in ${a.period} (first at ${a.first}), expected one per period`,
  }),
  NarrativeInvalid: entry<{ found: string; expected: string }>({
    title: 'Narrative not valid',
    message: (a) => `found ${a.found}, expected ${a.expected}`,
  }),
  TooLarge: entry<{ what: string; limit: string; setting: string }>({
    title: 'Source too large',
    message: (a) => `found ${a.what}, expected at most ${a.limit}`,
    hint: 'Check this is the right file; if it is, raise the limit named in the config (limits.maxBytes, limits.maxRows, limits.maxInflatedBytes or limits.maxIncludedPages).',
  }),
  BadDate: entry<{ field: string; found: unknown }>({
    title: 'Not a date',
    message: (a) =>
      `found ${shown(a.found)} as ${a.field}, expected a date (31/03/2017, 31 Mar 2017, March 2017) or a state (Completed, In progress, Ongoing, TBC, Dependent on …)`,
  }),
  AmbiguousDate: entry<{ field: string; found: unknown }>({
    title: 'Ambiguous date',
    message: (a) =>
      `found ${shown(a.found)} as ${a.field}, expected a four-digit year (dd/mm/yyyy): a two-digit year is read only when the config sets dates.twoDigitYears`,
  }),
  DeadlineReadAsMonth: entry<{ found: string; read: string; note: string }>({
    title: 'Deadline read from the month it names (warning)',
    message: (a) => `found ${shown(a.found, 90)} as deadline, not a date or a state; read it as ${a.read}, the end of the month it names${a.note}`,
    hint: 'Write the deadline as a date (31/08/2017, August 2017) or a state (Ongoing, TBC) to be sure it is read as you mean; `--strict` makes this an error.',
  }),
  DeadlineReadAsPeriod: entry<{ found: string; read: string; period: string; note: string }>({
    title: 'Deadline read from the period it names (warning)',
    message: (a) => `found ${shown(a.found, 90)} as deadline, not a date or a state; read it as ${a.read}, the end of ${a.period}${a.note}`,
    hint: 'Write the deadline as a date (31/12/2017, December 2017) or a state (Ongoing, TBC) to be sure it is read as you mean; `--strict` makes this an error.',
  }),
  DuplicateKey: entry<{ what: string; key: string; first: string }>({
    title: 'Duplicate identifier',
    message: (a) => `found ${a.what} ${q(a.key)} again (first at ${a.first}), expected each once`,
  }),
  UnknownMeasure: entry<{ id: string; where: string; lacking?: readonly string[] }>({
    title: 'Measure not defined',
    message: (a) => `found measure ${q(a.id)} with no definition, expected it in ${a.where}${a.lacking?.length ? `; its row has no ${a.lacking.join(' or ')}` : ''}`,
  }),
  UnitsRead: entry<{ units: readonly string[] }>({
    title: 'Units read from the measures’ names and cells (warning)',
    message: (a) =>
      `found no unit column, so each measure's unit was read from its name and how its cells show it: ${a.units.join(', ')}. If one is wrong, add a Unit column (%, number, days, rate per 10,000) or define the measures in a KPI definitions file`,
  }),
  MeasureNotMatched: entry<{ found: string; where: string; nearest: string }>({
    title: 'Measure in the outcomes map not among the KPIs (warning)',
    message: (a) => `found measure ${q(a.found)}, which matches no measure in ${a.where} by ID or name: it is printed as written, not rated.${a.nearest}`,
    hint: 'To rate it, write the measure’s ID or its exact name in the outcomes map.',
  }),
  UnknownReference: entry<{ what: string; found: string; where: string }>({
    title: 'Reference to nothing',
    message: (a) => `found ${a.what} ${q(a.found)}, expected one listed in ${a.where}`,
  }),
  BenchmarkNotFound: entry<{ what: string; expected: string }>({
    title: 'Benchmark not found',
    message: (a) => `found no ${a.what}, expected ${a.expected}`,
  }),
  BenchmarkAmbiguous: entry<{ geography: string; year: string; columns: string[] }>({
    title: 'Benchmark has several rows per year',
    message: (a) =>
      `found several rows for ${a.geography} in ${a.year}, expected one per authority and year: add a \`where\` filter choosing one value of ${a.columns.map((c) => q(c)).join(', ')}`,
  }),
  PathOutsideProject: entry<{ role: string; found: string; roots: readonly string[] }>({
    title: 'Path outside the project',
    message: (a) => `found the ${a.role} at ${q(a.found)}, expected a path inside ${a.roots.map(q).join(' or ')}`,
    hint: 'Move the file into the project (or next to the config). If the path is right, pass --allow-outside to allow it for this run.',
  }),
  WorkbookHasMacros: entry<Record<string, never>>({
    title: 'Workbook has macros',
    message: () => 'found a macro-enabled workbook (VBA macros), expected a plain workbook: macros are never run, and such a workbook is not read',
    hint: 'Open it in Excel and "Save As" Excel Workbook (.xlsx), which leaves the macros out, then point the config at that copy.',
  }),
  WorkbookLinksOut: entry<{ targets: string[] }>({
    title: 'Workbook links to other files',
    message: (a) => `found links to ${a.targets.map(q).join(', ')}, expected every value to be in the workbook itself (a linked value cannot be traced to its cell)`,
    hint: 'In Excel: Data › Edit Links › Break Link (the values stay), save, and build again.',
  }),
} as const;
