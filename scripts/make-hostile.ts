/**
 * Writes the hostile-input corpus, test/fixtures/hostile/<case>/: each case a meeting.yaml (or
 * schedule.yaml) and the bad file it names, and case.yaml saying what the case is and what must happen
 * (exit code, every problem line, nothing written; or, for text that must stay text, what the paper's
 * HTML and companions must and must not hold). test/e2e/hostile.test.ts runs every case.
 *
 *   npx tsx scripts/make-hostile.ts      (run once; the files are committed, review the diff)
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PDFArray, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { stringify } from 'yaml';
import type { HostileCase as Expect } from '../test/helpers/hostile.js';
import { zip, zipParts, type ZipPart as Part } from '../test/helpers/zip.js';

const ROOT = 'test/fixtures/hostile';
const UP = '../../../..'; // from a case folder to the repository
const SAMPLE = `${UP}/data/sample`;

/** The sample tracker's parts, to build altered workbooks from. */
function sampleParts(): Promise<Part[]> {
  return zipParts(readFileSync('data/sample/tracker.xlsx'));
}

// ------------------------------------------------------------------------------------------------


const HEAD = `council: Haverleigh County Council
committee: Children and Families Overview and Scrutiny Panel
start: 2017-03-13T14:00
venue: Council Chamber, County Hall, Haverleigh
asAt: 2017-02-24
`;

function trackerOnly(tracker: string, extra = ''): string {
  return `${HEAD}${extra}items:
  - number: 6
    title: Update on the Children's Services Improvement Plan
    narrative: ${SAMPLE}/papers/improvement-plan-update.md
    tracker:
      file: ${tracker}
`;
}

/** The sample's item 6 with any of its sources replaced. */
function fullItem(over: Partial<Record<'narrative' | 'tracker' | 'kpiDefinitions' | 'kpis' | 'actions' | 'outcomes' | 'recommendations', string>> = {}, head = HEAD): string {
  const f = { narrative: `${SAMPLE}/papers/improvement-plan-update.md`, tracker: `${SAMPLE}/tracker.xlsx`, kpiDefinitions: `${SAMPLE}/kpi-definitions.csv`, kpis: `${SAMPLE}/kpis.csv`, actions: `${SAMPLE}/action-plan.xlsx`, outcomes: `${SAMPLE}/outcomes.csv`, recommendations: `${SAMPLE}/recommendations.csv`, ...over };
  return `${head}items:
  - number: 6
    title: Update on the Children's Services Improvement Plan
    narrative: ${f.narrative}
    tracker: { file: ${f.tracker}, sheet: SIP Summary }
    kpiDefinitions: { file: ${f.kpiDefinitions} }
    kpis: { file: ${f.kpis} }
    actions: { file: ${f.actions}, sheet: Action Plan, columns: { status: [RAG] } }
    outcomes: { file: ${f.outcomes} }
    recommendations: { file: ${f.recommendations} }
`;
}

const cases: { name: string; files: Record<string, string | Buffer>; links?: Record<string, string>; expect: Expect }[] = [];
const add = (name: string, files: Record<string, string | Buffer>, expect: Expect, links?: Record<string, string>): void => {
  cases.push({ name, files, expect, ...(links ? { links } : {}) });
};

/** Payloads that must stay text wherever a cell's text is shown. */
const PAYLOADS = [
  '<script>document.title="pwned"</script>',
  '<img src=file:///etc/passwd>',
  '<iframe src=http://127.0.0.1:9/steal></iframe>',
  '<div style="background:url(http://127.0.0.1:9/css)">x</div>',
  '{{#each this}}{{this}}{{/each}} {{> paper}}',
  '[click](javascript:alert(1))',
];
const PAYLOAD_TEXT = PAYLOADS.join(' ');
/** As the templates escape them (Handlebars escapes = too). */
const ESCAPED = ['&lt;script&gt;document.title&#x3D;&quot;pwned&quot;&lt;/script&gt;', '&lt;img src&#x3D;file:///etc/passwd&gt;', '&lt;iframe src&#x3D;http://127.0.0.1:9/steal&gt;&lt;/iframe&gt;', 'style&#x3D;&quot;background:url(http://127.0.0.1:9/css)&quot;', '{{#each this}}{{this}}{{/each}} {{&gt; paper}}', '[click](javascript:alert(1))'];
/** Markup that must never appear: the payloads as elements, attributes or links. */
const NEVER = ['<script', '<img src', '<iframe', 'style="background:url(', 'href="javascript:', 'href="file:'];

/** An agenda whose item 4 is the case's `minutes.pdf` (and item 6 the sample's tracker paper). */
function minutesItem(): string {
  return trackerOnly(`${SAMPLE}/tracker.xlsx`).replace('items:\n', 'items:\n  - { number: 4, title: Minutes of the last meeting, pdf: minutes.pdf }\n');
}

/** Markers that must never reach the published pack (searched in the text of every object in it). */
const ACTIVE = ['/JavaScript', '/JS ', '/Launch', '/EmbeddedFile', '/FileAttachment', '/Widget', '/AcroForm', '/OpenAction', '/AA ', 'file:///', 'calc.exe', 'SECRET-PAYLOAD', 'pwned'];

async function pdfCases(): Promise<void> {
  const minutes = (): Promise<PDFDocument> => PDFDocument.load(readFileSync('data/sample/minutes-2017-01-23.pdf'), { updateMetadata: false });
  const save = async (doc: PDFDocument): Promise<Buffer> => Buffer.from(await doc.save({ useObjectStreams: false }));
  const link = (doc: PDFDocument, page: number, action: Record<string, unknown>, rect = [72, 700, 300, 720]): void => {
    const p = doc.getPage(page);
    const annot = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], ...action }));
    const annots = p.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? doc.context.obj([]);
    annots.push(annot);
    p.node.set(PDFName.of('Annots'), annots);
  };
  const warned = (file: string, removed: string): string => `warning: ${line(file, `: found active content, removed before the PDF goes into the pack: ${removed} [IncludedPdfCleaned]`)}`;
  const line = (file: string, rest: string): string => `{case}/${file.split('/').slice(1).join('/')}${rest}`;

  {
    const doc = await minutes();
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("pwned")') }));
    const js = doc.context.register(doc.context.obj({ S: 'JavaScript', JS: PDFString.of('this.exportDataObject({cName: "pwned"})') }));
    doc.catalog.set(PDFName.of('Names'), doc.context.obj({ JavaScript: doc.context.obj({ Names: [PDFString.of('init'), js] }) }));
    add('pdf-javascript-openaction', { 'minutes.pdf': await save(doc), 'meeting.yaml': minutesItem() }, {
      what: 'minutes whose PDF runs JavaScript on opening (OpenAction and a document-level script): removed, the pack built and tagged',
      exit: 0,
      stderrHas: [warned('pdf-javascript-openaction/minutes.pdf', 'a JavaScript action run on opening; document-level JavaScript')],
      pack: { hasNot: ACTIVE },
    });
  }
  {
    const doc = await minutes();
    link(doc, 0, { A: doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.launchURL("http://127.0.0.1:9/pwned")') }) });
    link(doc, 0, { A: doc.context.obj({ S: 'URI', URI: PDFString.of('https://www.haverleigh.example.gov.uk/minutes') }) }, [72, 650, 300, 670]);
    link(doc, 1, { A: doc.context.obj({ S: 'URI', URI: PDFString.of('javascript:alert("pwned")') }) });
    add('pdf-annotation-javascript', { 'minutes.pdf': await save(doc), 'meeting.yaml': minutesItem() }, {
      what: 'minutes with JavaScript in a link on page 1 and a javascript: address on page 2: both removed, the web link kept',
      exit: 0,
      stderrHas: [warned('pdf-annotation-javascript/minutes.pdf', 'a JavaScript action (page 1); a link to a local file or script (page 2)')],
      pack: { has: ['https://www.haverleigh.example.gov.uk/minutes'], hasNot: ACTIVE },
    });
  }
  {
    const doc = await minutes();
    link(doc, 0, { A: doc.context.obj({ S: 'Launch', F: PDFString.of('calc.exe'), Win: doc.context.obj({ F: PDFString.of('calc.exe') }) }) });
    link(doc, 1, { A: doc.context.obj({ S: 'URI', URI: PDFString.of('file:///etc/passwd') }) });
    link(doc, 1, { A: doc.context.obj({ S: 'GoToR', F: PDFString.of('file:///etc/passwd'), D: [0, PDFName.of('Fit')] }) }, [72, 650, 300, 670]);
    add('pdf-launch-action', { 'minutes.pdf': await save(doc), 'meeting.yaml': minutesItem() }, {
      what: 'minutes with a link that launches a program, a file: link and a link into another file: all removed',
      exit: 0,
      stderrHas: [warned('pdf-launch-action/minutes.pdf', 'a launch action (page 1); a link to a local file or script (page 2); a GoToR action (page 2)')],
      pack: { hasNot: [...ACTIVE, '/GoToR'] },
    });
  }
  {
    const doc = await minutes();
    const file = doc.context.register(doc.context.flateStream('SECRET-PAYLOAD: a program that should never travel in a pack', { Type: 'EmbeddedFile' }));
    const spec = doc.context.register(doc.context.obj({ Type: 'Filespec', F: PDFString.of('payload.exe'), UF: PDFString.of('payload.exe'), EF: doc.context.obj({ F: file }) }));
    doc.catalog.set(PDFName.of('Names'), doc.context.obj({ EmbeddedFiles: doc.context.obj({ Names: [PDFString.of('payload.exe'), spec] }) }));
    const p = doc.getPage(0);
    const annot = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'FileAttachment', Rect: [500, 700, 520, 720], FS: spec, Contents: PDFString.of('Open me') }));
    p.node.set(PDFName.of('Annots'), doc.context.obj([annot]));
    add('pdf-embedded-file', { 'minutes.pdf': await save(doc), 'meeting.yaml': minutesItem() }, {
      what: 'minutes carrying an embedded program, in the document and as an attachment on page 1: removed',
      exit: 0,
      stderrHas: [warned('pdf-embedded-file/minutes.pdf', 'embedded files; attached files (page 1)')],
      pack: { hasNot: [...ACTIVE, 'payload.exe'] },
    });
  }
  {
    const doc = await minutes();
    const widget = doc.context.register(
      doc.context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Tx', T: PDFString.of('comment'), Rect: [72, 100, 300, 120], AA: doc.context.obj({ K: doc.context.obj({ S: 'JavaScript', JS: PDFString.of('pwned()') }) }) }),
    );
    doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([widget]));
    doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [widget] }));
    add('pdf-form-fields', { 'minutes.pdf': await save(doc), 'meeting.yaml': minutesItem() }, {
      what: 'minutes with a form field whose keystrokes run JavaScript: the form and its field removed',
      exit: 0,
      stderrHas: [warned('pdf-form-fields/minutes.pdf', 'a form; form fields (page 1)')],
      pack: { hasNot: ACTIVE },
    });
  }
  {
    // A link to a named destination (the way Word's PDFs link their contents): kept, made explicit.
    const doc = await minutes();
    const target = doc.context.obj([doc.getPage(1).ref, PDFName.of('XYZ'), 0, 800, null]);
    doc.catalog.set(PDFName.of('Names'), doc.context.obj({ Dests: doc.context.obj({ Names: [PDFString.of('item-4'), target] }) }));
    link(doc, 0, { Dest: PDFString.of('item-4') });
    link(doc, 0, { A: doc.context.obj({ S: 'GoTo', D: PDFString.of('no-such-place') }) }, [72, 650, 300, 670]);
    add('pdf-named-destination', { 'minutes.pdf': await save(doc), 'meeting.yaml': minutesItem() }, {
      what: 'minutes linking to a named destination (kept, made explicit) and to a name that does not exist (dropped): nothing active, no warning',
      exit: 0,
      pack: { has: ['/Subtype /Link', '/Dest [ '], hasNot: [...ACTIVE, 'item-4', 'no-such-place'] },
    });
  }
  {
    const doc = await minutes();
    const [first] = await doc.copyPages(doc, [0]);
    for (let i = 0; i < 4998; i++) doc.addPage(first!);
    add('pdf-thousands-of-pages', { 'minutes.pdf': Buffer.from(await doc.save()), 'meeting.yaml': minutesItem() }, {
      what: 'a "minutes" PDF of 5,000 pages: refused by its length (limits.maxIncludedPages)',
      exit: 1,
      problems: [line('pdf-thousands-of-pages/minutes.pdf', ': found a PDF of 5,000 pages, expected at most 2,000 pages [TooLarge]')],
    });
  }
  {
    // Every offset in the cross-reference table wrong: read by its objects, as readers do.
    const text = (await save(await minutes())).toString('latin1');
    const broken = text.replace(/(\nxref\n0 \d+\n)([\s\S]*?)(\ntrailer)/, (_m, head: string, rows: string, tail: string) => head + rows.replace(/^\d{10}/gm, '0000000999') + tail);
    add('pdf-broken-xref', { 'minutes.pdf': Buffer.from(broken, 'latin1'), 'meeting.yaml': minutesItem() }, {
      what: 'minutes whose cross-reference table points nowhere: read from its objects, as a PDF reader repairs it; the pack built and tagged',
      exit: 0,
      pack: { hasNot: ACTIVE },
    });
  }
  {
    const text = (await save(await minutes())).toString('latin1');
    add('pdf-truncated', { 'minutes.pdf': Buffer.from(text.slice(0, Math.floor(text.length / 3)), 'latin1'), 'meeting.yaml': minutesItem() }, {
      what: 'minutes cut off a third of the way through: refused, named',
      exit: 1,
      problems: [line('pdf-truncated/minutes.pdf', ': could not be opened (it is damaged or incomplete: unreadable from byte 3,924), expected a PDF to include in the pack, unprotected [SourceUnreadable]')],
    });
  }
  {
    const doc = await minutes();
    doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -4, O: PDFString.of('x'.repeat(32)), U: PDFString.of('y'.repeat(32)) });
    add('pdf-encrypted', { 'minutes.pdf': await save(doc), 'meeting.yaml': minutesItem() }, {
      what: 'minutes saved with a password: refused',
      exit: 1,
      problems: [line('pdf-encrypted/minutes.pdf', ': could not be opened (it is password-protected or encrypted), expected a PDF to include in the pack, unprotected [SourceUnreadable]')],
    });
  }
  {
    const doc = await PDFDocument.create({ updateMetadata: false });
    add('pdf-no-pages', { 'minutes.pdf': Buffer.from(await doc.save({ addDefaultPage: false })), 'meeting.yaml': minutesItem() }, {
      what: 'a PDF with no pages: refused',
      exit: 1,
      problems: [line('pdf-no-pages/minutes.pdf', ': could not be opened (it has no pages), expected a PDF to include in the pack, unprotected [SourceUnreadable]')],
    });
  }
}

async function main(): Promise<void> {
  rmSync(ROOT, { recursive: true, force: true });
  const parts = await sampleParts();
  const withParts = (extra: Part[], drop: (n: string) => boolean = () => false): Buffer => zip([...parts.filter((p) => !drop(p.name)), ...extra]);
  /** A problem line: `{case}` stands for the case's folder as shown (the test runs a copy of it). */
  const line = (file: string, rest: string): string => `{case}/${file.split('/').slice(1).join('/')}${rest}`;

  // ---- Spreadsheet attacks --------------------------------------------------------------------
  add('xlsx-zip-bomb', { 'tracker.xlsx': withParts([{ name: 'xl/worksheets/sheet9.xml', data: Buffer.alloc(300 * 1024 * 1024, 0x20) }]), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'a zip bomb: one part of the workbook inflates to 300 MB from about 300 KB',
    exit: 1,
    problems: [line('xlsx-zip-bomb/tracker.xlsx', ': found a workbook whose parts inflate to 300.1 MB, expected at most 256.0 MB [TooLarge]')],
  });
  {
    // The lying part is the sheet read: a part nobody opens is never inflated, so it cannot hurt.
    const bomb = withParts([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 * 1024, 0x20), declare: 1024 }], (n) => n === 'xl/worksheets/sheet1.xml');
    add('xlsx-zip-bomb-lying-sizes', { 'tracker.xlsx': bomb, 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
      what: 'a zip bomb that lies: the tracker sheet declares 1 KB and inflates to 40 MB',
      exit: 1,
      problems: [line('xlsx-zip-bomb-lying-sizes/tracker.xlsx', ': could not be opened (its part xl/worksheets/sheet1.xml inflates past the 1,024 bytes it declares (a damaged file, or one built to exhaust memory)), expected an Excel workbook (.xlsx) saved by a spreadsheet program [SourceUnreadable]')],
    });
  }
  {
    // 300,000 empty rows, each with a style, after the real table: what Excel saves when someone formats whole columns.
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
    const rows: string[] = [];
    for (let r = 60; r <= 300_000; r++) rows.push(`<row r="${r}" s="1" customFormat="1"/>`);
    const styled = sheet.replace('</sheetData>', `${rows.join('')}</sheetData>`).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:L300000"/>');
    add('xlsx-many-empty-styled-rows', { 'tracker.xlsx': withParts([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(styled) }], (n) => n === 'xl/worksheets/sheet1.xml'), 'meeting.yaml': trackerOnly('tracker.xlsx', 'limits: { maxRows: 100000 }\n') }, {
      what: 'a workbook with 300,000 empty, styled rows below the table (whole columns formatted): read safely (empty rows skipped, streamed), in bounded time',
      exit: 0,
      html: { has: ['Social Work Workforce Plan', 'Recruitment Campaign for Experienced Social Workers'] },
    });
  }
  add('xlsx-external-links', {
    'tracker.xlsx': withParts([
      { name: 'xl/externalLinks/externalLink1.xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></externalLink>') },
      { name: 'xl/externalLinks/_rels/externalLink1.xml.rels', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///\\\\finance-server\\budgets\\2017.xlsx" TargetMode="External"/></Relationships>') },
    ]),
    'meeting.yaml': trackerOnly('tracker.xlsx'),
  }, {
    what: 'a workbook with an external link to a file on another server',
    exit: 1,
    problems: [line('xlsx-external-links/tracker.xlsx', ': found links to "file:///\\\\\\\\finance-server\\\\budgets\\\\2017.xlsx", expected every value to be in the workbook itself (a linked value cannot be traced to its cell) [WorkbookLinksOut]')],
  });
  add('xlsm-macros', { 'tracker.xlsm': withParts([{ name: 'xl/vbaProject.bin', data: Buffer.from('Attribute VB_Name = "Module1"\nSub AutoOpen()\nShell "curl http://127.0.0.1:9"\nEnd Sub\n') }]), 'meeting.yaml': trackerOnly('tracker.xlsm') }, {
    what: 'a macro-enabled workbook (.xlsm) with an AutoOpen macro',
    exit: 1,
    problems: [line('xlsm-macros/tracker.xlsm', ': found a macro-enabled workbook (VBA macros), expected a plain workbook: macros are never run, and such a workbook is not read [WorkbookHasMacros]')],
  });
  add('xlsx-with-vba-part', { 'tracker.xlsx': withParts([{ name: 'xl/vbaProject.bin', data: Buffer.from('macro') }]), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'macros hidden in a workbook renamed .xlsx',
    exit: 1,
    problems: [line('xlsx-with-vba-part/tracker.xlsx', ': found a macro-enabled workbook (VBA macros), expected a plain workbook: macros are never run, and such a workbook is not read [WorkbookHasMacros]')],
  });
  {
    // An OLE compound file holding an EncryptedPackage stream: what Excel saves with "Encrypt with password".
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole, 0);
    Buffer.from('EncryptionInfo', 'utf16le').copy(ole, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1152);
    add('xlsx-password-protected', { 'tracker.xlsx': ole, 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
      what: 'a password-protected workbook (an encrypted OLE package, not a zip)',
      exit: 1,
      problems: [line('xlsx-password-protected/tracker.xlsx', ': could not be opened (it is password-protected (encrypted)), expected an unprotected Excel workbook (.xlsx): open it in Excel, remove the password (File › Info › Protect Workbook) and save it [SourceUnreadable]')],
    });
  }
  add('xlsx-truncated', { 'tracker.xlsx': readFileSync('data/sample/tracker.xlsx').subarray(0, 6000), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'a workbook cut short (an email attachment that did not finish)',
    exit: 1,
    problems: [line('xlsx-truncated/tracker.xlsx', ': could not be opened (the workbook is damaged or incomplete: End of central directory record signature not found. Either not a zip file, or file is truncated.), expected an Excel workbook (.xlsx) saved in full [SourceUnreadable]')],
  });
  add('xls-renamed-xlsx', { 'tracker.xlsx': readFileSync('test/fixtures/libreoffice/old-format-renamed.xlsx'), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'an old binary .xls workbook renamed .xlsx',
    exit: 1,
    problems: [line('xls-renamed-xlsx/tracker.xlsx', ': could not be opened (it is an old-format .xls workbook (or another OLE file) named .xlsx), expected an Excel workbook (.xlsx): open it and "Save As" Excel Workbook (.xlsx) [SourceUnreadable]')],
  });
  add('xlsx-empty-file', { 'tracker.xlsx': Buffer.alloc(0), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'an empty file named .xlsx',
    exit: 1,
    problems: [line('xlsx-empty-file/tracker.xlsx', ': could not be opened (the file is empty), expected an Excel workbook (.xlsx) [SourceUnreadable]')],
  });
  add('xlsx-random-bytes', { 'tracker.xlsx': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'random bytes named .xlsx',
    exit: 1,
    problems: [line('xlsx-random-bytes/tracker.xlsx', ': could not be opened (it is not a zip-based workbook), expected an Excel workbook (.xlsx) [SourceUnreadable]')],
  });
  add('xlsx-is-html', { 'tracker.xlsx': '<html><body><table><tr><td>REF</td><td><script>alert(1)</script></td></tr></table></body></html>', 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'a web page saved with an .xlsx name (what "Export to Excel" buttons often give)',
    exit: 1,
    problems: [line('xlsx-is-html/tracker.xlsx', ': could not be opened (it is not a zip-based workbook), expected an Excel workbook (.xlsx) [SourceUnreadable]')],
  });
  add('xlsx-is-plain-zip', { 'tracker.xlsx': zip([{ name: 'readme.txt', data: Buffer.from('not a workbook') }]), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'a zip file that is not a workbook',
    exit: 1,
    problems: [line('xlsx-is-plain-zip/tracker.xlsx', ': could not be opened (it is a zip file but not an Excel workbook (it has no xl/workbook.xml)), expected an Excel workbook (.xlsx) [SourceUnreadable]')],
  });
  add('xlsx-encrypted-parts', { 'tracker.xlsx': zip(parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, flags: 1 } : p))), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'a workbook whose zip parts are marked encrypted (zip password)',
    exit: 1,
    problems: [line('xlsx-encrypted-parts/tracker.xlsx', ': could not be opened (its parts are encrypted), expected an unprotected Excel workbook (.xlsx) [SourceUnreadable]')],
  });
  {
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
    const broken = Buffer.from(sheet.slice(0, Math.floor(sheet.length / 2)) + '<row r="<<<"');
    add('xlsx-malformed-xml', { 'tracker.xlsx': withParts([{ name: 'xl/worksheets/sheet1.xml', data: broken }], (n) => n === 'xl/worksheets/sheet1.xml'), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
      what: 'a workbook whose sheet XML is broken off in the middle of a tag',
      exit: 1,
      problems: [line('xlsx-malformed-xml/tracker.xlsx', ` › SIP Summary: could not be opened (the workbook is damaged or incomplete: its part xl/worksheets/sheet1.xml stops before the end of its <worksheet> (cut off after ${broken.length.toLocaleString('en-GB')} bytes)), expected an Excel workbook (.xlsx) saved in full [SourceUnreadable]`)],
    });
    const rows = Buffer.from(sheet.slice(0, sheet.indexOf('</row>', Math.floor(sheet.length / 2)) + '</row>'.length));
    add('xlsx-sheet-cut-between-rows', { 'tracker.xlsx': withParts([{ name: 'xl/worksheets/sheet1.xml', data: rows }], (n) => n === 'xl/worksheets/sheet1.xml'), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
      what: 'a workbook whose sheet XML stops cleanly after a row, half-way: well-formed as far as it goes, so only its missing end tells',
      exit: 1,
      problems: [line('xlsx-sheet-cut-between-rows/tracker.xlsx', ` › SIP Summary: could not be opened (the workbook is damaged or incomplete: its part xl/worksheets/sheet1.xml stops before the end of its <worksheet> (cut off after ${rows.length.toLocaleString('en-GB')} bytes)), expected an Excel workbook (.xlsx) saved in full [SourceUnreadable]`)],
    });
    const strings = parts.find((p) => p.name === 'xl/sharedStrings.xml')!.data.toString('utf8');
    const xxe = strings.replace(/^(<\?xml[^>]*\?>)/, '$1<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('Social Work Workforce Plan', '&xxe;');
    add('xlsx-xxe-entity', { 'tracker.xlsx': withParts([{ name: 'xl/sharedStrings.xml', data: Buffer.from(xxe) }], (n) => n === 'xl/sharedStrings.xml'), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
      what: 'an XML external entity in the shared strings pointing at /etc/passwd (XXE): never resolved, the rest read',
      exit: 0,
      html: { has: ['Recruitment Campaign for Experienced Social Workers'], hasNot: ['root:x:0:0', '/bin/bash', '/usr/sbin/nologin'] },
    });
    const laughs = strings.replace(/^(<\?xml[^>]*\?>)/, '$1<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>').replace('Social Work Workforce Plan', '&h;');
    add('xlsx-billion-laughs', { 'tracker.xlsx': withParts([{ name: 'xl/sharedStrings.xml', data: Buffer.from(laughs) }], (n) => n === 'xl/sharedStrings.xml'), 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
      what: 'nested XML entities in the shared strings that would expand to 1 GB ("billion laughs"): never expanded, the rest read',
      exit: 0,
      html: { has: ['Recruitment Campaign for Experienced Social Workers'], hasNot: ['aaaaaaaaaaaaaaaaaaaa'] },
    });
  }
  add('xlsx-is-a-folder', { 'tracker.xlsx/placeholder.txt': 'a folder named like a workbook', 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'a folder where the workbook should be',
    exit: 1,
    problems: [line('xlsx-is-a-folder/tracker.xlsx', ': the project tracker named in the config does not exist [SourceNotFound]')],
  });

  // ---- CSV ------------------------------------------------------------------------------------
  const defs = readFileSync('data/sample/kpi-definitions.csv', 'utf8');
  add('csv-binary-nul', { 'kpis.csv': Buffer.concat([Buffer.from('\ufeffMeasure ID,Period,Value\r\nWF01,2017-02,'), Buffer.from([0, 0, 0xff, 0xfe, 0, 1, 2, 3]), Buffer.from('\r\n')]), 'meeting.yaml': fullItem({ kpis: 'kpis.csv' }) }, {
    what: 'a KPI return with binary bytes (NUL) in a value',
    exit: 1,
    problems: [line('csv-binary-nul/kpis.csv', ' › C2: found "\\u0000\\u0000ÿþ\\u0000\\u0001\\u0002\\u0003" as value, expected a number [NotANumber]')],
  });
  add('csv-utf16', { 'kpis.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync('data/sample/kpis.csv', 'utf8').replace(/^\ufeff/, ''), 'utf16le')]), 'meeting.yaml': fullItem({ kpis: 'kpis.csv' }) }, {
    what: 'a KPI return saved as UTF-16 ("Unicode text" in Excel)',
    exit: 1,
    problems: [line('csv-utf16/kpis.csv', ': could not be opened (it is UTF-16 text (what Excel saves as "Unicode Text")), expected a CSV file: in Excel, "Save As" CSV UTF-8 (Comma delimited) [SourceUnreadable]')],
  });
  add('csv-unterminated-quote', { 'kpis.csv': '\ufeffMeasure ID,Period,Value\r\nWF01,2017-02,"23.6\r\nWF01,2017-01,23.5\r\n', 'meeting.yaml': fullItem({ kpis: 'kpis.csv' }) }, {
    what: 'a KPI return with a quote that is never closed',
    exit: 1,
    problems: [line('csv-unterminated-quote/kpis.csv', ': could not be opened (Quote Not Closed: the parsing is finished with an opening quote at line 5), expected a CSV file [SourceUnreadable]')],
  });
  add('csv-huge-line', { 'kpis.csv': `\ufeffMeasure ID,Period,Value\r\nWF01,2017-02,${'9'.repeat(200 * 1024)}\r\n`, 'meeting.yaml': fullItem({ kpis: 'kpis.csv' }, `${HEAD}limits: { maxBytes: 100000 }\n`) }, {
    what: 'a KPI return with one 200 KB line, over limits.maxBytes',
    exit: 1,
    problems: [line('csv-huge-line/kpis.csv', ': found 200.0 KB, expected at most 97.7 KB [TooLarge]')],
  });
  add('csv-defs-injection', { 'kpi-definitions.csv': defs.replace('Average caseload per social worker', `"Average caseload ${PAYLOAD_TEXT.replace(/"/g, '""')}"`), 'meeting.yaml': fullItem({ kpiDefinitions: 'kpi-definitions.csv' }) }, {
    what: 'KPI names holding HTML, script, CSS url(), Handlebars and a javascript: link: shown as text',
    exit: 0,
    html: { has: ESCAPED, hasNot: NEVER },
  });
  add('csv-formula-injection', {
    'kpi-definitions.csv': defs.replace('Average caseload per social worker', '"=HYPERLINK(""http://127.0.0.1:9/x"",""Click"")"').replace('Social workers permanently appointed', '@SUM(1+1)*cmd|\' /C calc\'!A0'),
    'meeting.yaml': fullItem({ kpiDefinitions: 'kpi-definitions.csv' }),
  }, {
    what: 'KPI names that a spreadsheet would run as formulas (=, @): neutralised in the CSV companions with a leading apostrophe',
    exit: 0,
    csv: { has: ['\'=HYPERLINK(""http://127.0.0.1:9/x"",""Click"")', "'@SUM(1+1)*cmd|' /C calc'!A0"], hasNot: [',=HYPERLINK', '"=HYPERLINK', ',@SUM'] },
  });
  add('csv-outcomes-injection', {
    'outcomes.csv': readFileSync('data/sample/outcomes.csv', 'utf8').replace('"Outcome 1 - A stable, skilled workforce with manageable caseloads"', `"Outcome 1 - ${PAYLOAD_TEXT.replace(/"/g, '""')}"`),
    'recommendations.csv': readFileSync('data/sample/recommendations.csv', 'utf8').replace('Make sure councillors', `${PAYLOAD_TEXT.replace(/"/g, '""').replace(/,/g, ' ')} Make sure councillors`).replace(/^1,(.*)$/m, (_m, rest: string) => `1,"${rest.replace(/"/g, '""')}"`),
    'meeting.yaml': fullItem({ outcomes: 'outcomes.csv', recommendations: 'recommendations.csv' }),
  }, {
    what: 'an outcome and a recommendation holding HTML, script, CSS url(), Handlebars and a javascript: link: shown as text',
    exit: 0,
    html: { has: ESCAPED, hasNot: NEVER },
  });

  // ---- Workbook text ----------------------------------------------------------------------------
  {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile('data/sample/tracker.xlsx');
    const ws = wb.getWorksheet('SIP Summary')!;
    ws.getCell('F7').value = `Commentary ${PAYLOAD_TEXT}`;
    ws.getCell('C8').value = `Recruitment <b>bold</b> ${PAYLOADS[0]}`;
    ws.getCell('G9').value = `03 Mar - ${PAYLOADS[2]}`;
    add('xlsx-tracker-injection', { 'tracker.xlsx': Buffer.from(await wb.xlsx.writeBuffer()), 'meeting.yaml': fullItem({ tracker: 'tracker.xlsx' }) }, {
      what: 'tracker cells (commentary, project title, milestone) holding HTML, script, CSS url(), Handlebars and a javascript: link: shown as text',
      exit: 0,
      html: { has: [...ESCAPED, 'Recruitment &lt;b&gt;bold&lt;/b&gt;'], hasNot: [...NEVER, '<b>bold</b>'] },
    });
  }
  {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile('data/sample/action-plan.xlsx');
    const ws = wb.getWorksheet('Action Plan')!;
    // Action 1.02's action and progress (row 6, columns C and G): what the paper's action table shows.
    ws.getCell('C6').value = `Agree a scrutiny programme ${PAYLOAD_TEXT}`;
    ws.getCell('G6').value = `Programme drafted ${PAYLOADS[0]}`;
    add('xlsx-actions-injection', { 'action-plan.xlsx': Buffer.from(await wb.xlsx.writeBuffer()), 'meeting.yaml': fullItem({ actions: 'action-plan.xlsx' }) }, {
      what: 'an action plan cell holding HTML, script, CSS url(), Handlebars and a javascript: link: shown as text',
      exit: 0,
      html: { has: ESCAPED, hasNot: NEVER },
    });
  }

  // ---- Narrative and config text ------------------------------------------------------------------
  {
    const md = readFileSync('data/sample/papers/improvement-plan-update.md', 'utf8');
    const hostile = md.replace(/\n## /, `\n<script>document.title="pwned"</script>\n\nSee <iframe src=http://127.0.0.1:9/steal></iframe> and [the plan](javascript:alert(1)), [a file](file:///etc/passwd), ![pixel](http://127.0.0.1:9/pixel.png) and {{> paper}}.\n\n## `);
    add('markdown-injection', { 'paper.md': hostile, 'meeting.yaml': fullItem({ narrative: 'paper.md' }) }, {
      what: 'narrative Markdown with raw HTML, a javascript: link, a file: link, a remote image and Handlebars: raw HTML shown as text, links and images not made',
      exit: 0,
      // An http(s) link stays a link (a link in a PDF loads nothing); the image is not made (images are off).
      html: { has: ['&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;', '&lt;iframe src=http://127.0.0.1:9/steal&gt;&lt;/iframe&gt;', '[the plan](javascript:alert(1))', '[a file](file:///etc/passwd)', '!<a href="http://127.0.0.1:9/pixel.png">pixel</a>', '{{&gt; paper}}'], hasNot: [...NEVER, 'src="http://127.0.0.1', '<img'] },
    });
  }
  add('yaml-title-injection', {
    'meeting.yaml': fullItem({}, `council: "Haverleigh <script>alert(1)</script> Council"
committee: "Panel <iframe src=http://127.0.0.1:9/></iframe> {{> paper}}"
start: 2017-03-13T14:00
venue: "<img src=file:///etc/passwd>"
asAt: 2017-02-24
`),
  }, {
    what: 'meeting.yaml council, committee and venue holding HTML and Handlebars: shown as text',
    exit: 0,
    html: { has: ['Haverleigh &lt;script&gt;alert(1)&lt;/script&gt; Council', 'Panel &lt;iframe src&#x3D;http://127.0.0.1:9/&gt;&lt;/iframe&gt; {{&gt; paper}}'], hasNot: NEVER },
  });
  add('yaml-alias-bomb', {
    'meeting.yaml': `${HEAD}a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\nitems: []\n`,
  }, {
    what: 'a meeting.yaml of nested aliases that would expand to a million nodes ("billion laughs" in YAML)',
    exit: 1,
    problems: [line('yaml-alias-bomb/meeting.yaml', ':1: could not read the YAML: Excessive alias count indicates a resource exhaustion attack (its aliases, *name, expand too far) [ConfigNotYaml]')],
  });
  add('yaml-js-tag', { 'meeting.yaml': trackerOnly(`${SAMPLE}/tracker.xlsx`).replace("title: Update on the Children's Services Improvement Plan", `title: !!js/function "function () { require('child_process').execSync('touch /tmp/pwned') }"`) }, {
    what: 'a meeting.yaml with a !!js/function tag (code in YAML): never run, the title shown as text',
    exit: 0,
    html: { has: ['execSync(&#x27;touch /tmp/pwned&#x27;)'], hasNot: NEVER },
  });
  add('markdown-front-matter-bomb', {
    'paper.md': `---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n\nText.\n`,
    'meeting.yaml': trackerOnly(`${SAMPLE}/tracker.xlsx`).replace(`${SAMPLE}/papers/improvement-plan-update.md`, 'paper.md'),
  }, {
    what: 'a narrative whose front matter is a YAML alias bomb',
    exit: 1,
    problems: [line('markdown-front-matter-bomb/paper.md', ':2: could not read the YAML: Excessive alias count indicates a resource exhaustion attack (its aliases, *name, expand too far) [ConfigNotYaml]')],
  });

  // ---- Paths ------------------------------------------------------------------------------------
  add('path-parent-escape', { 'meeting.yaml': trackerOnly('../../../../../../../../etc/passwd') }, {
    what: 'a tracker path climbing out of the project to /etc/passwd',
    exit: 1,
    problems: [line('path-parent-escape/meeting.yaml', ': found the project tracker at "/etc/passwd", expected a path inside "/work/main" or "/work/main/test/fixtures/hostile/path-parent-escape" [PathOutsideProject]')],
  });
  add('path-absolute', { 'meeting.yaml': trackerOnly(`${SAMPLE}/tracker.xlsx`).replace(`${SAMPLE}/papers/improvement-plan-update.md`, '/etc/hostname') }, {
    what: 'a narrative given as an absolute path outside the project',
    exit: 1,
    problems: [line('path-absolute/meeting.yaml', ': found the narrative (Markdown) at "/etc/hostname", expected a path inside "/work/main" or "/work/main/test/fixtures/hostile/path-absolute" [PathOutsideProject]')],
  });
  add('path-symlink-escape', { 'meeting.yaml': trackerOnly('tracker.xlsx') }, {
    what: 'a tracker that is a symbolic link inside the project to a file outside it',
    exit: 1,
    problems: [line('path-symlink-escape/meeting.yaml', ': found the project tracker at "/work/main/test/fixtures/hostile/path-symlink-escape/tracker.xlsx → /etc/passwd", expected a path inside "/work/main" or "/work/main/test/fixtures/hostile/path-symlink-escape" [PathOutsideProject]')],
  }, { 'tracker.xlsx': '/etc/passwd' });
  add('path-logo-outside', { 'meeting.yaml': trackerOnly(`${SAMPLE}/tracker.xlsx`, 'style: { logo: /etc/passwd }\n') }, {
    what: 'a logo path outside the project',
    exit: 1,
    problems: [line('path-logo-outside/meeting.yaml', ': found the logo (style.logo) at "/etc/passwd", expected a path inside "/work/main" or "/work/main/test/fixtures/hostile/path-logo-outside" [PathOutsideProject]')],
  });
  add('path-previous-outside', { 'meeting.yaml': trackerOnly(`${SAMPLE}/tracker.xlsx`).replace('    tracker:', '    previous: /proc/self/environ\n    tracker:') }, {
    what: 'a previous snapshot read from /proc/self/environ (the server’s secrets)',
    exit: 1,
    problems: [line('path-previous-outside/meeting.yaml', ': found the previous snapshot at "/proc/self/environ", expected a path inside "/work/main" or "/work/main/test/fixtures/hostile/path-previous-outside" [PathOutsideProject]')],
  });
  const schedule = (out: string, history: string): string => `council: Haverleigh County Council
board: Improvement Board
plan: Children's Services Improvement Plan
sources:
  tracker:
    file: ${SAMPLE}/extracts/{period}/tracker.xlsx
    sheet: SIP Summary
out: ${out}
history: ${history}
`;
  add('schedule-out-outside', { 'schedule.yaml': schedule('/tmp/papers-hostile-out/{period}', 'history') }, {
    what: 'a schedule that would write its reports to /tmp, outside the project',
    command: 'run',
    config: 'schedule.yaml',
    flags: ['--period', '2017-02'],
    exit: 1,
    problems: [line('schedule-out-outside/schedule.yaml', ': found the report folder (out) at "/tmp/papers-hostile-out/2017-02", expected a path inside "/work/main" or "/work/main/test/fixtures/hostile/schedule-out-outside" [PathOutsideProject]')],
  });
  add('schedule-history-outside', { 'schedule.yaml': schedule('reports/{period}', '../../../../../../../../var/tmp/papers-history') }, {
    what: 'a schedule that would keep its history in /var/tmp, outside the project',
    command: 'run',
    config: 'schedule.yaml',
    flags: ['--period', '2017-02'],
    exit: 1,
    problems: [line('schedule-history-outside/schedule.yaml', ': found the history folder (history) at "/var/tmp/papers-history/2017-02", expected a path inside "/work/main" or "/work/main/test/fixtures/hostile/schedule-history-outside" [PathOutsideProject]')],
  });
  add('schedule-extract-outside', { 'schedule.yaml': schedule('reports/{period}', 'history').replace(`${SAMPLE}/extracts/{period}/tracker.xlsx`, '/etc/{period}/passwd') }, {
    what: 'a schedule whose extract path leads outside the project: that report fails, naming it',
    command: 'run',
    config: 'schedule.yaml',
    flags: ['--period', '2017-02'],
    exit: 3,
    stderrHas: ['found the project tracker at "/etc/2017-02/passwd", expected a path inside'],
  });

  add('title-path-traversal', { 'meeting.yaml': fullItem().replace("title: Update on the Children's Services Improvement Plan", 'title: "../../../../etc/cron.d/evil <script>x</script>"') }, {
    what: 'an item title that would climb out of the output folder if used as a file name: no title goes into a name (item-6.pdf), the title shown as text',
    exit: 0,
    html: { has: ['../../../../etc/cron.d/evil &lt;script&gt;x&lt;/script&gt;'], hasNot: NEVER },
    names: '^item-6\\.pdf$',
  });
  add('xlsx-sheet-name-injection', { 'meeting.yaml': trackerOnly(`${SAMPLE}/tracker.xlsx`).replace(`file: ${SAMPLE}/tracker.xlsx`, `file: ${SAMPLE}/tracker.xlsx\n      sheet: "<script>alert(1)</script>"`) }, {
    what: 'a sheet name in the config holding script: named in the message, nothing else',
    exit: 1,
    problems: ['data/sample/tracker.xlsx: found no sheet named "<script>alert(1)</script>", expected one of "SIP Summary" [SheetNotFound]'],
  });

  // ---- Included PDFs (last meeting's minutes, sent by anyone) ---------------------------------------
  await pdfCases();

  // ---- Write -------------------------------------------------------------------------------------
  for (const c of cases) {
    const dir = path.join(ROOT, c.name);
    mkdirSync(dir, { recursive: true });
    for (const [name, data] of Object.entries(c.files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), data);
    }
    for (const [name, target] of Object.entries(c.links ?? {})) symlinkSync(target, path.join(dir, name));
    // {caseAbs}: the case's folder, absolute; {root}: the repository, absolute (wherever it is cloned).
    const text = stringify(c.expect, { lineWidth: 0 }).replaceAll(`/work/main/test/fixtures/hostile/${c.name}`, '{caseAbs}').replaceAll('/work/main', '{root}');
    writeFileSync(path.join(dir, 'case.yaml'), `# What must happen with this input: test/e2e/hostile.test.ts runs it (scripts/make-hostile.ts wrote it).\n${text}`);
  }
  console.log(`${cases.length} cases in ${ROOT}`);
}

await main();
