/**
 * PaperView → one self-contained HTML document (styles inline, no scripts, nothing to load).
 * Pure: templates come in as text, HTML goes out as text.
 *
 * Policy: templates use `{{…}}` (escaped) for every value from data. `{{{…}}}` is allowed only for
 * HTML this program made itself from escaped text (the rendered Markdown) and for the stylesheet; `{{lines x}}`
 * escapes each line of a cell's text and keeps its line breaks.
 */
import Handlebars from 'handlebars';
import type { PaperView } from './view.js';

export interface Templates {
  /** The page template. */
  paper: string;
  /** Partials by name (file name without .hbs). */
  partials: Record<string, string>;
  /** The one stylesheet, inlined into every document. */
  css: string;
  /** The validation report page. */
  validation: string;
  /** The agenda pack's own pages: the front sheet, and the cover of an included PDF. */
  pack: string;
  /** A monthly highlight report. */
  highlight: string;
}

export type PaperRenderer = (view: PaperView) => string;

/**
 * A cell's text as written, its lines kept: an officer's Alt+Enter in Excel, or the further lines a project or
 * its commentary was written over, each escaped and joined by `<br>` (HTML would run them into one line).
 */
export function cellLines(text: unknown): string {
  return String(text ?? '')
    .split('\n')
    .map((line) => Handlebars.escapeExpression(line))
    .join('<br>');
}

/**
 * Documents already compiled in this process, by their template, partials and stylesheet: Handlebars
 * compiles a template and each partial on first use (≈ 70 ms a build, warm), so a second build in the same
 * process (`papers serve`, a worker, a schedule's next report) renders with what the first compiled. A
 * template edited on disk is other text, so compiled anew. Bounded: emptied when it holds `COMPILED_MAX`.
 */
const compiled = new Map<string, (view: object) => string>();
const COMPILED_MAX = 16;

/** One of the page templates compiled with every partial and helper, the stylesheet handed in. */
function compileDocument(templates: Templates, source: string): (view: object) => string {
  const key = JSON.stringify([source, templates.partials, templates.css]);
  let document = compiled.get(key);
  if (!document) {
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    compiled.set(key, (document = compileAnew(templates, source)));
  }
  return document;
}

function compileAnew(templates: Templates, source: string): (view: object) => string {
  const hbs = Handlebars.create();
  for (const [name, text] of Object.entries(templates.partials)) hbs.registerPartial(name, text);
  hbs.registerHelper('inc', (n: number) => n + 1);
  hbs.registerHelper('lines', (text: unknown) => new hbs.SafeString(cellLines(text)));
  const page = hbs.compile(source, { strict: true, preventIndent: true });
  return (view) => page({ ...view, css: templates.css }, { allowProtoPropertiesByDefault: false });
}

/** Compile the templates once; the returned function renders any number of papers. */
export function compilePaper(templates: Templates): PaperRenderer {
  return compileDocument(templates, templates.paper);
}

export function renderPaper(view: PaperView, templates: Templates): string {
  return compilePaper(templates)(view);
}

/** Compile the pack template (same partials, helpers and escaping as the paper). */
export function compilePack(templates: Templates): (view: object) => string {
  return compileDocument(templates, templates.pack);
}

/** Compile the highlight report template (same partials, helpers and escaping as the paper). */
export function compileHighlight(templates: Templates): (view: object) => string {
  return compileDocument(templates, templates.highlight);
}
