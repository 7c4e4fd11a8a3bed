/**
 * End to end: the real `papers` command builds the sample with Debian's Chromium, and the PDF is
 * read back as a reader would (poppler's pdfinfo and pdftotext, and the outline with pdf-lib).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { papers, stackLines, type CliRun } from '../helpers/cli.js';
import { sampleMeetingYamlAbsolute } from '../helpers/sample.js';
import { fontSizes, outline, pageOrientations, pdfinfo, pdfLanguage, pdftotext } from '../helpers/pdf.js';

const PAPER = 'item-6';
const TITLE = "Update on the Children's Services Improvement Plan – Children and Families Overview and Scrutiny Panel, 13 March 2017";

/**
 * What the workbook holds, read independently of the product's ingest (exceljs's full-load API, not
 * the streaming reader the product uses): RAG as a letter, a word, or — when blank — the cell's fill.
 */
async function workbookFacts(): Promise<{ refs: string[]; counts: Record<'R' | 'A' | 'G', number> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile('data/sample/tracker.xlsx');
  const sheet = wb.getWorksheet('SIP Summary')!;
  const refs: string[] = [];
  const counts = { R: 0, A: 0, G: 0 };
  const byFill: Record<string, 'R' | 'A' | 'G'> = { FFFF0000: 'R', FFFFC000: 'A', FF00B050: 'G' };
  sheet.eachRow((row) => {
    const ref = String(row.getCell(1).value ?? '').trim();
    if (!/^\d+\.\d+$/.test(ref)) return;
    refs.push(ref);
    const cell = row.getCell(4);
    const text = String(cell.value ?? '').trim();
    const letter = text !== '' ? (text[0]!.toUpperCase() as 'R' | 'A' | 'G') : byFill[(cell.fill as ExcelJS.FillPattern).fgColor!.argb!]!;
    counts[letter] += 1;
  });
  return { refs, counts };
}

describe('papers build data/sample/meeting.yaml', () => {
  let out: string;
  let run: CliRun;
  let pdf: string;

  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'papers-e2e-'));
    run = papers(['build', 'data/sample/meeting.yaml', '--out', out]);
    pdf = path.join(out, `${PAPER}.pdf`);
  });

  it('exits 0, logs the work, and writes the paper’s HTML and PDF, its large-print copy, both packs and their manifests', () => {
    // Each source is read once, for both copies.
    expect(run.stderr.match(/^read data\/sample\/tracker\.xlsx › SIP Summary → 46 projects in 8 workstreams \(\d+ ms\)$/gm)).toHaveLength(1);
    expect(run.stderr).toMatch(/^print item 6 → \d+ pages \(\d+ ms\)$/m);
    expect(run.stderr).toMatch(/^print item 6 \(large print\) → \d+ pages \(\d+ ms\)$/m);
    expect(run.stderr).toMatch(/^Built 1 paper, \d+ pages, \d+ in large print in \d+\.\d s → /m);
    expect(run.code).toBe(0);
    const tables = ['appendix-1', 'appendix-2', 'appendix-3', 'appendix-4', 'appendix-5'];
    expect(readdirSync(out).sort()).toEqual(
      [
        `${PAPER}.html`, `${PAPER}.pdf`, `${PAPER}.docx`, `${PAPER}.snapshot.json`, `${PAPER}.part`, 'manifest.json', 'pack.pdf', 'pack.front.part', 'pack.cover-4.part',
        ...tables.flatMap((t) => [`${PAPER}-${t}.csv`, `${PAPER}-${t}.json`]),
        // the large-print copy: the paper and the pack (the data files are the standard copy's)
        `${PAPER}-large-print.html`, `${PAPER}-large-print.pdf`, `${PAPER}-large-print.part`, 'large-print.manifest.json',
        'large-print-pack.pdf', 'large-print-pack.front.part', 'large-print-pack.cover-4.part',
      ].sort(),
    );
  });

  it('is a tagged A4 PDF with the paper’s title, en-GB, and page count the manifest agrees with', async () => {
    const info = pdfinfo(pdf);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe(TITLE);
    expect(info.Author).toBe('Haverleigh County Council');
    expect(info['Page size']).toMatch(/^594\.96 x 841\.92 pts \(A4\)$/);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(await pdfLanguage(pdf)).toBe('en-GB');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.outputs.find((o: { file: string }) => o.file === `${PAPER}.pdf`).pages).toBe(pages);
    expect(manifest.inputs.map((i: { file: string }) => i.file)).toEqual([
      'data/sample/papers/improvement-plan-update.md',
      'data/sample/tracker.xlsx',
      'data/sample/kpi-definitions.csv',
      'data/sample/kpis.csv',
      'data/sample/action-plan.xlsx',
      'data/sample/outcomes.csv',
      'data/sample/recommendations.csv',
      'data/dfe-ees/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
      'data/dfe-ees/d3_cpps_subsequent_plan_2013_to_2025.csv',
      'data/dfe-ees/csww_indicators_2017_to_2025.csv',
      'data/dfe-ees/cla_number_and_rate_per_10k_children.csv',
      'data/dfe-ees/la_cla_placement_stability.csv',
      'data/dfe-ees/la_care_leavers_accommodation_suitability.csv',
      'data/sample/previous/item-6.snapshot.json',
      'data/sample/minutes-2017-01-23.pdf',
    ]);
    for (const i of manifest.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(manifest.templates)).toEqual(expect.arrayContaining(['paper.hbs', 'pack.hbs', 'paper.css', 'partials/kpi-scorecard.hbs']));
    expect(manifest.outputs.find((o: { file: string }) => o.file === 'pack.pdf')).toMatchObject({ pages: expect.any(Number), ms: expect.any(Number) });
  });

  it('numbers every page "Page X of Y" and turns the RAG sheet landscape', () => {
    const pages = Number(pdfinfo(pdf).Pages);
    const text = pdftotext(pdf);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Page ${p} of ${pages}`);
    const sizes = pageOrientations(pdf);
    expect(sizes[0]).toBe('portrait');
    expect(sizes).toContain('landscape');
  });

  // Plain pdftotext guesses columns and reads some table rows out of order; -layout gives the order
  // a reader sees, and -raw the order the content (and its tags) were written in. Both must hold.
  it.each(['-layout', '-raw'] as const)('holds every project REF of the tracker, in order (pdftotext %s)', async (mode) => {
    const { refs } = await workbookFacts();
    expect(refs).toHaveLength(46);
    // The RAG sheet's project table: from its caption to its "Accurate when produced" line (the
    // exceptions and changes earlier in the paper name some REFs too).
    const text = pdftotext(pdf, mode);
    const table = text.slice(text.indexOf('Projects by workstream, with RAG rating'), text.indexOf('Accurate when produced on'));
    const found = table
      .split(/\s+/)
      .filter((t) => refs.includes(t));
    expect(found).toEqual(refs);
  });

  it('shows red/amber/green totals that match the workbook', async () => {
    const { counts } = await workbookFacts();
    const m = /All workstreams\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(pdftotext(pdf, '-layout'));
    expect(m).not.toBeNull();
    const [red, amber, green, total] = m!.slice(1).map(Number);
    expect({ red, amber, green, total }).toEqual({ red: counts.R, amber: counts.A, green: counts.G, total: counts.R + counts.A + counts.G });
    expect(pdftotext(pdf)).toContain(`Of the 46 projects in the plan, ${counts.G} are rated green, ${counts.A} amber and ${counts.R} red.`);
    expect(pdftotext(pdf)).toContain('Accurate when produced on 24/02/2017');
  });

  it('repeats the table header on every page of the RAG sheet and splits no row', () => {
    const pages = pdftotext(pdf, '-layout').split('\f');
    const rag = pages.filter((p) => /\b\d\.\d+\b/.test(p) && p.includes('milestones') && !p.includes('Why each rating'));
    expect(rag.length).toBeGreaterThan(2);
    for (const page of rag) expect(page.trimStart()).toMatch(/^(Appendix 1 – RAG summary sheet[\s\S]*)?REF\s+Project\s+RAG\s+Commentary\s+March milestones\s+April milestones/);
    // No row split: every REF of the sheet appears on exactly one page.
    const refs = rag.flatMap((p) => [...p.matchAll(/^\s*(\d\.\d+)\s/gm)].map((m) => m[1]));
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('has bookmarks for the paper, its sections and each appendix', async () => {
    const marks = await outline(pdf);
    expect(marks[0]).toBe("Update on the Children's Services Improvement Plan");
    expect(marks).toContain('  Summary');
    expect(marks).toContain('  Recommendation');
    expect(marks).toContain('Appendix 1 – RAG summary sheet');
    expect(marks.filter((m) => m.startsWith('Appendix'))).toEqual([
      'Appendix 1 – RAG summary sheet',
      'Appendix 2 – KPI scorecard',
      'Appendix 3 – Outcomes, measures and recommendations',
      'Appendix 4 – Action plan',
      'Appendix 5 – Exceptions',
      'Appendix 6 – How ratings are calculated',
    ]);
    for (const section of ['Summary', 'Recommendation', 'Background', 'Position at a glance', 'Exceptions', 'Implications', 'Next steps', 'Supporting information', 'Background papers']) {
      expect(marks).toContain(`  ${section}`);
    }
  });

  it('gives byte-identical HTML, PDF and pack when built again without the large-print copy, and publishes none', () => {
    const again = mkdtempSync(path.join(tmpdir(), 'papers-e2e-'));
    const second = papers(['build', 'data/sample/meeting.yaml', '--no-large-print', '--out', again]);
    expect(second.code).toBe(0);
    for (const f of [`${PAPER}.html`, `${PAPER}.pdf`, `${PAPER}.docx`, 'pack.pdf']) {
      expect(readFileSync(path.join(again, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
    }
    expect(readdirSync(again).filter((f) => f.includes('large-print'))).toEqual([]);
  });

  it('publishes the paper as Word: heading styles, header rows that repeat, each chart a picture described by its trend, en-GB, titled', () => {
    const parts = unzipSync(readFileSync(path.join(out, `${PAPER}.docx`)));
    const xml = strFromU8(parts['word/document.xml']!);
    const html = readFileSync(path.join(out, `${PAPER}.html`), 'utf8');
    // Real heading styles: the title, each section and appendix, each implication.
    expect(xml.match(/<w:pStyle w:val="Title"\/>/g)).toHaveLength(1);
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)!.length).toBe(html.match(/<h1 id="appendix-/g)!.length);
    expect(xml.match(/<w:pStyle w:val="Heading2"\/>/g)!.length).toBe(html.match(/<h2[ >]/g)!.length);
    // Every table's header row repeats on each page it runs over.
    const tables = xml.split('<w:tbl>').slice(1);
    expect(tables.length).toBe(html.match(/<table[ >]/g)!.length);
    for (const t of tables.filter((_, i) => i < html.match(/<thead>/g)!.length)) expect(t).toContain('<w:tblHeader/>');
    // Each chart is a picture whose description is its trend in words (its caption in the HTML).
    const captions = [...html.matchAll(/<figcaption id="trend-words-[^"]+">([^<]*)<\/figcaption>/g)].map((m) => m[1]!.replaceAll('&#x27;', "'"));
    expect(captions.length).toBe(24);
    const descr = [...xml.matchAll(/<wp:docPr id="\d+" name="[^"]*" descr="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&apos;', "'"));
    expect(descr).toEqual(captions);
    expect(Object.keys(parts).filter((n) => n.startsWith('word/media/') && n.endsWith('.png'))).toHaveLength(24);
    // The language of every run, and the document's properties.
    expect(xml.match(/<w:lang w:val="en-GB"\/>/g)!.length).toBe(xml.match(/<w:r>/g)!.length - 24); // every run but the pictures'
    const core = strFromU8(parts['docProps/core.xml']!);
    expect(core).toContain(`<dc:title>${TITLE.replaceAll("'", '&apos;')}</dc:title>`);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2017-03-03T00:00:00Z</dcterms:created>');
    // What the paper says, the Word copy says: every numbered paragraph, in order.
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const n of ['1. ', '2. ', '10. ', 'That the Panel:', 'Appendix 6 – How ratings are calculated']) expect(text).toContain(n);
  });

  it('prints no stack trace and no browser noise', () => {
    expect(stackLines(run.stderr)).toEqual([]);
    expect(run.stderr).not.toMatch(/unexpected operator/);
  });
});

describe('the command line', () => {
  it('--help lists the commands with examples', () => {
    const r = papers(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/build \[options\] <meeting\.yaml>/);
    expect(r.stdout).toMatch(/validate \[options\] <meeting\.yaml>/);
    expect(r.stdout).toContain('$ papers build data/sample/meeting.yaml');
  });
  it('a usage error exits 2', () => {
    expect(papers(['build']).code).toBe(2);
    expect(papers(['frobnicate']).code).toBe(2);
  });
  it('validate reads and counts without printing: the column audit of each table, then the counts', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'papers-validate-'));
    const r = papers(['validate', 'data/sample/meeting.yaml', '--out', out]);
    expect(r.code).toBe(0);
    // Nothing printed: the validation report is the only file written.
    expect(readdirSync(out)).toEqual(['validation.html']);
    expect(r.stdout).toContain('columns of data/sample/tracker.xlsx › SIP Summary (header on row 4, 58 rows read):\n  A4    "REF" → REF (filled on 58 of 58 rows)\n');
    expect(r.stdout).toContain('columns of data/sample/recommendations.csv (header on row 1, 13 rows read):');
    // The sample's stated ambers and reds that its criteria confirm are not exceptions: 20 are left.
    expect(r.stdout.split('\n').filter(Boolean).at(-1)).toBe('item 6: 46 projects — 4 red, 17 amber, 25 green, 0 blue, 0 not rated; 17 actions — 1 complete, 9 on track, 2 due soon, 1 overdue, 4 with no date; 24 measures — 11 red, 6 amber, 3 green, 0 blue, 4 not rated; 8 outcomes; 20 exceptions');
  });
});

describe('papers build --as-at', () => {
  let out: string;
  let run: CliRun;
  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'papers-as-at-'));
    run = papers(['build', 'data/sample/meeting.yaml', '--as-at', '2017-10-10', '--no-large-print', '--out', out]);
  }, 120_000);

  it('re-scores the sample as at that date: the paper and its snapshot say so', () => {
    expect(run.code).toBe(0);
    const text = pdftotext(path.join(out, `${PAPER}.pdf`), '-layout').replace(/\s+/g, ' ');
    // Actions due in spring are overdue by October; the tracker's milestones are judged at the date the
    // tracker was produced (24 February 2017), as nobody can know in October what it said then about March.
    expect(text).toContain('no milestone overdue at 24 February 2017');
    expect(text).not.toContain('overdue at 10 October 2017');
    expect(text).toMatch(/Red: overdue by \d+ working days \(deadline 31 March 2017, not complete at 10 October 2017\)/);
    expect(text).toContain('rated as at 10 October 2017');
    const snapshot = JSON.parse(readFileSync(path.join(out, `${PAPER}.snapshot.json`), 'utf8'));
    expect(snapshot.asAt).toBe('2017-10-10');
  });

  it('refuses a date that is not one, as a usage error', () => {
    const r = papers(['build', 'data/sample/meeting.yaml', '--as-at', '2017-02-30', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('found "2017-02-30", expected a date written YYYY-MM-DD');
  });
});

describe('the large-print copy, published by every build beside the standard one', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'papers-large-'));
    expect(papers(['build', 'data/sample/meeting.yaml', '--out', out]).code).toBe(0);
  }, 180_000);

  it('is the same paper, named and titled as the large-print version', () => {
    expect(pdfinfo(path.join(out, `${PAPER}-large-print.pdf`)).Title).toBe(TITLE.replace(' – ', ' (large print) – '));
    expect(pdfinfo(path.join(out, 'large-print-pack.pdf')).Title).toBe('Agenda pack (large print) – Children and Families Overview and Scrutiny Panel, 13 March 2017');
    const manifest = JSON.parse(readFileSync(path.join(out, 'large-print.manifest.json'), 'utf8'));
    expect(manifest.outputs.map((o: { file: string }) => o.file)).toContain('large-print-pack.pdf');
  });

  it('sets every piece of text at 16pt or more, the paper and the whole pack (read from the PDF’s text runs)', async () => {
    const sizes = await fontSizes(path.join(out, `${PAPER}-large-print.pdf`));
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(40_000); // characters: the whole paper, not a stub
    expect([...sizes.keys()].filter((s) => s < 16)).toEqual([]);
    // The pack's front sheet, covers and page numbers too; the included minutes are as they came.
    const squeeze = (t: string): string => t.replace(/\s+/g, '');
    const minutes = new Set(pdftotext('data/sample/minutes-2017-01-23.pdf').split('\f').map(squeeze).filter(Boolean));
    let skipped = 0;
    const pack = await fontSizes(path.join(out, 'large-print-pack.pdf'), { skipPages: (text) => [...minutes].some((m) => squeeze(text).includes(m)) && ++skipped > 0 });
    expect(skipped).toBe(2);
    expect([...pack.keys()].filter((s) => s < 16)).toEqual([]);
    // The standard paper, for contrast, sets its tables smaller than that.
    const standard = await fontSizes(path.join(out, `${PAPER}.pdf`));
    expect(Math.min(...standard.keys())).toBeLessThan(12);
  });
});

describe('a council’s own style', () => {
  it('shows the logo and colours from the config, with no request leaving the page, and its Word template’s styles in the Word copy', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'papers-style-'));
    // A 1×1 PNG logo, a Word template with the council's own heading style, and a config using the sample's data by absolute paths.
    writeFileSync(path.join(dir, 'logo.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
    const template = new Document({ styles: { default: { heading1: { run: { font: 'Georgia', color: '7A1F5C', size: 32 } } } }, sections: [{ children: [new Paragraph('Council template')] }] });
    writeFileSync(path.join(dir, 'council.docx'), await Packer.toBuffer(template));
    const style = (template: string): string => sampleMeetingYamlAbsolute().replace('items:', `style:\n  logo: logo.png\n  wordTemplate: ${template}\n  colours: { red: B10E1E, accent: 005EA5 }\n  font: "DejaVu Sans, sans-serif"\nitems:`);
    writeFileSync(path.join(dir, 'meeting.yaml'), style('council.docx'));
    const r = papers(['build', path.join(dir, 'meeting.yaml'), '--no-large-print', '--out', path.join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/RequestBlocked/);
    const html = readFileSync(path.join(dir, 'out', `${PAPER}.html`), 'utf8');
    expect(html).toContain('<img class="logo" src="data:image/png;base64,iVBORw0KGgo');
    expect(html).toContain('alt="Haverleigh County Council logo"');
    expect(html).toContain(':root { --red: #b10e1e; --red-text: #ffffff; --accent: #005ea5; --font: DejaVu Sans, sans-serif, "Liberation Sans", Arial, sans-serif; }');
    expect(pdfinfo(path.join(dir, 'out', `${PAPER}.pdf`)).Tagged).toBe('yes');
    const word = unzipSync(readFileSync(path.join(dir, 'out', `${PAPER}.docx`)));
    expect(strFromU8(word['word/styles.xml']!)).toMatch(/w:styleId="Heading1"[\s\S]*?Georgia[\s\S]*?7A1F5C/);
    expect(strFromU8(word['word/document.xml']!)).toContain('<w:pStyle w:val="Heading1"/>');
    // A template that is not a Word document: named, and nothing built.
    writeFileSync(path.join(dir, 'meeting.yaml'), style('logo.png'));
    const bad = papers(['build', path.join(dir, 'meeting.yaml'), '--out', path.join(dir, 'out-bad')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/logo\.png: could not be opened \(it is not a Word document \(not a zip file\)\), expected a Word document \(\.docx\) whose styles the Word copies use \[SourceUnreadable\]/);
  }, 120_000);
});
