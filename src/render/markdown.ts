/**
 * The author's Markdown → HTML, safely, with top-level paragraphs numbered as committee reports
 * number them (consecutively across sections).
 *
 * Policy: raw HTML in the Markdown is shown as text (html: false); images are off (nothing may be
 * loaded while printing); links keep only http(s) and mailto targets, anything else is rendered as
 * plain text. Headings `#` and `##` both become section headings (h2) under the paper's title.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.disable(['image']);
md.validateLink = (url: string): boolean => /^(https?:|mailto:)/i.test(url.trim());

export interface NumberedHtml {
  html: string;
  /** The number the next paragraph after this block would take. */
  next: number;
}

/** Render Markdown, numbering its top-level paragraphs from `start`. */
export function renderNarrative(markdown: string, start: number): NumberedHtml {
  const tokens = md.parse(markdown, {});
  let n = start;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'heading_open' || t.type === 'heading_close') {
      const level = Number(t.tag.slice(1));
      t.tag = `h${Math.min(6, Math.max(2, level + (level === 1 ? 1 : 0)))}`;
    }
    if (t.type === 'paragraph_open' && t.level === 0) {
      t.attrSet('class', 'numbered');
      const inline = tokens[i + 1];
      if (inline && inline.type === 'inline') {
        const state = new md.core.State('', md, {});
        const num = new state.Token('html_inline', '', 0);
        num.content = `<span class="para-no">${n}. </span>`;
        inline.children = [num, ...(inline.children ?? [])];
      }
      n += 1;
    }
  }
  return { html: md.renderer.render(tokens, md.options, {}), next: n };
}

/** Render one line of Markdown inline (bold, italics, links), no paragraph. */
export function renderInline(markdown: string): string {
  return md.renderInline(markdown);
}
