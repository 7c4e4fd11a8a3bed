/**
 * The example meetings in examples/ (each a paper made of different sections): golden HTML for each
 * paper, read and rendered as a council runs it — from the example's own folder — and the counts each
 * paper prints, worked out here from the examples' raw data, not by the product's code.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { slug } from '../../src/model/index.js';
import { DEFAULT_TEMPLATES, loadMeeting, nodeEffects, paperViewOf } from '../../src/pipeline/index.js';
import { compilePaper, loadTemplates } from '../../src/render/index.js';
import { ACTION_LINES, ACTION_OUTCOMES } from '../../scripts/example-action-plan.js';
import { MEASURES, OUTCOMES_MAP } from '../../scripts/example-measures.js';
import { EXTRACT_DATE, PLANS } from '../../scripts/example-plans-on-a-page.js';
import { SIP_WORKSTREAMS } from '../../scripts/example-sip.js';

async function paperOf(example: string) {
  const cwd = path.resolve('examples', example);
  const loaded = await loadMeeting('meeting.yaml', { cwd }, nodeEffects({ log: () => {} }));
  const item = loaded.items[0]!;
  const config = { file: loaded.meeting.file.display, sha256: loaded.configSha256, bytes: loaded.configBytes };
  const { scored, view } = await paperViewOf(loaded.meeting, item, { config });
  const templates = await loadTemplates(DEFAULT_TEMPLATES, { readText: (f) => readFile(f, 'utf8'), list: (d) => readdir(d) });
  return { loaded, scored, view, html: compilePaper(templates)(view) };
}

describe.each(['cabinet-action-plan', 'performance-report', 'outcomes-paper', 'improvement-board', 'plans-on-a-page', 'exempt-item'])('golden: examples/%s', (example) => {
  it('renders the paper as in test/golden/<example>/ (review a change like code)', async () => {
    const { html, view } = await paperOf(example);
    await expect(html).toMatchFileSnapshot(`../golden/${example}/paper.html`);
    for (const a of view.appendices) {
      const m = new RegExp(`<section class="appendix[^"]*" aria-labelledby="${a.id}">[\\s\\S]*?\\n</section>`).exec(html);
      await expect(`${m![0]}\n`).toMatchFileSnapshot(`../golden/${example}/${a.id}-${slug(a.title, 40)}.html`);
    }
  });
});

describe('the Cabinet action-plan paper (seed 001’s shape: no tracker)', () => {
  it('holds the action plan, its exceptions and its rules — nothing it has no source for', async () => {
    const { view, loaded } = await paperOf('cabinet-action-plan');
    expect(loaded.items[0]!.plan).toBeUndefined();
    expect(view.appendices.map((a) => a.title)).toEqual(['Action plan', 'Exceptions', 'How ratings are calculated']);
  });

  it('counts its actions as the raw plan gives them, grouped by the plan’s outcomes', async () => {
    // Worked out from the plan's own lines (scripts/example-action-plan.ts), as at Friday 29 September 2017.
    // An action is a line and the lines under it with the same summary and officer and no recommendation of
    // their own (the workbook leaves their number blank). A line is done when its deadline says "Completed…"
    // or its progress is one of the statements listed here by hand; it has no date when its deadline is a
    // state; it is overdue when its deadline (or the month a text names) is before the as-at date; due soon
    // when it is September 2017 (the 30th, a Saturday, is within 20 working days); later ones are on track.
    const DONE_PROGRESS = new Set([
      'Complete',
      'Workshops planned to March launched at the partnership event on 21 Sept Completed',
      'Complete. The panel agreed its data needs at its September meeting; it has still to say what it needs from the virtual school.',
      'Completed Will need to check the policy is followed',
    ]);
    type Line = (typeof ACTION_LINES)[number][number];
    const lineState = (l: Line): 'complete' | 'noDate' | 'overdue' | 'dueSoon' | 'onTrack' => {
      const [, , , deadline, , , progress] = l;
      if (deadline.startsWith('Completed') || DONE_PROGRESS.has(progress)) return 'complete';
      if (/^(Ongoing|In progress|TBC|Linked|Depended)/.test(deadline)) return 'noDate';
      if (['31/08/2017', '30/06/2017', 'First phase August 2017'].includes(deadline)) return 'overdue';
      if (/September 2017$/.test(deadline)) return 'dueSoon';
      return 'onTrack';
    };
    const actions: Line[][] = ACTION_LINES.flatMap((group) =>
      group.reduce<Line[][]>((acc, l, i) => {
        const prev = group[i - 1];
        if (prev && l[0] === '' && prev[1] === l[1] && prev[4] === l[4]) acc[acc.length - 1]!.push(l);
        else acc.push([l]);
        return acc;
      }, []),
    );
    // An action: complete when every line is; else its worst open line (overdue, due soon, on track, no date).
    const order = ['overdue', 'dueSoon', 'onTrack', 'noDate'] as const;
    const states = actions.map((a) => {
      const open = a.map(lineState).filter((s) => s !== 'complete');
      return open.length === 0 ? 'complete' : order.find((o) => open.includes(o))!;
    });
    const count = (s: string): number => states.filter((x) => x === s).length;
    const [complete, onTrack, dueSoon, overdue, noDate] = ['complete', 'onTrack', 'dueSoon', 'overdue', 'noDate'].map(count);
    expect([ACTION_LINES.flat().length, actions.length, complete, onTrack, dueSoon, overdue, noDate]).toEqual([80, 60, 4, 38, 1, 3, 14]);
    const { view, scored, html } = await paperOf('cabinet-action-plan');
    expect(view.ratingsSentence).toBe(`Of the ${actions.length} actions in the plan: ${complete} complete, ${onTrack} on track, ${dueSoon} due within 20 working days, ${overdue} overdue and ${noDate} with no date to rate against.`);
    // The overdue actions, numbered as the workbook numbers them (n.nn within each outcome group).
    const numbers = ACTION_LINES.flatMap((group, g) => {
      let n = 0;
      return group.map((l, i) => {
        const prev = group[i - 1];
        if (!(prev && l[0] === '' && prev[1] === l[1] && prev[4] === l[4])) n += 1;
        return `${g + 1}.${String(n).padStart(2, '0')}`;
      });
    });
    const overdueIds = [...new Set(ACTION_LINES.flat().flatMap((l, i) => (lineState(l) === 'overdue' ? [numbers[i]!] : [])))];
    expect(scored.exceptions.map((e) => e.id)).toEqual(overdueIds);
    // One group per outcome, in the plan's order, each action under it; a line for each recommendation inside.
    const heads = [...html.matchAll(/<tr class="rec-head"><th scope="rowgroup" colspan="6">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(heads).toEqual(ACTION_OUTCOMES.map((o) => o.replace(/'/g, '&#x27;')));
    const subheads = [...html.matchAll(/<tr class="rec-sub"><th scope="rowgroup" colspan="6">Recommendation (\d+):/g)].map((m) => Number(m[1]));
    expect(subheads).toEqual(ACTION_LINES.flatMap((group) => group.flatMap((l) => (l[0] === '' ? [] : [l[0]]))));
  });
});

describe('the performance report (KPI definitions, a return and DfE benchmarks only)', () => {
  it('is a KPI scorecard with its exceptions and rules, its measures rated and benchmarked', async () => {
    const { view, scored } = await paperOf('performance-report');
    expect(view.appendices.map((a) => a.title)).toEqual(['KPI scorecard', 'Exceptions', 'How ratings are calculated']);
    expect(scored.kpis.map((k) => k.kpi.id)).toEqual(MEASURES.map((m) => m.id));
    expect([...scored.benchmarkYears.keys()].sort()).toEqual(['CL01', 'CP01', 'LA01', 'LA02', 'PR01', 'WF01', 'WF02']);
    // Rated from the definitions by hand: latest against target, within the tolerance amber, beyond red.
    expect(Object.fromEntries(scored.kpis.map((k) => [k.kpi.id, k.rating.status]))).toEqual({
      PR01: 'red', // 24.6 against 22 (lower is better; 5% allows 23.1)
      AS01: 'amber', // 83.1 against 85 (5% allows 80.75)
      CN01: 'green', // 91.4 against 90
      CP01: 'red', // 20.5 against 18 (10% allows 19.8)
      CP02: 'amber', // 93.2 against 95 (3% allows 92.15)
      CP03: 'amber', // 47.9, above the band 38–46 by 1.9 (5% of 46 allows 2.3)
      LA01: 'none', // contextual
      LA02: 'green', // 9.1 against 10
      LA03: 'green', // 96.8 against 95
      CL01: 'red', // 84 against 90 (5% allows 85.5)
      WF01: 'red', // 17.8 against 15 (5% allows 15.75)
      WF02: 'amber', // 12.4 against 12 (5% allows 12.6)
      WF03: 'red', // 19.2 against 18 (5% allows 18.9)
    });
    expect(view.ratingsSentence).toBe('Of the 13 measures in the scorecard, 3 are rated green, 4 amber, 5 red and 1 grey (no data).');
    const rules = view.sections.find((s) => s.kind === 'rules')!.view as unknown as { sections: { heading: string }[] };
    expect(rules.sections.map((s) => s.heading)).toEqual(['Key performance indicators']);
  });
});

describe('the outcomes paper (outcomes map and recommendations only)', () => {
  it('prints each outcome with its measures as written and the recommendations it answers', async () => {
    const { view, scored, html } = await paperOf('outcomes-paper');
    expect(view.appendices.map((a) => a.title)).toEqual(['Outcomes, measures and recommendations']);
    expect(scored.outcomes.map((o) => o.outcome.number)).toEqual(OUTCOMES_MAP.map((o) => String(o.number)));
    expect(scored.outcomes.map((o) => o.measures.length)).toEqual(OUTCOMES_MAP.map((o) => o.measures.length));
    expect(scored.outcomes.map((o) => o.outcome.recommendations.map((r) => r.number))).toEqual(OUTCOMES_MAP.map((o) => [...new Set(o.recommendations.filter((r) => r !== undefined))].map(String)));
    const measures = OUTCOMES_MAP.reduce((a, o) => a + o.measures.length, 0);
    expect(view.ratingsSentence).toBe(`The outcomes map sets out 8 outcomes, ${measures} measures to show whether each is being achieved, and the 14 recommendations they answer.`);
    expect(html).not.toContain('Coverage check'); // nothing to check it against: no action plan, no KPI return
    expect(html).not.toContain('class="rag-chip'); // measures named in words, not rated
    expect(html).not.toMatch(/<h2 id="exceptions">/);
  });
});

describe('the improvement board’s SIP paper (seed 000’s shape: the RAG summary sheet and its outcomes)', () => {
  it('counts each workstream’s projects and ratings as the raw tracker rows give them', async () => {
    const { scored, view } = await paperOf('improvement-board');
    const plan = scored.plan!;
    expect(plan.plan.workstreams.map((w) => [w.number, w.title, w.projects.length])).toEqual(SIP_WORKSTREAMS.map((w) => [String(w.number), w.title, w.projects.length]));
    // Each workstream's letters, counted from the raw rows: the paper shows the stated rating.
    const letter = { G: 'green', A: 'amber', R: 'red' } as const;
    for (const [i, w] of SIP_WORKSTREAMS.entries()) {
      expect(plan.workstreams[i]!.projects.map((p) => [p.project.ref, p.rating.status])).toEqual(w.projects.map((p) => [p[0], letter[p[2]]]));
    }
    const all = SIP_WORKSTREAMS.flatMap((w) => w.projects);
    const n = (l: 'G' | 'A' | 'R'): number => all.filter((p) => p[2] === l).length;
    expect([all.length, n('G'), n('A'), n('R')]).toEqual([47, 21, 18, 8]);
    expect(view.ratingsSentence).toContain(`Of the ${all.length} projects in the plan, ${n('G')} are rated green, ${n('A')} amber and ${n('R')} red.`);
    // No criteria columns and every milestone after the extract's date (24/02/2017): the rules have no
    // evidence against any stated rating, so the exceptions are the red projects and nothing else.
    expect(plan.plan.footerAsAt).toBe('2017-02-24');
    expect(scored.exceptions.map((e) => e.id)).toEqual(all.filter((p) => p[2] === 'R').map((p) => p[0]));
  });
});

describe('the plans-on-a-page paper (seed 003’s shape: no REF, a sheet a plan, states as fills)', () => {
  // "By Nov 19", "Apr 20 – Oct 20": the end of the last month named, years in the 2000s.
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const monthEnd = (text: string): string | undefined => {
    const found = [...text.matchAll(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* (\d\d)\b/g)].at(-1);
    if (!found) return undefined; // a milestone with no date is never overdue
    const [, mon, yy] = found;
    const month = MONTHS.indexOf(mon!) + 1;
    const last = new Date(Date.UTC(2000 + Number(yy), month, 0)).getUTCDate();
    return `20${yy}-${String(month).padStart(2, '0')}-${last}`;
  };
  const RANK = { blue: 0, green: 1, amber: 2, red: 3 } as const;

  it('reads every sheet as a workstream, projects merged down as one, refs made per sheet', async () => {
    const { scored } = await paperOf('plans-on-a-page');
    const plan = scored.plan!.plan;
    expect(plan.workstreams.map((w) => [w.title, w.projects.length])).toEqual(PLANS.map((p) => [p.title, p.projects.length]));
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => p.ref))).toEqual(PLANS.flatMap((p, s) => p.projects.map((_, i) => `${s + 1}.${i + 1}`)));
    expect(plan.workstreams.flatMap((w) => w.projects.map((p) => p.milestones.flatMap((m) => m.milestones).length))).toEqual(PLANS.flatMap((p) => p.projects.map((x) => x.milestones.length)));
    expect(plan.footerAsAt).toBe(EXTRACT_DATE);
  });

  it('rates each project by its worst milestone not yet completed, and lists the red and the optimistic', async () => {
    const { scored } = await paperOf('plans-on-a-page');
    const projects = PLANS.flatMap((p, s) => p.projects.map((x, i) => ({ ref: `${s + 1}.${i + 1}`, ...x })));
    const stated = projects.map((p) => {
      const open = p.milestones.filter((m) => m[1] !== 'blue');
      return open.length === 0 ? 'blue' : open.map((m) => m[1]).sort((a, b) => RANK[b] - RANK[a])[0]!;
    });
    expect(scored.plan!.workstreams.flatMap((w) => w.projects.map((p) => p.rating.status))).toEqual(stated);
    // Overdue at the extract's date (21/01/2020): a milestone whose month ended before it, not completed.
    // 1 overdue: amber; 2 or more: red. An exception: stated red, or the rules give worse than stated.
    const overdue = projects.map((p) => p.milestones.filter((m) => m[1] !== 'blue' && (monthEnd(m[0]) ?? '9999') < EXTRACT_DATE).length);
    const computed = overdue.map((n) => (n >= 2 ? 'red' : n === 1 ? 'amber' : 'green'));
    const listed = projects.filter((p, i) => stated[i] === 'red' || (stated[i] !== 'blue' && RANK[computed[i]!] > RANK[stated[i]!])).map((p) => p.ref);
    expect(scored.exceptions.map((e) => e.id)).toEqual(listed);
    expect(listed.length).toBeGreaterThan(0);
  });
});
