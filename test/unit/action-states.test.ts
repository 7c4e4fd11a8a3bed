/**
 * An action plan whose status column states progress ("Not started", "In progress", "On hold", "Done")
 * instead of a RAG rating, as many councils' plans do: read, rated by the deadline, and said.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readActionPlan } from '../../src/ingest/index.js';
import { DEFAULT_RULES, progressState } from '../../src/model/index.js';
import { DEFAULT_TEMPLATES, loadMeeting, nodeEffects, paperViewOf } from '../../src/pipeline/index.js';
import { appendixTables, compilePaper, loadTemplates, tableCsv } from '../../src/render/index.js';
import { makeCalendar, scoreActions } from '../../src/score/index.js';
import { problemsFrom, textHandle } from '../helpers/read.js';

const asAt = '2025-11-10';
const CSV = [
  'Ref,Action,Lead Officer,Target Date,Status,Update',
  '1.1,Review the allocations policy,J Smith,31/03/2025,Done,Agreed by Cabinet',
  '1.2,Consult tenants on the new policy,J Smith,31/12/2025,In progress,Survey out',
  '1.3,Recruit two lettings officers,A Khan,30/10/2025,Not started,',
  '2.1,Launch the damp and mould register,A Khan,31/01/2026,On hold,Waiting for the system',
  '2.2,Publish the findings,B Jones,30/11/2025,Not started,Completed.',
  '2.3,Survey 500 homes,B Jones,31/03/2026,G,',
].join('\r\n');

describe('a status column of progress states', () => {
  it('reads "Done" as complete and keeps the other states as written, with no rating of their own', async () => {
    const plan = await readActionPlan(textHandle(CSV, 'plan.csv'), { asAt });
    expect(plan.actions.map((a) => [a.no, a.statedStatus, a.statedState])).toEqual([
      ['1.1', 'blue', undefined],
      ['1.2', undefined, 'In progress'],
      ['1.3', undefined, 'Not started'],
      ['2.1', undefined, 'On hold'],
      ['2.2', undefined, 'Not started'],
      ['2.3', 'green', undefined],
    ]);
  });

  it('knows the states plans write, and no more', () => {
    expect(['Done', 'closed', 'Achieved.'].map(progressState)).toEqual(['complete', 'complete', 'complete']);
    expect(['Not started', 'not yet started', 'On Hold', 'In progress', 'Ongoing', 'Deferred', 'Underway'].map(progressState)).toEqual(Array(7).fill('open'));
    expect(['Delayed', 'Overdue', 'Amber/Green', 'Purple', 'Not started yet because of staffing'].map(progressState)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('rates each line by its deadline and says the state; "Not started" outranks progress reading "Completed."', async () => {
    const plan = await readActionPlan(textHandle(CSV, 'plan.csv'), { asAt });
    const scored = scoreActions(plan.actions, asAt, makeCalendar(DEFAULT_RULES.workingDays), DEFAULT_RULES.actions);
    const byNo = Object.fromEntries(scored.actions.map((a) => [a.action.no, a.rating]));
    expect(byNo['1.1']!.status).toBe('blue');
    expect(byNo['1.3']).toEqual({
      status: 'red',
      reason: 'Red: overdue by 7 working days (deadline 30 October 2025, not complete at 10 November 2025); the action plan’s status reads “Not started” (plan.csv › E4)',
    });
    expect(byNo['2.1']!.status).toBe('green');
    expect(byNo['2.1']!.reason).toContain('the action plan’s status reads “On hold” (plan.csv › E5)');
    expect(byNo['2.2']!.status).toBe('amber'); // its progress says "Completed.", its status "Not started"
  });

  it('refuses a word that is neither a rating nor a state, naming both', async () => {
    const bad = ['No,Action,Deadline,Status', '1.01,Do a thing,31/03/2026,Delayed'].join('\r\n');
    expect(await problemsFrom(() => readActionPlan(textHandle(bad, 'plan.csv'), { asAt }))).toEqual([
      'plan.csv › D2: found "Delayed", expected a RAG rating (R, A, G, B; Red, Amber, Green, Blue, Complete; On track, At risk, Off track) or a state of progress (Not started, In progress, On hold, Done) [UnknownRating]',
    ]);
  });
});

describe('the paper of such a plan', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'papers-states-'));
  writeFileSync(path.join(dir, 'action-plan.csv'), CSV);
  writeFileSync(
    path.join(dir, 'paper.md'),
    ['---', 'reportOf: Report of the Director of Housing', 'summary: Progress on the housing action plan.', 'recommendationsTo: Cabinet', 'recommendations:', '  - notes the progress of the action plan.', 'contactOfficer: J Smith, 01632 960 000', '---', '', '## Background', '', 'The plan was agreed in March.', ''].join('\n'),
  );
  const meeting = ['council: Test Council', 'committee: Cabinet', 'start: 2025-11-20T14:00', 'venue: Town Hall', `asAt: ${asAt}`, 'items:', '  - number: 1', '    title: Housing action plan', '    narrative: paper.md', '    actions: { file: action-plan.csv }', ''].join('\n');
  writeFileSync(path.join(dir, 'meeting.yaml'), meeting);

  it('shows each state above the progress, lists the action on hold among the reasons, and keeps the plan’s status as data', async () => {
    const loaded = await loadMeeting(path.join(dir, 'meeting.yaml'), { cwd: dir }, nodeEffects({ log: () => {} }));
    const { view } = await paperViewOf(loaded.meeting, loaded.items[0]!);
    const html = compilePaper(await loadTemplates(DEFAULT_TEMPLATES, { readText: (f) => readFile(f, 'utf8'), list: (d) => readdir(d) }))(view);
    expect(html).toContain('<td><span class="state">On hold</span>Waiting for the system</td>');
    expect(html).toContain('<td><span class="state">Not started</span></td>');
    const reasons = /Why each rating other than green[\s\S]*?<\/section>/.exec(html)![0];
    expect([...reasons.matchAll(/<\/span> ([\d.]+) /g)].map((m) => m[1])).toEqual(['1.3', '2.1', '2.2']);
    const table = appendixTables(view).find((t) => t.name.endsWith('action-plan'))!;
    const rows = parse(tableCsv(table), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.no, r['plan status'], r.status])).toEqual([
      ['1.1', 'Blue (complete)', 'Blue (complete)'],
      ['1.2', 'In progress', 'Green'],
      ['1.3', 'Not started', 'Red'],
      ['2.1', 'On hold', 'Green'],
      ['2.2', 'Not started', 'Amber'],
      ['2.3', 'Green', 'Green'],
    ]);
  });
});
