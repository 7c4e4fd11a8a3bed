/**
 * Two columns that match one field equally (src/ingest/header.ts). Officers add a status column each
 * month beside the last ("RAG (Feb 17)", "RAG (Mar 17)"): the latest is the one read. Before, the
 * leftmost — the oldest — was read, and the paper showed last month's ratings without a word. Where the
 * headers name no dates ("RAG" twice), the leftmost is read and a warning says so.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { readTracker } from '../../src/ingest/index.js';
import { whenOfHeader } from '../../src/ingest/header.js';
import type { ColumnAudit } from '../../src/model/index.js';
import { auditText } from '../../src/render/index.js';
import { textHandle } from '../helpers/read.js';

const tracker = (header: string[], rows: string[][]) => textHandle([header, ...rows].map((r) => r.join(',')).join('\r\n'), 'tracker.csv');

async function read(header: string[], rows: string[][], columns?: Record<string, string[]>) {
  const audits: ColumnAudit[] = [];
  const got = await readTracker(tracker(header, rows), { asAt: '2017-03-24', audit: (a) => audits.push(a), ...(columns ? { columns } : {}) });
  return { projects: got.plan.workstreams.flatMap((w) => w.projects.map((p) => [p.ref, p.statedStatus, p.source.rating.cell])), audit: auditText(audits[0]!), warnings: audits.flatMap((a) => a.warnings).map(formatProblem) };
}

describe('a status column added each month', () => {
  it('reads the latest of "RAG (Jan 17)", "RAG (Feb 17)", "RAG (Mar 17)", whatever their order, and says which', async () => {
    const { projects, audit, warnings } = await read(
      ['REF', 'Project', 'RAG (Feb 17)', 'RAG (Mar 17)', 'RAG (Jan 17)'],
      [
        ['1 Workstream one', '', '', '', ''],
        ['1.1', 'First project', 'G', 'R', 'G'],
        ['1.2', 'Second project', 'A', 'G', 'R'],
      ],
    );
    expect(projects).toEqual([
      ['1.1', 'red', 'D3'],
      ['1.2', 'green', 'D4'],
    ]);
    expect(audit.slice(3, 6)).toEqual([
      '  C1    "RAG (Feb 17)" → not read (an earlier RAG: the latest, column D (“RAG (Mar 17)”), is read)',
      '  D1    "RAG (Mar 17)" → RAG (filled on 2 of 3 rows)',
      '  E1    "RAG (Jan 17)" → not read (an earlier RAG: the latest, column D (“RAG (Mar 17)”), is read)',
    ]);
    expect(warnings).toEqual([]);
  });

  it('names two undated columns, reads the leftmost, and says how to choose', async () => {
    const { projects, warnings } = await read(['REF', 'Project', 'RAG', 'RAG'], [['1 Workstream one', '', '', ''], ['1.1', 'First project', 'G', 'R']]);
    expect(projects).toEqual([['1.1', 'green', 'C3']]);
    expect(warnings).toEqual([
      'tracker.csv › D1: found column "RAG", which is not read: it is as much the RAG column as C1 ("RAG"), which is read. If this one is, rename one of them: headed alike, no setting can tell them apart [ColumnAmbiguous]',
    ]);
  });
});

describe('two undated columns headed alike but not the same', () => {
  it('says which setting picks the other', async () => {
    const { warnings } = await read(['REF', 'Project', 'RAG (current)', 'RAG (overall)'], [['1 Workstream one', '', '', ''], ['1.1', 'First project', 'G', 'R']]);
    expect(warnings).toEqual([
      'tracker.csv › D1: found column "RAG (overall)", which is not read: it is as much the RAG column as C1 ("RAG (current)"), which is read. If this one is, add columns: { rating: ["RAG (overall)"] } to this source in meeting.yaml, or rename one of them [ColumnAmbiguous]',
    ]);
    // And the setting it names does pick the other.
    const chosen = await read(['REF', 'Project', 'RAG (current)', 'RAG (overall)'], [['1 Workstream one', '', '', ''], ['1.1', 'First project', 'G', 'R']], { rating: ['RAG (overall)'] });
    expect([chosen.projects, chosen.warnings]).toEqual([[['1.1', 'red', 'D3']], []]);
  });
});

describe('the date a header names', () => {
  it('a day, a month and year, a quarter, a financial year; nothing else', () => {
    expect(['Milestone (RAG) - 21/01/20', 'RAG (Feb 17)', 'Status March 2017', "RAG Apr '17", 'RAG Q1 2019/20', 'RAG 2019/20', 'RAG', 'RAG (current)', 'Status March'].map(whenOfHeader)).toEqual([
      '2020-01-21', '2017-02-99', '2017-03-99', '2017-04-99', '2019-06-99', '2020-03-99', undefined, undefined, undefined,
    ]);
  });
});
