/** Which browser prints: found in code whatever the working directory (print/browser.ts). */
import { describe, expect, it } from 'vitest';
import { formatProblem, isPapersError } from '../../src/errors.js';
import { findBrowser, usualBrowsers } from '../../src/print/index.js';
import { HEADLESS_SHELL, isHeadlessShell } from '../../src/print/browser.js';

const only = (present: string[]) => (f: string) => present.includes(f);
const problemOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isPapersError(e)) return e.problems.map(formatProblem).join('\n');
    throw e;
  }
  return 'no problem';
};

describe('the browser that prints', () => {
  it('is PAPERS_CHROMIUM first, then the config’s browser, then the usual places', () => {
    const exists = only(['/opt/mine/chrome', '/srv/chromium', '/usr/bin/google-chrome']);
    expect(findBrowser({ env: '/opt/mine/chrome', configured: '/srv/chromium', platform: 'linux', exists })).toBe('/opt/mine/chrome');
    expect(findBrowser({ configured: '/srv/chromium', platform: 'linux', exists })).toBe('/srv/chromium');
    expect(findBrowser({ platform: 'linux', exists })).toBe('/usr/bin/google-chrome');
    expect(findBrowser({ platform: 'linux', exists: only(['/usr/bin/chromium', '/usr/bin/google-chrome']) })).toBe('/usr/bin/chromium'); // Debian's first
    // Debian's headless shell before its browser: the same Chromium, the same PDFs, a faster start
    expect(findBrowser({ platform: 'linux', exists: only(['/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell']) })).toBe('/usr/lib/chromium/chromium-headless-shell');
    expect([HEADLESS_SHELL, '/usr/bin/chromium-headless-shell', 'C:\\shell\\chrome-headless-shell.exe', '/opt/chrome_headless_shell'].map(isHeadlessShell)).toEqual([true, true, true, true]);
    expect(['/usr/bin/chromium', '/usr/bin/google-chrome', 'C:\\Chrome\\chrome.exe'].map(isHeadlessShell)).toEqual([false, false, false]);
  });
  it('knows where Chrome and Edge are on Windows and macOS', () => {
    const win = usualBrowsers('win32', { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\jo\\AppData\\Local' });
    expect(win).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(win).toContain('C:\\Users\\jo\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(win).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(findBrowser({ platform: 'darwin', exists: only(['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge']) })).toBe('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
  });
  it('is BrowserNotFound naming the one asked for, or every place it looked', () => {
    expect(problemOf(() => findBrowser({ env: '/nope', platform: 'linux', exists: only(['/usr/bin/chromium']) }))).toBe("no Chromium at /nope, expected Debian's chromium package [BrowserNotFound]");
    const all = problemOf(() => findBrowser({ platform: 'linux', exists: only([]) }));
    expect(all).toMatch(/^found no Chromium, Chrome or Edge in any of "\/usr\/lib\/chromium\/chromium-headless-shell", "\/usr\/bin\/chromium", "\/usr\/bin\/chromium-browser", .*"\/usr\/bin\/microsoft-edge", expected one installed \[BrowserNotFound\]$/);
  });
});
