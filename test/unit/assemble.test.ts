import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendixFileName, fileTitle, itemBaseName, manifestFileName, meetingBaseName, packFileName, packPageFileName, paperFileNames } from '../../src/assemble/index.js';
import { parseMeetingConfig } from '../../src/config/index.js';
import { versionName } from '../../src/publish/index.js';

const meeting = parseMeetingConfig(readFileSync('data/sample/meeting.yaml', 'utf8'), 'data/sample/meeting.yaml', { cwd: process.cwd() });

describe('document names', () => {
  it('name the meeting in its folder, and keep what is inside it short and plain', () => {
    expect(meetingBaseName(meeting)).toBe('2017-03-13-children-and-families-overview-and-scrutiny-panel');
    expect(paperFileNames(meeting, meeting.items[0]!)).toEqual({ html: 'item-6.html', pdf: 'item-6.pdf', docx: 'item-6.docx', snapshot: 'item-6.snapshot.json', packPart: 'item-6.part', base: 'item-6' });
    expect(paperFileNames(meeting, meeting.items[0]!, { largePrint: true }).pdf).toBe('item-6-large-print.pdf');
    expect(appendixFileName('item-6', 'appendix-3-outcomes-measures-and-recommendations', 'csv')).toBe('item-6-appendix-3.csv');
    expect(packFileName(meeting)).toBe('pack.pdf');
    expect(versionName(packFileName(meeting), 2)).toBe('pack-v2.pdf');
    expect(packFileName(meeting, { supplement: true })).toBe('supplement-pack.pdf');
    expect(packPageFileName('pack.pdf', 'front')).toBe('pack.front.part');
    expect(packPageFileName('pack.pdf', 'item4')).toBe('pack.cover-4.part');
    expect(manifestFileName(meeting)).toBe('manifest.json');
    expect(manifestFileName(meeting, { largePrint: true })).toBe('large-print.manifest.json');
  });
  it('cut a long committee name at a word', () => {
    const long = { ...meeting, committee: 'Children and Young People Overview and Scrutiny Committee' };
    expect(meetingBaseName(long)).toBe('2017-03-13-children-and-young-people-overview-and-scrutiny');
  });
  it('give each file its full title for the manifest and the web pages', () => {
    expect(fileTitle(meeting, 'item-6.pdf')).toBe("Item 6 – Update on the Children's Services Improvement Plan (PDF)");
    expect(fileTitle(meeting, 'item-6-large-print.html')).toBe("Item 6 – Update on the Children's Services Improvement Plan, large print (HTML)");
    expect(fileTitle(meeting, 'item-6-appendix-3.csv')).toBe("Item 6 – Update on the Children's Services Improvement Plan, appendix 3 (CSV)");
    expect(fileTitle(meeting, 'pack-v2.pdf')).toBe('Agenda pack, version 2 (PDF)');
    expect(fileTitle(meeting, 'pack-v2.changes.md')).toBe('Agenda pack, version 2 (what changed)');
    expect(fileTitle(meeting, 'item-9.pdf')).toBeUndefined();
  });
  it('are safe whatever the item number says, and no title goes into a name', () => {
    const item = { ...meeting.items[0]!, number: '6a/../', title: '../../etc/passwd <script>' };
    const name = itemBaseName(meeting, item);
    expect(name).toMatch(/^[a-z0-9-]+$/);
    expect(name).toBe('item-6a');
  });
});
