/**
 * A meeting's items → the documents to publish and their names. Pure.
 *
 * The meeting's folder names the meeting (`output/2017-03-13-children-and-families-overview-and-scrutiny-panel/`);
 * what is inside it is short and plain, so that no path gets near Windows' 260 characters and a file
 * reads well as an email attachment: `item-6.pdf`, `item-6-large-print.pdf`, `item-6-appendix-3.csv`,
 * `pack.pdf` (`pack-v2.pdf`), `manifest.json`. No title goes into a name; the manifest and the web
 * pages give each file its full title (`fileTitle`). The agenda pack's page layout (blank pages,
 * continuous numbering) is in `pack.ts` beside this file.
 */
import { slug, type ItemConfig, type MeetingConfig } from '../model/index.js';

/** `2017-03-13-children-and-families-overview-and-scrutiny-panel`: the meeting's folder (at most 61 characters). */
export function meetingBaseName(meeting: MeetingConfig): string {
  const full = slug(meeting.committee, 200);
  // A long committee name is cut at a word, not inside one ("…-overview-and-scrutiny", not "…-scrutiny-co").
  const cut = full.length <= 50 ? full : full.slice(0, 51).replace(/-[^-]*$/, '') || full.slice(0, 50);
  return `${meeting.start.slice(0, 10)}-${cut}`;
}

/** `item-6` (`item-6a`): the name every file of the item's paper starts with. */
export function itemBaseName(_meeting: MeetingConfig, item: Pick<ItemConfig, 'number'>): string {
  return `item-${slug(item.number, 8)}`;
}

export interface PaperFiles {
  /** The name every file of the paper starts with. */
  base: string;
  html: string;
  pdf: string;
  /** The Word copy (the standard copy's only). */
  docx: string;
  /** The scored model's snapshot, for the next paper's "changes since the last paper". */
  snapshot: string;
  /** Its block for the agenda pack: how a later build that reuses the paper puts it into its pack without parsing its PDF. */
  packPart: string;
}

/** How a paper's block for the pack ends its name. */
export const PACK_PART = '.part';

export function paperFileNames(meeting: MeetingConfig, item: ItemConfig, options: { largePrint?: boolean } = {}): PaperFiles {
  const base = `${itemBaseName(meeting, item)}${options.largePrint ? '-large-print' : ''}`;
  return { base, html: `${base}.html`, pdf: `${base}.pdf`, docx: `${base}.docx`, snapshot: `${base}.snapshot.json`, packPart: `${base}${PACK_PART}` };
}

/** `pack.pdf`; `large-print-pack.pdf`, `supplement-pack.pdf`, `supplement-large-print-pack.pdf`; `confidential-pack.pdf` (in a folder of its own). */
export function packFileName(_meeting: MeetingConfig, options: { supplement?: boolean; largePrint?: boolean; confidential?: boolean } = {}): string {
  return `${options.confidential ? 'confidential-' : ''}${options.supplement ? 'supplement-' : ''}${options.largePrint ? 'large-print-' : ''}pack.pdf`;
}

/**
 * Where one of the pack's own pages is published as a block, beside the pack: `pack.front.part` for the
 * front sheet (`front`), `pack.cover-4.part` for item 4's cover (`item4`).
 */
export function packPageFileName(packName: string, part: string): string {
  const base = packName.replace(/\.pdf$/, '');
  return part === 'front' ? `${base}.front${PACK_PART}` : `${base}.${part.replace(/^item/, 'cover-')}${PACK_PART}`;
}

/** `manifest.json`; `supplement.manifest.json`, `large-print.manifest.json`. */
export function manifestFileName(_meeting: MeetingConfig, options: { largePrint?: boolean; supplement?: boolean } = {}): string {
  const variant = [options.supplement ? 'supplement' : '', options.largePrint ? 'large-print' : ''].filter(Boolean).join('-');
  return variant ? `${variant}.manifest.json` : 'manifest.json';
}

/** `item-6-appendix-3.csv` from `item-6` and `appendix-3-kpi-scorecard`. */
export function appendixFileName(base: string, tableName: string, ext: 'csv' | 'json'): string {
  return `${base}-${/^appendix-\d+/.exec(tableName)?.[0] ?? tableName}.${ext}`;
}

/**
 * A published file's full title, from its short name: "Item 6 – Update on the Children's Services
 * Improvement Plan, appendix 3 (CSV)", "Agenda pack, version 2 (PDF)". Undefined for a name this
 * module does not make.
 */
export function fileTitle(meeting: MeetingConfig, name: string): string | undefined {
  const m = /^(?:(confidential-)?(supplement-)?(large-print-)?pack(?:-v(\d+))?|item-([a-z0-9-]+?)(-large-print)?(?:-appendix-(\d+))?)\.(pdf|docx|html|csv|json|snapshot\.json|changes\.md)$/.exec(name);
  if (!m) return undefined;
  const [, confidential, supplement, largePack, version, itemSlug, large, appendix, ext] = m;
  const kind = ext === 'snapshot.json' ? 'snapshot for the next paper' : ext === 'changes.md' ? 'what changed' : ext === 'docx' ? 'Word' : ext!.toUpperCase();
  if (itemSlug === undefined) return `${confidential ? 'Confidential agenda pack, not for publication' : supplement ? 'Supplementary agenda pack' : 'Agenda pack'}${largePack ? ', large print' : ''}${version ? `, version ${version}` : ''} (${kind})`;
  const item = meeting.items.find((i) => slug(i.number, 8) === itemSlug);
  if (!item) return undefined;
  return `Item ${item.number} – ${item.title}${large ? ', large print' : ''}${appendix ? `, appendix ${appendix}` : ''} (${kind})`;
}
export * from './pack.js';
