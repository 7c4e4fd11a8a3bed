/**
 * The web app's pages (`papers serve`): each a Handlebars template in `templates/web/`, laid inside
 * `layout.hbs`. Pure: a view in, HTML out. Every value is escaped by Handlebars; no page carries an
 * inline script or style, so the app's Content-Security-Policy can forbid both.
 */
import Handlebars from 'handlebars';

/** The pages, by name (`login`, `meetings`, `meeting`, `upload`, `job`, `schedule`, `audit`, `problem`). */
export type WebTemplates = Record<string, string>;

export interface PageChrome {
  title: string;
  /** The signed-in account, when there is one: its name and role, and the CSRF token its forms carry. */
  user?: { name: string; role: string } | undefined;
  csrf?: string | undefined;
  /** Reload the page every so many seconds without JavaScript (a job in progress). */
  refresh?: number | undefined;
  /** A line for the top of the page: what just happened. */
  flash?: string | undefined;
}

export type PageRenderer = (page: string, chrome: PageChrome, view: Record<string, unknown>) => string;

/** Compiles every page once; the renderer lays each page inside the layout. */
export function compileWebPages(templates: WebTemplates): PageRenderer {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  for (const [name, text] of Object.entries(templates)) hb.registerPartial(name, text); // jobs, problems…
  const layout = hb.compile(templates.layout ?? '{{{body}}}', { strict: false });
  const pages = new Map(Object.entries(templates).filter(([n]) => n !== 'layout').map(([n, t]) => [n, hb.compile(t, { strict: false })]));
  return (page, chrome, view) => {
    const body = pages.get(page);
    if (!body) throw new Error(`no web page template named ${page}`);
    return layout({ ...chrome, body: body({ ...view, csrf: chrome.csrf, user: chrome.user }) });
  };
}
