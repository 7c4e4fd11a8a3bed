/**
 * The column audit: every source says what it read. Run over every meeting and schedule in the repository
 * (the sample, the examples, every fixture), it must account for every header cell, and no source may
 * have a required field empty on every row — the shape of a file read wrong without a word.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { readOutcomesMap, readTracker } from '../../src/ingest/index.js';
import type { ColumnAudit } from '../../src/model/index.js';
import { checkMeeting, nodeEffects } from '../../src/pipeline/index.js';
import { parseScheduleConfig, sourcesFor } from '../../src/config/index.js';
import { DEFAULT_LIMITS, readSources, SharedReads } from '../../src/ingest/index.js';
import { DEFAULT_RULES } from '../../src/model/index.js';
import { auditText } from '../../src/render/index.js';
import { problemsFrom, textHandle } from '../helpers/read.js';

const SKIP = new Set(['node_modules', 'dist', 'output', '.tmp', '.git']);

function configsUnder(dir: string, name: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (SKIP.has(entry)) continue;
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) configsUnder(p, name, found);
    else if (entry === name) found.push(p);
  }
  return found;
}

const quiet = nodeEffects({ log: () => {} });

/** Every audit a meeting's sources give, read from the meeting's own folder as a council runs it. */
async function auditsOfMeeting(config: string): Promise<{ audits: ColumnAudit[]; errors: string[] }> {
  const cwd = path.dirname(path.resolve(config));
  const check = await checkMeeting('meeting.yaml', { cwd, allowOutside: true }, quiet);
  return { audits: check.audits, errors: check.errors.map(formatProblem) };
}

function checkAudit(a: ColumnAudit, where: string): void {
  const label = `${where}: ${auditText(a)[0]}`;
  // Every header cell is accounted for: read as a field, a month, a heading, or ignored with a reason.
  for (const c of a.columns) expect(c.field !== undefined || c.month !== undefined || c.heading === true || (c.ignored ?? '') !== '', `${label} ${c.cell}`).toBe(true);
  // No required field empty on every row of a table that has rows.
  if (a.rows > 0) {
    for (const c of a.columns.filter((c) => c.required)) expect(a.filled[c.field!], `${label}: ${c.cell} ${c.header} (${c.name}) empty on every row`).toBeGreaterThan(0);
  }
}

describe('the column audit over every meeting in the repository', () => {
  const meetings = ['data', 'examples', 'test/fixtures'].flatMap((d) => configsUnder(d, 'meeting.yaml')).sort();
  it('finds the meetings (the sample, the examples and the fixtures)', () => {
    expect(meetings).toContain(path.join('data', 'sample', 'meeting.yaml'));
    expect(meetings.filter((m) => m.startsWith('examples'))).toHaveLength(readdirSync('examples').filter((e) => statSync(path.join('examples', e)).isDirectory()).length);
    expect(meetings.length).toBeGreaterThan(20);
  });
  it.each(meetings)('%s: each header accounted for, no required field empty on every row', async (config) => {
    const { audits, errors } = await auditsOfMeeting(config);
    for (const a of audits) checkAudit(a, config);
    // A fixture made to be wrong may be wrong in many ways, but none by a required column empty on every row.
    expect(errors.filter((e) => e.endsWith('[ColumnEmpty]'))).toEqual([]);
  });
  it('covers the good meetings’ every table: the sample’s seven', async () => {
    const { audits } = await auditsOfMeeting('data/sample/meeting.yaml');
    expect(audits.map((a) => path.basename(a.source.file))).toEqual(['tracker.xlsx', 'kpi-definitions.csv', 'kpis.csv', 'action-plan.xlsx', 'outcomes.csv', 'recommendations.csv']);
  });
});

describe('the column audit over every schedule in the repository', () => {
  const schedules = ['data', 'examples'].flatMap((d) => configsUnder(d, 'schedule.yaml'));
  it.each(schedules)('%s: each period’s extracts', async (config) => {
    const cwd = path.dirname(path.resolve(config));
    const schedule = parseScheduleConfig(readFileSync(path.join(cwd, 'schedule.yaml'), 'utf8'), 'schedule.yaml', { cwd });
    const periods = readdirSync(path.join(cwd, 'extracts')).filter((p) => /^\d{4}-\d{2}$/.test(p));
    expect(periods.length).toBeGreaterThan(0);
    for (const p of periods) {
      const got = await readSources(sourcesFor(schedule, schedule.sources, p, cwd), { asAt: `${p}-28`, limits: DEFAULT_LIMITS, twoDigitYears: undefined, rules: DEFAULT_RULES }, new SharedReads(), quiet);
      expect(got.problems.map(formatProblem)).toEqual([]);
      expect(got.audits.length).toBeGreaterThan(0);
      for (const a of got.audits) checkAudit(a, `${config} ${p}`);
    }
  });
});

describe('a table read wrong says so', () => {
  it('a required column empty on every row is one error naming the column and the alias to add, not one per row', async () => {
    const csv = ['Outcome,Measure,Measure Description,Recommendations', 'Safe at home,,Re-referrals,2', ',,Plans over 2 years,4', 'Care leavers thrive,,In education,11'].join('\r\n');
    expect(await problemsFrom(() => readOutcomesMap(textHandle(csv, 'outcomes.csv')))).toEqual([
      'outcomes.csv › B1: found column "Measure", read as the measure, empty on every one of the 3 rows read, expected a measure on each. If another column holds it, add its header as columns: { measure: ["…"] } to this source in meeting.yaml [ColumnEmpty]',
    ]);
  });
  it('a table with a header and nothing under it says so', async () => {
    expect(await problemsFrom(() => readOutcomesMap(textHandle('Outcome,Measure\r\n', 'outcomes.csv')))).toEqual([
      'outcomes.csv › A1:B1: found the header on row 1 and no outcomes under it, expected at least one [NoRecords]',
    ]);
  });
  it('a column close to a field the table lacks is a warning naming the alias to add', async () => {
    const audits: ColumnAudit[] = [];
    const csv = ['Outcome,Measure,Recomendation Nos', 'Safe at home,CP01,2; 4'].join('\r\n');
    const map = await readOutcomesMap(textHandle(csv, 'outcomes.csv'), { audit: (a) => audits.push(a) });
    expect(map.outcomes[0]!.recommendations).toEqual([]);
    expect(audits[0]!.warnings.map(formatProblem)).toEqual([
      'outcomes.csv › C1: found column "Recomendation Nos", which is not read: it looks like the recommendations column (headed like "Recommendation Nos"), which this table lacks. If it is, add columns: { recommendations: ["Recomendation Nos"] } to this source in meeting.yaml [ColumnNotRead]',
    ]);
    expect(auditText(audits[0]!)).toEqual([
      'columns of outcomes.csv (header on row 1, 1 row read):',
      '  A1    "Outcome" → outcome (filled on 1 of 1 row)',
      '  B1    "Measure" → measure (filled on 1 of 1 row)',
      '  C1    "Recomendation Nos" → not read (not a known column; it looks like recommendations, which the table lacks)',
      '  not in this table (optional): number, recommendations',
    ]);
  });
  it('reads a header with a note in brackets, and prefers the column matching the earlier alias', async () => {
    const audits: ColumnAudit[] = [];
    const csv = ['Subject,Lead,No,Actions,Deadline,Responsible,Progress to date (Sept 2017)', 'Rec 1,MK,1.01,Do it,March 2018,Head of Service,Started'].join('\r\n');
    const { readActionPlan } = await import('../../src/ingest/index.js');
    const plan = await readActionPlan(textHandle(csv, 'plan.csv'), { asAt: '2017-10-10', audit: (a) => audits.push(a) });
    expect([plan.actions[0]!.responsible, plan.actions[0]!.progress]).toEqual(['Head of Service', 'Started']);
    expect(auditText(audits[0]!).slice(1)).toEqual([
      '  A1    "Subject" → not read (not a known column)',
      '  B1    "Lead" → not read (it also matches responsible, read from column F (“Responsible”))',
      '  C1    "No" → action No (filled on 1 of 1 row)',
      '  D1    "Actions" → action (filled on 1 of 1 row)',
      '  E1    "Deadline" → deadline (filled on 1 of 1 row)',
      '  F1    "Responsible" → responsible (filled on 1 of 1 row)',
      '  G1    "Progress to date (Sept 2017)" → progress (filled on 1 of 1 row)',
      '  not in this table (optional): recommendation, summary, what good looks like, status, completed',
    ]);
  });
  it('a tracker whose RAG is only colour is not empty', async () => {
    const audits: ColumnAudit[] = [];
    const { fileHandle } = await import('../helpers/read.js');
    await readTracker(fileHandle('test/fixtures/exceljs/quirks.xlsx'), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    const rag = audits[0]!.columns.find((c) => c.field === 'rating')!;
    expect(audits[0]!.filled.rating).toBe(3);
    expect(rag.required).toBe(true);
  });
});
