/**
 * Which browser prints: found in code, whatever folder the command runs in (a council keeps its meetings
 * in folders of its own, never beside this program). In order: `PAPERS_CHROMIUM`; then the browser the
 * config names (`browser:`); then the usual places — Debian's Chromium headless shell, Debian's and Ubuntu's
 * Chromium, Google Chrome, and on Windows and macOS Chrome and Edge. A browser is never downloaded. None
 * there is BrowserNotFound, naming every place looked.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PapersError, problem } from '../errors.js';

/**
 * Debian's Chromium headless shell (package chromium-headless-shell): the same Chromium as the chromium
 * package, built without the browser's windows, so it prints the same PDFs byte for byte but starts in about
 * a third of the time and prints faster (docs/PERFORMANCE.md, 2026-12-06). The real binary, not the wrapper
 * script in /usr/bin, which would stay between puppeteer and the browser.
 */
export const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

/** Whether a browser is a headless shell (launched in its own headless mode, not Chrome's new one). */
export const isHeadlessShell = (executable: string): boolean => /headless[-_]shell(\.exe)?$/i.test(executable);

/** Where browsers are installed, by platform, first choice first. */
export function usualBrowsers(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    return [
      ...roots.map((r) => path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...roots.map((r) => path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
      ...roots.map((r) => path.win32.join(r, 'Chromium', 'Application', 'chrome.exe')),
    ];
  }
  if (platform === 'darwin') {
    return ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
  }
  return [HEADLESS_SHELL, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge'];
}

export interface BrowserChoice {
  /** PAPERS_CHROMIUM, when set. */
  env?: string | undefined;
  /** The config's `browser:`, when set. */
  configured?: string | undefined;
  platform?: NodeJS.Platform;
  environment?: Readonly<Record<string, string | undefined>>;
  exists?: (file: string) => boolean;
}

/** The browser to print with; BrowserNotFound when the one asked for, or every usual place, has none. */
export function findBrowser(choice: BrowserChoice = {}): string {
  const exists = choice.exists ?? existsSync;
  const asked = choice.env || choice.configured;
  if (asked) {
    if (exists(asked)) return asked;
    throw new PapersError([problem('BrowserNotFound', { path: asked })]);
  }
  const looked = usualBrowsers(choice.platform ?? process.platform, choice.environment ?? process.env);
  const found = looked.find(exists);
  if (found) return found;
  throw new PapersError([problem('BrowserNotFound', { path: looked[0]!, looked })]);
}
