/**
 * Which spreadsheet cell a piece of a rendered paper came from: table cells carry a `data-source`
 * attribute ("data/sample/tracker.xlsx › SIP Summary!E7"). Used to name the cell behind a request the
 * printed page tried to make (RequestBlocked) — which only markup could cause, as every cell's text is
 * escaped; the warning then says where that markup came from. Pure.
 */
import type { Location } from '../errors.js';

/** The `data-source` of the table cell holding `text` in `html`, or undefined when it is not in one. */
export function sourceCellOf(html: string, text: string): string | undefined {
  const at = html.indexOf(text);
  if (at < 0) return undefined;
  const open = Math.max(html.lastIndexOf('<td', at), html.lastIndexOf('<th', at));
  if (open < 0) return undefined;
  const between = html.slice(open, at);
  if (/<\/t[dh]>/.test(between)) return undefined; // that cell closed before the text
  const tag = between.slice(0, between.indexOf('>') + 1 || between.length);
  const m = /\bdata-source="([^"]+)"/.exec(tag);
  return m ? m[1]!.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') : undefined;
}

/** "file › Sheet!A1", "file › A1" or "file" back into a Location. */
export function locationOf(source: string): Location {
  const m = /^(.*?) › (?:(.+)!)?([A-Z]{1,3}\d+)$/.exec(source);
  if (!m) return { file: source.split(' › ')[0]! };
  return { file: m[1]!, ...(m[2] !== undefined ? { sheet: m[2] } : {}), cell: m[3]! };
}
