import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { itemBaseName, manifestFileName, meetingBaseName, paperFileNames } from '../../src/assemble/index.js';
import { parseMeetingConfig } from '../../src/config/index.js';

const meeting = parseMeetingConfig(readFileSync('data/sample/meeting.yaml', 'utf8'), 'data/sample/meeting.yaml', { cwd: process.cwd() });

describe('document names', () => {
  it('follow the meeting date and committee, then the item', () => {
    expect(meetingBaseName(meeting)).toBe('2017-03-13-children-and-families-overview-and-scrutiny-panel');
    expect(paperFileNames(meeting, meeting.items[0]!)).toEqual({
      html: '2017-03-13-children-and-families-overview-and-scrutiny-panel-item-6-update-on-the-childrens-services-improvement-plan.html',
      pdf: '2017-03-13-children-and-families-overview-and-scrutiny-panel-item-6-update-on-the-childrens-services-improvement-plan.pdf',
      snapshot: '2017-03-13-children-and-families-overview-and-scrutiny-panel-item-6-update-on-the-childrens-services-improvement-plan.snapshot.json',
      packPart: '2017-03-13-children-and-families-overview-and-scrutiny-panel-item-6-update-on-the-childrens-services-improvement-plan.pack-part',
      base: '2017-03-13-children-and-families-overview-and-scrutiny-panel-item-6-update-on-the-childrens-services-improvement-plan',
    });
    expect(manifestFileName(meeting)).toBe('2017-03-13-children-and-families-overview-and-scrutiny-panel.manifest.json');
  });
  it('are safe whatever the title says', () => {
    const item = { ...meeting.items[0]!, number: '6a/../', title: '../../etc/passwd <script>' };
    const name = itemBaseName(meeting, item);
    expect(name).toMatch(/^[a-z0-9-]+$/);
    expect(name).toBe('2017-03-13-children-and-families-overview-and-scrutiny-panel-item-6a-etc-passwd-script');
  });
});
