/**
 * Bad data or config stops the real `papers build` with one line per problem (file, sheet, cell,
 * value found, what was expected), exit code 1, no stack trace — and nothing written or overwritten.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { papers, stackLines } from '../helpers/cli.js';

const RATING = 'expected a RAG rating (R, A, G, B; Red, Amber, Green, Blue, Complete; On track, At risk, Off track) [UnknownRating]';

function buildInto(config: string, env: Record<string, string> = {}) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'papers-bad-')), 'output');
  return { out, ...papers(['build', config, '--out', out], env) };
}

const cases: [string, string[], string[]?][] = [
  [
    'tracker-unknown-rating',
    [
      `  test/fixtures/bad/tracker-unknown-rating/tracker.xlsx › SIP Summary!D9: found "Amberish", ${RATING}`,
      `  test/fixtures/bad/tracker-unknown-rating/tracker.xlsx › SIP Summary!D18: found "Purple", ${RATING}`,
    ],
  ],
  [
    'tracker-missing-rag-column',
    [
      '  test/fixtures/bad/tracker-missing-rag-column/tracker.xlsx › SIP Summary!A4:F4: found headers "REF", "PROJECT", "LEAD", "PROGRESS", "COMMENTARY", "NEXT KEY MILESTONES", expected a RAG column (headed "RAG" or "RAG Status" or "Status" or "Rating") [ColumnMissing]',
    ],
  ],
  [
    'tracker-bad-ref-and-duplicate',
    [
      '  test/fixtures/bad/tracker-bad-ref-and-duplicate/tracker.xlsx › SIP Summary!A8: found REF "1.1" again (first at A7), expected each REF once [DuplicateRef]',
      '  test/fixtures/bad/tracker-bad-ref-and-duplicate/tracker.xlsx › SIP Summary!A11: found "one.five" as REF, expected a REF such as 1.1 (workstream number, dot, project number) [BadRef]',
      '  test/fixtures/bad/tracker-bad-ref-and-duplicate/tracker.xlsx › SIP Summary!B12: found an empty project title, expected the project’s name [ValueMissing]',
    ],
  ],
  [
    'problems-in-several-files',
    [
      `  test/fixtures/bad/tracker-unknown-rating/tracker.xlsx › SIP Summary!D9: found "Amberish", ${RATING}`,
      `  test/fixtures/bad/tracker-unknown-rating/tracker.xlsx › SIP Summary!D18: found "Purple", ${RATING}`,
      '  test/fixtures/bad/problems-in-several-files/kpis.csv › G3: found "see note" as value, expected a number [NotANumber]',
      '  test/fixtures/bad/problems-in-several-files/missing-paper.md: the narrative (Markdown) named in the config does not exist [SourceNotFound]',
      '  test/fixtures/bad/tracker-bad-ref-and-duplicate/tracker.xlsx › SIP Summary!A8: found REF "1.1" again (first at A7), expected each REF once [DuplicateRef]',
      '  test/fixtures/bad/tracker-bad-ref-and-duplicate/tracker.xlsx › SIP Summary!A11: found "one.five" as REF, expected a REF such as 1.1 (workstream number, dot, project number) [BadRef]',
      '  test/fixtures/bad/tracker-bad-ref-and-duplicate/tracker.xlsx › SIP Summary!B12: found an empty project title, expected the project’s name [ValueMissing]',
    ],
  ],
  [
    'config-typos',
    [
      '  test/fixtures/bad/config-typos/meeting.yaml:2 › committee: found nothing, expected some text (this key is required) [ConfigInvalid]',
      '  test/fixtures/bad/config-typos/meeting.yaml:4 › start: found "13/03/2017 2.00pm", expected a local date and time written YYYY-MM-DDTHH:MM [ConfigInvalid]',
      '  test/fixtures/bad/config-typos/meeting.yaml:7 › items: found "[]", expected at least one agenda item [ConfigInvalid]',
      '  test/fixtures/bad/config-typos/meeting.yaml:2: found unknown key "commitee", expected only the keys documented in docs/CONFIG.md (council, committee, start, venue, asAt, browser, dateOfIssue, limits, dates, scoring, style, membership, contacts, notices, declarations, pack, largePrint, items); the nearest to "commitee" is "committee" [ConfigInvalid]',
    ],
  ],
  [
    'workbook-truncated',
    ['  test/fixtures/bad/workbook-truncated/tracker.xlsx: could not be opened (the workbook is damaged or incomplete: End of central directory record signature not found. Either not a zip file, or file is truncated.), expected an Excel workbook (.xlsx) saved in full [SourceUnreadable]'],
  ],
  [
    'workbook-old-format',
    ['  test/fixtures/libreoffice/old-format-renamed.xlsx: could not be opened (it is an old-format .xls workbook (or another OLE file) named .xlsx), expected an Excel workbook (.xlsx): open it and "Save As" Excel Workbook (.xlsx) [SourceUnreadable]'],
  ],
  [
    'workbook-empty-sheet',
    ['  test/fixtures/bad/workbook-empty-sheet/tracker.xlsx › SIP Summary: could not be opened (sheet "SIP Summary" is empty), expected a table with a header row [SourceUnreadable]'],
  ],
  ['limits-too-large', ['  data/sample/tracker.xlsx: found 13.1 KB, expected at most 5,000 bytes [TooLarge]']],
  ['limits-too-many-rows', ['  data/sample/kpis.csv › A102: found more than 100 rows, expected at most 100 rows [TooLarge]']],
  [
    'actions-bad-deadlines',
    [
      '  test/fixtures/bad/actions-bad-deadlines/action-plan.csv › C3: found "soon" as deadline, expected a date (31/03/2017, 31 Mar 2017, March 2017) or a state (Completed, In progress, Ongoing, TBC, Dependent on …) [BadDate]',
      '  test/fixtures/bad/actions-bad-deadlines/action-plan.csv › C4: found "03/04/17" as deadline, expected a four-digit year (dd/mm/yyyy): a two-digit year is read only when the config sets dates.twoDigitYears [AmbiguousDate]',
      '  test/fixtures/bad/actions-bad-deadlines/action-plan.csv › E5: found "Amberish", expected a RAG rating (R, A, G, B; Red, Amber, Green, Blue, Complete; On track, At risk, Off track) or a state of progress (Not started, In progress, On hold, Done) [UnknownRating]',
      // A number repeated on the lines right under it is one action's lines; further down, it is a mistake.
      '  test/fixtures/bad/actions-bad-deadlines/action-plan.csv › A6: found action No "2.01" again (first at A4), expected each once [DuplicateKey]',
    ],
  ],
  [
    'references-unknown',
    ['  test/fixtures/bad/references-unknown/kpis.csv › A3: found measure "XX99" with no definition, expected it in the KPI definitions, or name, unit and polarity on its rows [UnknownMeasure]'],
  ],
  [
    'references-dangling',
    [
      '  test/fixtures/bad/references-dangling/outcomes.csv › C2: found recommendation "14", expected one listed in data/sample/recommendations.csv [UnknownReference]',
    ],
    // A measure named in words that matches no KPI is printed as written, with a warning; a failed build still shows it.
    ['warning: test/fixtures/bad/references-dangling/outcomes.csv › B3: found measure "Caseload per worker", which matches no measure in data/sample/kpis.csv by ID or name: it is printed as written, not rated. [MeasureNotMatched]'],
  ],
  [
    'benchmark-needs-filter',
    ['  data/dfe-ees/cla_number_and_rate_per_10k_children.csv: found several rows for England in 2025, expected one per authority and year: add a `where` filter choosing one value of "population_type" [BenchmarkAmbiguous]'],
  ],
];

it('asserts every fixture under test/fixtures/bad/', () => {
  const dirs = readdirSync('test/fixtures/bad').sort();
  expect(cases.map(([name]) => name).sort()).toEqual(dirs);
});

describe.each(cases)('papers build test/fixtures/bad/%s', (name, expected, warnings = []) => {
  const r = buildInto(`test/fixtures/bad/${name}/meeting.yaml`);
  const lines = r.stderr.split('\n');

  it('exits 1', () => {
    expect(r.code).toBe(1);
  });
  it('prints one line per problem, naming file, sheet, cell and the value found', () => {
    // Sources that were read cleanly are logged first ("read … → …"), then the report.
    expect(lines.find((l) => l.startsWith('Cannot build'))).toBe(`Cannot build: ${expected.length} problem${expected.length === 1 ? '' : 's'} in the data or config.`);
    expect(lines.filter((l) => l !== '' && !/^(read |Cannot build|  |Nothing was written|warning: )/.test(l))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('warning: '))).toEqual(warnings);
    expect(lines.filter((l) => l.startsWith('  ') && !l.startsWith('  hint:'))).toEqual(expected);
    expect(lines).toContain('Nothing was written. Fix the problems above and run the command again.');
  });
  it('prints no stack trace and writes nothing', () => {
    expect(stackLines(r.stderr)).toEqual([]);
    expect(r.stdout).toBe('');
    expect(existsSync(r.out)).toBe(false);
    expect(readdirSync(path.dirname(r.out))).toEqual([]); // no lock file, no release left beside it
  });
});

describe('papers validate says what to do, as build does', () => {
  it('prints each problem and, once, its hint', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'papers-validate-'));
    const r = papers(['validate', 'test/fixtures/bad/tracker-unknown-rating/meeting.yaml', '--out', out]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines.filter((l) => l.includes('[UnknownRating]'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('  hint: Correct the cell; or, if the plan uses words of its own'))).toHaveLength(1);
    expect(stackLines(r.stderr)).toEqual([]);
  });
});

describe('a failed build never overwrites what was published', () => {
  it('leaves the previous outputs byte for byte', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'papers-keep-')), 'output');
    mkdirSync(out);
    const name = 'item-6.pdf';
    writeFileSync(path.join(out, name), 'the published paper');
    const r = papers(['build', 'test/fixtures/bad/tracker-unknown-rating/meeting.yaml', '--out', out]);
    expect(r.code).toBe(1);
    expect(readdirSync(out)).toEqual([name]);
    expect(readFileSync(path.join(out, name), 'utf8')).toBe('the published paper');
  });
});

describe('machine problems are explained too', () => {
  it('a missing config file', () => {
    const r = buildInto('no/such/meeting.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  no config file at no/such/meeting.yaml [ConfigNotFound]');
  });
  it('no Chromium where the config says: exit 1 with what to do, nothing written', () => {
    const r = buildInto('data/sample/meeting.yaml', { PAPERS_CHROMIUM: '/nonexistent/chromium' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("  no Chromium at /nonexistent/chromium, expected Debian's chromium package [BrowserNotFound]");
    expect(r.stderr).toContain('  hint: Run `npm run setup` (it installs Chromium), or set PAPERS_CHROMIUM to the browser binary.');
    expect(stackLines(r.stderr)).toEqual([]);
    expect(existsSync(r.out)).toBe(false);
  });
});
