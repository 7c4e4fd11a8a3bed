/** `papers validate`: every problem printed and counted, exit 1 on errors, an HTML report written. */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { papers, papersIn, ROOT, stackLines } from '../helpers/cli.js';

describe('papers validate', () => {
  it('on the sample: reads every source, no errors, and writes a report saying so', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'papers-validate-'));
    const r = papers(['validate', 'data/sample/meeting.yaml', '--out', out]);
    expect(r.code).toBe(0);
    for (const f of ['tracker.xlsx › SIP Summary → 46 projects in 8 workstreams', 'kpi-definitions.csv → 24 measure definitions', 'kpis.csv → 24 measures, 312 values', 'item-6.snapshot.json → snapshot of item 6 as at 2017-01-27', 'minutes-2017-01-23.pdf → item 4, a PDF of 2 pages', 'action-plan.xlsx › Action Plan → 17 actions', 'outcomes.csv → 8 outcomes', 'recommendations.csv → 13 recommendations']) {
      expect(r.stderr).toContain(f);
    }
    expect(r.stderr).toMatch(/PR02 benchmark rereferral_percent, 13 years to 2025, Worcestershire and 10 neighbours/);
    expect(r.stderr).toMatch(/^Valid: 0 errors, 0 warnings\. Report: .+validation\.html$/m);
    const report = readFileSync(path.join(out, 'validation.html'), 'utf8');
    expect(report).toContain('No errors: the papers can be built.');
    expect(report).toContain('<code>data/sample/action-plan.xlsx › Action Plan</code>: 17 actions');
  });

  it('on bad data: every problem, the counts, exit 1, and the same problems in the report', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'papers-validate-'));
    const r = papers(['validate', 'test/fixtures/bad/actions-bad-deadlines/meeting.yaml', '--out', out]);
    expect(r.code).toBe(1);
    expect(stackLines(r.stderr)).toEqual([]);
    expect(r.stderr).toContain('  test/fixtures/bad/actions-bad-deadlines/action-plan.csv › C4: found "03/04/17" as deadline');
    expect(r.stderr).toMatch(/^Invalid: 4 errors, 0 warnings\. Report: /m);
    const report = readFileSync(path.join(out, 'validation.html'), 'utf8');
    expect(report).toContain('4 errors and 0 warnings: the papers cannot be built until the errors are fixed.');
    expect(report).toContain('<td>test/fixtures/bad/actions-bad-deadlines/action-plan.csv › C3</td><td>found &quot;soon&quot; as deadline');
    expect(report).toContain('<code>AmbiguousDate</code>');
    // validate writes only its report, never a paper
    expect(existsSync(path.join(out, 'item-6.pdf'))).toBe(false);
  });

  // Every example, copied where a council keeps it: each table it reads says which header went to which field.
  it.each(readdirSync(path.join(ROOT, 'examples')).filter((e) => existsSync(path.join(ROOT, 'examples', e, 'meeting.yaml'))))('prints the column audit of every table examples/%s reads', (example) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-validate-example-'));
    cpSync(path.join(ROOT, 'examples', example), dir, { recursive: true });
    const r = papersIn(dir, ['validate', 'meeting.yaml', '--out', 'out']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Valid: 0 errors, \d+ warnings?\. Report: /m);
    // The tables read (not benchmarks, whose columns the config names, nor PDFs and snapshots).
    const tables = [...r.stderr.matchAll(/^read (\S+\.(?:csv|xlsx))(?: › ([^→]+?))? → (?!\S+ benchmark)/gm)].map((m) => (m[2] ? `${m[1]} › ${m[2].split(', ')[0]}` : m[1]));
    expect(tables.length).toBeGreaterThan(0);
    // The audit is the command's output (stdout): it can be saved or piped; the log is on stderr.
    for (const t of tables) expect(r.stdout, t).toContain(`columns of ${t} (header on row `);
    // Each audit line maps a header cell or says why it was not read.
    const lines = r.stdout.split('\n').filter((l) => /^ {2}[A-Z]+\d+ {2,}"/.test(l));
    expect(lines.length).toBeGreaterThan(tables.length);
    for (const l of lines) expect(l).toMatch(/" → (?:.+ \(filled on \d+ of \d+ rows?\)|not read \(.+\)|milestones for \w+|the heading over the months below)$/);
    const report = readFileSync(path.join(dir, 'out', readdirSync(path.join(dir, 'out')).find((f) => f === 'validation.html')!), 'utf8');
    expect(report).toContain('Columns read');
  });
});
