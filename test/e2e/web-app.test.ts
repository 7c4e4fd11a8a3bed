/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The web app driven as an officer drives it, in the real Chromium over a real socket: sign in, upload a
 * broken tracker and read its problems by cell, upload the fixed one, rebuild, watch the progress arrive,
 * download the new pack and read it back (tagged, with the fixed value in its text). axe-core (WCAG 2.0
 * and 2.1, A and AA) runs on every page visited: 0 violations. Screenshots are written to
 * `$PAPERS_SCREENSHOTS` when it is set (the README's picture comes from here).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleScheduleIn } from '../helpers/sample.js';
import { PASSWORD, webRoot, type WebRoot } from '../helpers/web.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FIXED = 'Signed off on 28 February'; // short enough to sit on one line of its table cell
const SHOTS = process.env.PAPERS_SCREENSHOTS;

let w: WebRoot;
let base: string;
let browser: Browser;
let page: Page;
let files: string;
const checked: { url: string; violations: string[] }[] = [];

async function trackerWith(cells: Record<string, string>, file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(w.meetingDir, 'tracker.xlsx'));
  const ws = wb.getWorksheet('SIP Summary')!;
  for (const [cell, value] of Object.entries(cells)) ws.getCell(cell).value = value;
  mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  return file;
}

/** axe-core on the page as it stands; the violations kept for the last test, and a screenshot taken. */
async function audit(name: string): Promise<void> {
  await page.addScriptTag({ content: AXE });
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
  })) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  checked.push({ url: new URL(page.url()).pathname, violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`) });
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }
}

/** Waits for the job's page as the server renders it once the job has ended (the live page reloads itself then). */
const jobEnded = () => page.waitForFunction(() => ['done', 'failed'].includes((document.getElementById('job-state') as HTMLElement | null)?.dataset.state ?? ''), { timeout: 120_000 });
const text = (selector: string): Promise<string> => page.$eval(selector, (e) => (e as HTMLElement).innerText);

beforeAll(async () => {
  w = await webRoot();
  mkdirSync(path.join(w.root, 'schedules', 'sip'), { recursive: true });
  sampleScheduleIn(path.join(w.root, 'schedules', 'sip'));
  await w.app.listen({ host: '127.0.0.1', port: 0 });
  const address = w.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  files = mkdtempSync(path.join(tmpdir(), 'papers-web-files-'));
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  browser = await puppeteer.launch({ executablePath: puppeteer.executablePath(), headless: true, pipe: true, args: ['--disable-dev-shm-usage', '--disable-gpu', ...(root ? ['--no-sandbox'] : [])] });
  page = await browser.newPage();
  await page.setBypassCSP(true); // only so that axe can be added to each page; the app's own pages run progress.js alone
  await page.setViewport({ width: 1100, height: 900 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await w?.app.close();
  w?.store.close();
});

describe('an editor fixes a cell and publishes the meeting again, in the browser', () => {
  it('is sent to sign in, and signs in', async () => {
    await page.goto(`${base}/meetings/meetings--board`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await audit('01-sign-in');
    await page.type('#name', 'ed');
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe('/meetings/meetings--board');
    expect(await text('h1')).toContain("Children's Services Improvement Board");
    await audit('02-meeting');
    await page.goto(`${base}/`);
    expect(await text('main')).toContain('Meetings');
    await audit('03-meetings');
  }, 60_000);

  it('publishes a first version', async () => {
    await page.goto(`${base}/meetings/meetings--board`);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/rebuild"]:not(.inline) button')]);
    expect(new URL(page.url()).pathname).toMatch(/^\/jobs\/build-meetings--board-[a-f0-9]{16}$/);
    await jobEnded();
    expect(await text('#job-state')).toMatch(/^Finished/);
  }, 150_000);

  it('uploads a broken tracker and sees each problem with its cell; the old file stays in use', async () => {
    const before = readFileSync(path.join(w.meetingDir, 'tracker.xlsx'));
    const broken = await trackerWith({ C6: 'Purple', D6: FIXED }, path.join(files, 'broken', 'tracker.xlsx'));
    await page.goto(`${base}/meetings/meetings--board`);
    const input = (await page.$('input#file-3-tracker'))!;
    await input.uploadFile(broken);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/sources/3-tracker"] button')]);
    expect(await text('h1')).toBe('New project tracker not used: 1 error');
    const problems = await page.$$eval('table.problems tbody tr', (rows) => rows.map((r) => (r as HTMLElement).innerText));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('tracker.xlsx › SIP Summary!C6');
    expect(problems[0]).toContain('found "Purple", expected a RAG rating');
    expect(readFileSync(path.join(w.meetingDir, 'tracker.xlsx')).equals(before)).toBe(true);
    await audit('04-upload-refused');
  }, 60_000);

  it('uploads the fixed tracker, rebuilds, follows the progress live, and downloads the new pack', async () => {
    const fixed = await trackerWith({ C6: 'A', D6: FIXED }, path.join(files, 'fixed', 'tracker.xlsx'));
    await page.goto(`${base}/meetings/meetings--board`);
    await (await page.$('input#file-3-tracker'))!.uploadFile(fixed);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/sources/3-tracker"] button')]);
    expect(await text('h1')).toBe('New project tracker in use');
    expect(readFileSync(path.join(w.meetingDir, 'tracker.xlsx')).equals(readFileSync(fixed))).toBe(true);
    await audit('05-upload-installed');

    await page.goto(`${base}/meetings/meetings--board`);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/rebuild"]:not(.inline) button')]);
    // The page is marked; lines that arrive before the job ends arrive without a reload (server-sent events).
    await page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
    const lines = await page.$$eval('#job-log li', (l) => l.length);
    await page.waitForFunction((n: number) => document.querySelectorAll('#job-log li').length > n && (window as unknown as { mark?: number }).mark === 1, { timeout: 120_000 }, lines);
    await audit('06-job-running');
    await jobEnded();
    expect(await text('#job-state')).toMatch(/^Finished/);
    expect(await page.$$eval('#job-log li', (l) => l.length)).toBeGreaterThan(2);
    await audit('07-job-finished');

    // The meeting page lists v2 with what changed; the pack is downloaded as a browser downloads it.
    await page.goto(`${base}/meetings/meetings--board`);
    const versions = await page.$$eval('ol.versions > li', (l) => l.map((e) => (e as HTMLElement).innerText));
    expect(versions).toHaveLength(2);
    expect(versions[1]).toMatch(/^v2: pack-v2\.pdf/);
    // The files have short names; the page gives each its full title.
    const listed = await page.$$eval('ul.downloads > li', (l) => l.map((e) => (e as HTMLElement).innerText));
    expect(listed).toEqual(expect.arrayContaining([expect.stringMatching(/^Agenda pack, version 2 \(PDF\) \(pack-v2\.pdf, [\d.]+ [KM]B\)$/), expect.stringMatching(/^Item \d+ – .+ \(PDF\) \(item-\d+\.pdf, /)]));
    const changes = await page.$eval('ol.versions > li:nth-child(2) pre.changes', (e) => e.textContent ?? '');
    expect(changes).toContain('project 1.1 Workforce strategy for social workers: green → amber');
    await audit('08-meeting-v2');
    const downloads = path.join(files, 'downloads');
    mkdirSync(downloads);
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.click('ol.versions > li:nth-child(2) > a');
    const pdf = await waitForFile(downloads, /^pack-v2\.pdf$/);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes$/m);
    const words = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(words).toContain(FIXED);
  }, 300_000);

  it('runs a month of highlight reports from a schedule, and an admin reads the audit log', async () => {
    await page.goto(`${base}/`);
    await Promise.all([page.waitForNavigation(), page.click('a[href^="/schedules/"]')]);
    await audit('09-schedule');
    await page.type('#period', '2017-02');
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/run"] button')]);
    await jobEnded();
    expect(await text('#job-state')).toMatch(/^Finished/);
    await audit('10-run-finished');

    await Promise.all([page.waitForNavigation(), page.click('nav button.link')]); // sign out
    await page.goto(`${base}/audit`);
    await page.type('#name', 'ad');
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe('/audit');
    const log = await text('main');
    for (const done of ['upload refused', 'uploaded', 'rebuild', 'run']) expect(log).toContain(done);
    await audit('11-audit');
    await page.goto(`${base}/no/such/page`);
    await audit('12-not-found');
  }, 200_000);

  it('has no accessibility violations on any page visited', () => {
    expect(checked.length).toBeGreaterThanOrEqual(12);
    expect(checked.filter((c) => c.violations.length > 0)).toEqual([]);
  });
});

async function waitForFile(dir: string, name: RegExp): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const found = readdirSync(dir).find((f) => name.test(f));
    if (found && existsSync(path.join(dir, found))) return path.join(dir, found);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no file matching ${name} was downloaded to ${dir}`);
}
