/**
 * A meeting's items → the documents to publish and their names. Pure.
 *
 * Names follow the meeting: `2017-03-13-children-and-families-overview-and-scrutiny-panel`, then
 * `-item-6-update-on-the-childrens-services-improvement-plan` for each paper. The agenda pack's
 * page layout (blank pages, continuous numbering) is in `pack.ts` beside this file.
 */
import { slug, type ItemConfig, type MeetingConfig } from '../model/index.js';

export function meetingBaseName(meeting: MeetingConfig): string {
  return `${meeting.start.slice(0, 10)}-${slug(meeting.committee)}`;
}

export function itemBaseName(meeting: MeetingConfig, item: ItemConfig): string {
  return `${meetingBaseName(meeting)}-item-${slug(item.number, 8)}-${slug(item.title, 50)}`;
}

export interface PaperFiles {
  /** The name every file of the paper starts with. */
  base: string;
  html: string;
  pdf: string;
  /** The scored model's snapshot, for the next paper's "changes since the last paper". */
  snapshot: string;
  /** Its block for the agenda pack: how a later build that reuses the paper puts it into its pack without parsing its PDF. */
  packPart: string;
}

/** How a paper's block for the pack ends its name. */
export const PACK_PART = '.pack-part';

export function paperFileNames(meeting: MeetingConfig, item: ItemConfig, options: { largePrint?: boolean } = {}): PaperFiles {
  const base = `${itemBaseName(meeting, item)}${options.largePrint ? '-large-print' : ''}`;
  return { base, html: `${base}.html`, pdf: `${base}.pdf`, snapshot: `${base}.snapshot.json`, packPart: `${base}${PACK_PART}` };
}

/** `2017-03-13-children-and-families-overview-and-scrutiny-panel-pack.pdf`. */
export function packFileName(meeting: MeetingConfig, options: { supplement?: boolean } = {}): string {
  return `${meetingBaseName(meeting)}-${options.supplement ? 'supplement-' : ''}pack.pdf`;
}

/**
 * Where one of the pack's own pages is published as a block, beside the pack: `…-pack.front-sheet.pack-part`
 * for the front sheet (`front`), `…-pack.item-4-cover.pack-part` for item 4's cover (`item4`).
 */
export function packPageFileName(packName: string, part: string): string {
  const base = packName.replace(/\.pdf$/, '');
  return part === 'front' ? `${base}.front-sheet${PACK_PART}` : `${base}.${part.replace(/^item/, 'item-')}-cover${PACK_PART}`;
}

export function manifestFileName(meeting: MeetingConfig, options: { largePrint?: boolean; supplement?: boolean } = {}): string {
  return `${meetingBaseName(meeting)}${options.supplement ? '-supplement' : ''}${options.largePrint ? '-large-print' : ''}.manifest.json`;
}
export * from './pack.js';
