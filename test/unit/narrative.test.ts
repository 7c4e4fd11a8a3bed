import { describe, expect, it } from 'vitest';
import { readNarrative } from '../../src/ingest/index.js';
import { renderNarrative } from '../../src/render/index.js';
import { problemsFrom } from '../helpers/read.js';

describe('narrative front matter', () => {
  it('reads the fixed parts and keeps the body', () => {
    const n = readNarrative('---\nreportOf: Director\nsummary: S\nrecommendations:\n  - notes it\n---\n## Background\n\nText.\n', 'p.md', 'h');
    expect(n.front).toEqual({ reportOf: 'Director', summary: 'S', recommendationsTo: 'the Committee', recommendations: ['notes it'], wards: 'All', keyDecision: false, implications: {}, contacts: [], backgroundPapers: [] });
    expect(n.body).toBe('## Background\n\nText.\n');
  });
  it('reports every problem with its line', async () => {
    const text = '---\nreportOf: Director\nrecommendations: []\nward: All\n---\nBody\n';
    expect(await problemsFrom(() => readNarrative(text, 'p.md', 'h'))).toEqual([
      'p.md:2 › summary: found nothing, expected some text [NarrativeInvalid]',
      'p.md:3 › recommendations: found "[]", expected at least one recommendation [NarrativeInvalid]',
      'p.md:2: found unknown key "ward", expected only the keys documented in docs/CONFIG.md (reportOf, summary, recommendationsTo, recommendations, contactOfficer, wards, keyDecision, implications, contacts, backgroundPapers); the nearest to "ward" is "wards" [NarrativeInvalid]',
    ]);
  });
  it('needs front matter', async () => {
    expect(await problemsFrom(() => readNarrative('Just text', 'p.md', 'h'))).toEqual([
      'p.md:1: found no front matter, expected the file to start with a --- block holding reportOf, summary and recommendations [NarrativeInvalid]',
    ]);
  });
});

describe('narrative Markdown', () => {
  it('numbers top-level paragraphs consecutively from where it is told', () => {
    const { html, next } = renderNarrative('## A\n\nOne.\n\n- a list item\n\nTwo.\n', 3);
    expect(html).toContain('<p class="numbered"><span class="para-no">3. </span>One.</p>');
    expect(html).toContain('<p class="numbered"><span class="para-no">4. </span>Two.</p>');
    expect(html).toContain('<li>a list item</li>');
    expect(next).toBe(5);
  });
  it('shows raw HTML as text, loads no images, and drops script links', () => {
    const { html } = renderNarrative('<script>alert(1)</script> ![x](http://evil.example/x.png) [click](javascript:alert(1)) <img src=file:///etc/passwd>', 1);
    expect(html).not.toMatch(/<script|<img|href="javascript|href="file/i);
    expect(html).toContain('[click](javascript:alert(1))'); // inert text, not a link
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=file:///etc/passwd&gt;');
  });
});
