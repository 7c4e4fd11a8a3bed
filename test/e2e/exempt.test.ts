/**
 * Exempt (Part II) items: the exempt-item example, copied to a folder of its own, with a marker string put
 * into every exempt source (the paper's words, a cell of its action plan, the text of the exempt minutes
 * PDF, a cell of the exempt appendix of a public paper). Built as an officer would — a build, a data fix in a public source and a build again (a pack v2
 * and its changes note), a validation — then every public file is searched for the marker: its bytes,
 * every compressed stream in it inflated, the text of every PDF, and every file's name. The confidential
 * folder must hold the marker (else the search proves nothing) and say NOT FOR PUBLICATION on every page.
 */
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { papersIn, ROOT, type CliRun } from '../helpers/cli.js';
import { checkPdf } from '../helpers/pdf-check.js';
import { pdfinfo, pdftotext } from '../helpers/pdf.js';

const MARKER = 'QZX-EXEMPT-4417';

let dir: string;
const runs: CliRun[] = [];

/** Every file below `root`, links not followed (the published folder is a link to its release, which is searched itself). */
function filesBelow(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(root, f))
    .filter((f) => lstatSync(f).isFile());
}

/** Each deflated stream in a file (a PDF's, a pack part's), inflated: where a PDF writer keeps most of its text. */
function inflatedStreams(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let at = bytes.indexOf('stream'); at >= 0; at = bytes.indexOf('stream', at + 6)) {
    let start = at + 6;
    if (bytes[start] === 0x0d) start += 1;
    if (bytes[start] === 0x0a) start += 1;
    const end = bytes.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      // not deflated (or not a stream at all: the word in some text)
    }
  }
  return out;
}

/** Where the marker is found in one file: its name, its bytes, its inflated streams, its text as a PDF reader shows it. */
function markerIn(file: string): string[] {
  const found: string[] = [];
  const bytes = readFileSync(file);
  const lower = MARKER.toLowerCase();
  if (path.basename(file).toLowerCase().includes(lower)) found.push('its name');
  if (bytes.toString('latin1').toLowerCase().includes(lower) || bytes.toString('utf8').toLowerCase().includes(lower)) found.push('its bytes');
  if (inflatedStreams(bytes).some((s) => s.toLowerCase().includes(lower))) found.push('an inflated stream');
  if (file.endsWith('.pdf') && pdftotext(file).replace(/\s+/g, '').toLowerCase().includes(lower)) found.push('its text');
  if (file.endsWith('.docx') && Object.values(unzipSync(bytes)).some((part) => strFromU8(part).toLowerCase().includes(lower))) found.push('a part of the Word file');
  return found;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'papers-exempt-'));
  const meeting = path.join(dir, 'meeting');
  cpSync(path.join(ROOT, 'examples', 'exempt-item'), meeting, { recursive: true });
  // The marker in every exempt source: the paper's words, a cell of its action plan, the minutes' text and title.
  const narrative = path.join(meeting, 'papers', 'placements-contract.md');
  writeFileSync(narrative, readFileSync(narrative, 'utf8').replace('## The tenders', `## The tenders\n\nThe tender reference is ${MARKER}.`));
  const plan = path.join(meeting, 'placements-procurement.csv');
  writeFileSync(plan, readFileSync(plan, 'utf8').replace('Letters drafted', `Letters drafted (${MARKER})`));
  // …and in the exempt appendix of a public paper (item 3's workforce action plan).
  const workforce = path.join(meeting, 'workforce-actions.csv');
  writeFileSync(workforce, readFileSync(workforce, 'utf8').replace('Timetable drafted', `Timetable drafted (${MARKER})`));
  const minutes = await PDFDocument.create();
  const font = await minutes.embedFont(StandardFonts.Helvetica);
  minutes.addPage().drawText(`Exempt minutes, item 15: ${MARKER}`, { x: 50, y: 700, size: 12, font });
  minutes.setTitle(`Minutes ${MARKER}`);
  writeFileSync(path.join(meeting, 'exempt-minutes-2017-09-12.pdf'), await minutes.save());

  runs.push(papersIn(meeting, ['build', 'meeting.yaml', '--out', path.join(dir, 'out')]));
  // A fix in the public paper's data: its pack comes out different, as version 2 with a changes note.
  const outcomes = path.join(meeting, 'outcomes.csv');
  writeFileSync(outcomes, readFileSync(outcomes, 'utf8').replace('Average caseload', 'Average caseload per social worker'));
  runs.push(papersIn(meeting, ['build', 'meeting.yaml', '--out', path.join(dir, 'out')]));
  runs.push(papersIn(meeting, ['validate', 'meeting.yaml', '--out', path.join(dir, 'out')]));
}, 300_000);

describe('an agenda with exempt items', () => {
  it('reports a problem in an exempt source and one in a public source together, before anything is printed', () => {
    const meeting = path.join(dir, 'meeting-broken'); // a copy of the sources (searched by no test below)
    cpSync(path.join(dir, 'meeting'), meeting, { recursive: true });
    const plan = path.join(meeting, 'placements-procurement.csv');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('31/10/2017', '31/13/2017'));
    const outcomes = path.join(meeting, 'recommendations.csv');
    writeFileSync(outcomes, readFileSync(outcomes, 'utf8').replace('\n2,', '\nTwo,'));
    const r = papersIn(meeting, ['build', 'meeting.yaml', '--out', path.join(dir, 'meeting-broken', 'out')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('found "31/13/2017" as deadline');
    expect(r.stderr).toMatch(/^ {2}recommendations\.csv › A3: found "Two" as recommendation number, .*\[NotANumber\]$/m);
    expect(r.stderr).not.toMatch(/^print item/m);
  });

  it('builds, rebuilds and validates: exit 0 each time', () => {
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(runs[1]!.stderr).toContain('pack → version 2, beside pack.pdf');
    expect(runs[0]!.stderr).toMatch(/^Confidential copy, with the exempt items \(NOT FOR PUBLICATION\) → .*out-confidential\/$/m);
    expect(runs[2]!.stderr).toMatch(/Report: .*out\/validation\.html; with the exempt items \(not for publication\): .*out-confidential\/validation\.html/);
  });

  it('puts no exempt text in any public file: HTML, PDF, CSV, JSON, manifests, snapshot, changes note, report, names', () => {
    const published = filesBelow(dir).filter((f) => {
      const rel = path.relative(dir, f).split(path.sep);
      return !rel[0]!.startsWith('meeting') && !rel[0]!.includes('confidential');
    });
    const names = published.map((f) => path.basename(f));
    // Every kind of public file is among those searched.
    for (const expected of ['pack.pdf', 'pack-v2.pdf', 'pack-v2.changes.md', 'large-print-pack.pdf', 'item-3.pdf', 'item-3.html', 'item-3.docx', 'item-3-large-print.pdf', 'item-3.snapshot.json', 'item-3-appendix-1.csv', 'item-3-appendix-1.json', 'manifest.json', 'large-print.manifest.json', 'validation.html', 'item-3.part']) {
      expect(names, expected).toContain(expected);
    }
    expect(names.filter((n) => /^item-[45]\b/.test(n))).toEqual([]);
    const leaks = published.flatMap((f) => markerIn(f).map((where) => `${path.relative(dir, f)}: ${where}`));
    expect(leaks).toEqual([]);
  });

  it('holds the exempt text in the confidential folder (the search above finds what it looks for)', () => {
    const confidential = filesBelow(dir).filter((f) => path.relative(dir, f).split(path.sep)[0]!.includes('confidential'));
    const pack = confidential.find((f) => path.basename(f) === 'confidential-pack.pdf')!;
    expect(markerIn(pack)).toContain('its text'); // the paper's words and the minutes, in the pack
    expect(pdftotext(pack).split(MARKER).length - 1).toBeGreaterThanOrEqual(2);
    expect(confidential.filter((f) => markerIn(f).length > 0).map((f) => path.basename(f))).toEqual(expect.arrayContaining(['item-5.html', 'item-5.pdf', 'item-5.docx', 'item-5-appendix-1.csv', 'confidential-pack.pdf', 'confidential-pack-v2.pdf', 'item-3.pdf', 'item-3.docx', 'item-3-appendix-2.csv']));
  });

  it('prints a public paper without its exempt appendix: its title and paragraph in its place, the rest as usual', () => {
    const paper = pdftotext(path.join(dir, 'out', 'item-3.pdf')).replace(/\s+/g, ' ');
    expect(paper).toContain('Appendix 1 – Outcomes, measures and recommendations');
    expect(paper).toContain('Appendix 2 – Action plan (exempt information: not for publication)');
    expect(paper).toContain('Appendix 2 – Action plan This appendix is not for publication. It contains exempt information: paragraph 4 of Part 1 of Schedule 12A');
    expect(paper).not.toContain('Consult the recognised trade unions');
    expect(paper).not.toContain('workforce-actions.csv'); // not even its source's name among the background papers
    expect(paper).not.toContain('NOT FOR PUBLICATION');
    const pack = pdftotext(path.join(dir, 'out', 'pack-v2.pdf')).replace(/\s+/g, ' ');
    expect(pack).toContain('Appendix 2 is exempt information: paragraph 4 of Part 1 of Schedule 12A to the Local Government Act 1972. It is not published.');
    expect(readdirSync(path.join(dir, 'out')).filter((f) => f.startsWith('item-3-appendix-2'))).toEqual([]);
    // The confidential copy of the same paper has the appendix, and says so on every page.
    const confidential = path.join(dir, 'out-confidential', 'item-3.pdf');
    const pages = pdftotext(confidential).split('\f').slice(0, -1);
    expect(pages.filter((p) => !p.includes('NOT FOR PUBLICATION')).length).toBe(0);
    const text = pages.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('NOT FOR PUBLICATION. Appendix 2 to this report is exempt information: paragraph 4');
    expect(text).toContain('Consult the recognised trade unions');
  });

  it('lists each exempt item on the public agenda with its paragraph and the resolution, and carries no page of it', () => {
    const pack = path.join(dir, 'out', 'pack-v2.pdf');
    const text = pdftotext(pack).replace(/\s+/g, ' ');
    expect(text).toContain('Exempt minutes of the meeting held on 12 September 2017 Exempt information: paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972.');
    expect(text).toContain('Residential placements for children in care: award of contract Exempt information: paragraph 3 of Part 1 of Schedule 12A');
    expect(text).toContain('resolve that the press and public be excluded while it considers this item');
    expect(text).not.toContain('Bidder A');
    expect(text).not.toContain('Agenda item 5');
    expect(pdfinfo(path.join(dir, 'out', 'large-print-pack.pdf')).Pages).toBeDefined();
  });

  it('publishes the confidential pack in a folder of its own, NOT FOR PUBLICATION on every page, passing the PDF check', async () => {
    const pack = path.join(dir, 'out-confidential', 'confidential-pack.pdf');
    expect(pdfinfo(pack).Title).toBe('Confidential agenda pack, not for publication – Cabinet, 10 October 2017');
    const pages = pdftotext(pack).split('\f').slice(0, -1);
    expect(pages.length).toBe(Number(pdfinfo(pack).Pages));
    expect(pages.filter((p) => !p.includes('NOT FOR PUBLICATION')).length).toBe(0);
    const text = pages.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Agenda item 5');
    expect(text).toContain('Bidder A');
    // It promises no large-print copy beside it: none is made for the confidential folder.
    expect(text).not.toContain('A large-print version of each paper is published beside it');
    expect(text).toContain('it is not published, so no other copy is kept beside it');
    expect(await checkPdf(pack)).toEqual([]);
    expect(await checkPdf(path.join(dir, 'out', 'pack-v2.pdf'))).toEqual([]);
  });
});
