import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, paperViewOf } from '../../src/pipeline/index.js';
import { compilePaper, loadTemplates, ratingsSentence } from '../../src/render/index.js';
import { loadSample } from '../helpers/sample.js';
import { slug, emptyCounts } from '../../src/model/index.js';
import { paperDocx } from '../../src/render/word.js';
import { strFromU8, unzipSync } from 'fflate';

const templates = () =>
  loadTemplates(DEFAULT_TEMPLATES, { readText: (f) => readFile(f, 'utf8'), list: (d) => readdir(d) });

async function samplePaper(edit?: (loaded: Awaited<ReturnType<typeof loadSample>>) => void) {
  const loaded = await loadSample();
  edit?.(loaded);
  const config = { file: loaded.meeting.file.display, sha256: loaded.configSha256, bytes: loaded.configBytes };
  const { scored, view } = await paperViewOf(loaded.meeting, loaded.items[0]!, { config });
  return { scored, view, html: compilePaper(await templates())(view) };
}

describe('golden: the sample paper', () => {
  it('renders the HTML in test/golden/sample/paper.html (review a change like code)', async () => {
    const { html } = await samplePaper();
    await expect(html).toMatchFileSnapshot('../golden/sample/paper.html');
  });
  it('renders each appendix as in test/golden/sample/appendix-*.html', async () => {
    const { html, view } = await samplePaper();
    const sections = [...html.matchAll(/<section class="appendix[^"]*" aria-labelledby="(appendix-\d+)">[\s\S]*?\n<\/section>/g)];
    expect(sections.map((m) => m[1])).toEqual(view.appendices.map((a) => a.id));
    expect(view.appendices.map((a) => a.title)).toEqual(['RAG summary sheet', 'KPI scorecard', 'Outcomes, measures and recommendations', 'Action plan', 'Exceptions', 'How ratings are calculated']);
    for (const [i, m] of sections.entries()) {
      const a = view.appendices[i]!;
      await expect(`${m[0]}\n`).toMatchFileSnapshot(`../golden/sample/${a.id}-${slug(a.title, 40)}.html`);
    }
  });
  it('scores the model in test/golden/sample/model.json', async () => {
    const { scored } = await samplePaper();
    const model = {
      asAt: scored.asAt,
      counts: scored.plan!.counts,
      workstreams: scored.plan!.workstreams.map((w) => ({
        workstream: `${w.workstream.number} ${w.workstream.title}`,
        counts: w.counts,
        projects: w.projects.map(({ project, rating, computed, disagrees }) => ({ ref: project.ref, title: project.title, ...rating, computed: computed?.status, disagrees })),
      })),
      actions: scored.actions?.actions.map((a) => ({ no: a.action.no, ...a.rating, overdue: a.overdue, workingDays: a.workingDays })),
      kpis: scored.kpis.map((k) => ({
        id: k.kpi.id,
        ...k.rating,
        shortTerm: k.shortTerm?.text,
        longTerm: k.longTerm?.text,
        benchmark: k.benchmark,
      })),
      outcomes: scored.outcomes.map((o) => ({ outcome: o.outcome.number, measures: o.kpis.map((k) => k.kpi.id), counts: o.counts })),
      changes: scored.changes,
      exceptions: scored.exceptions.map((e) => ({ kind: e.kind, id: e.id, status: e.rating.status, why: e.why, movement: e.movement })),
    };
    await expect(`${JSON.stringify(model, null, 2)}\n`).toMatchFileSnapshot('../golden/sample/model.json');
  });
  it('gives the same bytes twice', async () => {
    const a = await samplePaper();
    const b = await samplePaper();
    expect(a.html).toBe(b.html);
  });
});

describe('templates compiled once a process', () => {
  it('renders a second build with what the first compiled, and compiles an edited template anew', async () => {
    const t = await templates();
    const { view } = await samplePaper();
    const first = compilePaper(t);
    expect(compilePaper({ ...t, partials: { ...t.partials } })).toBe(first); // the same text: the same compiled document
    const edited = { ...t, partials: { ...t.partials } };
    const name = Object.keys(edited.partials).find((n) => edited.partials[n]!.includes('</section>'))!;
    edited.partials[name] = edited.partials[name]!.replace('</section>', '<p>edited on disk</p></section>');
    const again = compilePaper(edited);
    expect(again).not.toBe(first);
    expect(again(view)).toContain('<p>edited on disk</p>');
    expect(first(view)).not.toContain('edited on disk');
    expect(compilePaper({ ...t, css: `${t.css}\n/* edited */` })(view)).toContain('/* edited */');
  });
});

describe('the sample paper reads like a council paper', () => {
  it('has the heading block, numbered paragraphs, recommendations and the RAG sheet', async () => {
    const { html, view } = await samplePaper();
    expect(view.meetingDateTime).toBe('Monday, 13 March 2017, 2.00 pm');
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<h1 id="title">Update on the Children&#x27;s Services Improvement Plan</h1>');
    expect(html).toContain('<span class="para-no">1. </span>This report updates the Panel');
    expect(html).toContain('<span class="para-no">2. </span>That the Panel:');
    expect(html).toContain('<span class="rec-no">(2) </span>considers whether any <strong>red-rated</strong> project');
    expect(html).toContain('Accurate when produced on 24/02/2017');
    expect(html).toMatch(/<td class="rag rag-red" data-source="data\/sample\/tracker\.xlsx › SIP Summary!D\d+" title="Red as stated in the tracker[^"]*"><abbr title="Red">R<\/abbr><\/td>/);
    expect(view.ratingsSentence).toBe('Of the 46 projects in the plan, 25 are rated green, 17 amber and 4 red.');
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
  });
});

describe('the KPI scorecard names the periods it compares', () => {
  it('says "Latest month" for a monthly return, "Latest period" for a quarterly one, and the figure before either way', async () => {
    const monthly = await samplePaper();
    expect(monthly.html).toContain('<th scope="col">Latest month</th>');
    expect(monthly.html).toContain('since the figure before it (short term: the month or quarter before, unless one is missing)');
    const quarterly = await samplePaper((loaded) => {
      for (const kpi of loaded.items[0]!.kpis!.kpis) for (const v of kpi.values) v.label = `Quarter to ${v.period}`;
    });
    expect(quarterly.html).toContain('<th scope="col">Latest period</th>');
    expect(quarterly.html).not.toContain('Latest month');
    expect(quarterly.html).toMatch(/<td data-source="[^"]+">[↑↓→][^<]*: [^<]* on Quarter to 2017-01 \(/);
  });
});

describe('data is text', () => {
  it('escapes markup, template syntax and CSS in cells', async () => {
    const hostile = '<script>alert(1)</script><img src=file:///etc/passwd>{{lookup this "x"}}<style>body{background:url(http://x)}</style>';
    const { html } = await samplePaper((loaded) => {
      const p = loaded.items[0]!.plan!.workstreams[0]!.projects[0]!;
      p.commentary = hostile;
      p.title = '"><iframe src=http://evil.example>';
      p.lead = "'; DROP TABLE --";
    });
    expect(html).not.toMatch(/<script|<img|<iframe|<style>body/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;file:///etc/passwd&gt;{{lookup this &quot;x&quot;}}');
    expect(html).toContain('&quot;&gt;&lt;iframe src&#x3D;http://evil.example&gt;');
  });
});

describe('a cell written over several lines', () => {
  it('keeps its lines (Alt+Enter, a project over several rows) in the HTML and the Word copy, each line escaped', async () => {
    const { html } = await samplePaper((loaded) => {
      const item = loaded.items[0]!;
      item.plan!.workstreams[0]!.projects[0]!.commentary = 'On plan.\n<b>Second</b> phase agreed';
      const action = item.actions!.actions[0]!;
      action.progress = 'Drafted.\nOut for consultation';
      if (action.lines[0]) action.lines[0].progress = action.progress;
    });
    expect(html).toContain('On plan.<br>&lt;b&gt;Second&lt;/b&gt; phase agreed');
    expect(html).toContain('Drafted.<br>Out for consultation');
    const docx = await paperDocx({ html, title: 't', subject: 's', author: 'a', creator: 'c', date: '2024-01-01', charts: new Map() });
    const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
    expect(xml).toMatch(/On plan\.<\/w:t><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:br\/><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t[^>]*>&lt;b&gt;Second&lt;\/b&gt; phase agreed/);
  });
});

describe('ratings sentence', () => {
  it('reads naturally for one kind and for none', () => {
    expect(ratingsSentence({ ...emptyCounts(), green: 1, total: 1, rated: 1 })).toBe('Of the 1 project in the plan, 1 is rated green.');
    expect(ratingsSentence(emptyCounts())).toBe('The plan holds no projects.');
    expect(ratingsSentence({ ...emptyCounts(), green: 2, grey: 1, total: 3, rated: 2 })).toBe('Of the 3 projects in the plan, 2 are rated green and 1 grey (no data).');
  });
});
