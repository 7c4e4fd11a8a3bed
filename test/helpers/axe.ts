/// <reference lib="dom" />
/**
 * axe-core (WCAG 2.0 and 2.1, levels A and AA) run on a document in the real Chromium. The page is loaded
 * with its CSP bypassed only so that axe itself can run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'puppeteer';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[];
  passes: { id: string }[];
}

export async function axeCheck(browser: Browser, html: string, media: 'screen' | 'print' = 'screen'): Promise<AxeResult> {
  const page = await browser.newPage();
  try {
    await page.setBypassCSP(true);
    await page.emulateMediaType(media);
    await page.setContent(html, { waitUntil: 'load' });
    await page.addScriptTag({ content: AXE });
    return (await page.evaluate(async () => {
      const run = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<unknown> } }).axe.run;
      return run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations', 'passes'] });
    })) as AxeResult;
  } finally {
    await page.close();
  }
}
