/**
 * The agenda pack's own pages as views for templates/pack.hbs: the front sheet (meeting details, notices in
 * the council's languages, membership, the agenda with each item's page range as laid out by
 * assemble/pack.ts, contacts, date of issue) with the declarations guidance, and the cover printed before
 * each included PDF. Pure. The papers' pages are their own printed PDFs, joined by print/pack.ts.
 */
import { slug, type MeetingConfig, type PackLayout, type PackPart } from '../model/index.js';
import { exemptAppendicesNote, exemptNote } from './exempt.js';
import { formatDayDate, formatLongDate } from './format.js';
import { renderNarrative } from './markdown.js';

export const DEFAULT_DECLARATIONS = `Members are reminded of their duty to declare any disclosable pecuniary interest, and any other
registrable or non-registrable interest, in any item on this agenda, at the start of the meeting or as
soon as the interest becomes apparent.

A member with a disclosable pecuniary interest must not take part in the discussion or vote on the
item, and must leave the room unless a dispensation has been granted.

If you are unsure whether you have an interest to declare, ask the Monitoring Officer or the
democratic services officer named on the front sheet before the meeting.`;

export const DEFAULT_ACCESSIBILITY =
  'If you need this agenda or any of its papers in another format, such as large print, Braille, audio or another language, please ask the democratic services officer named above. A large-print version of each paper is published beside it.';

/** The confidential pack's notice: it has no large-print copy beside it (a member who needs one asks). */
export const CONFIDENTIAL_ACCESSIBILITY =
  'If you need this pack or any of its papers in another format, such as large print, please ask the democratic services officer named above: it is not published, so no other copy is kept beside it.';

export const CONFIDENTIAL_PACK =
  'NOT FOR PUBLICATION. This pack holds exempt information (Schedule 12A to the Local Government Act 1972), for the members and officers of the committee only. Do not forward, print for others or publish it.';

/** Languages written right to left (their notice is set with dir="rtl"). */
const RTL = new Set(['ar', 'ur', 'fa', 'he', 'ps', 'ckb', 'yi', 'dv', 'sd']);

/** "1 - 18", "19", or what the agenda says instead. */
export function pageRange(first: number | undefined, last: number | undefined): string {
  if (first === undefined || last === undefined) return '';
  return first === last ? String(first) : `${first} - ${last}`;
}

export interface PackView {
  documentTitle: string;
  agendaHeading: string;
  agendaNote: string;
  council: string;
  committee: string;
  date: string;
  time: string;
  venue: string;
  invitation: string | undefined;
  membership: { label: string; value: string }[] | undefined;
  agenda: { number: string; title: string; note: string; pages: string }[];
  contacts: string[];
  dateOfIssue: string | undefined;
  accessibility: string;
  translations: { language: string; lang: string; dir: 'ltr' | 'rtl'; text: string }[];
  declarationsHtml: string;
  /** The front sheet (true), or only covers (false). */
  front: boolean;
  /** Covers of included PDFs: "Agenda item 4", its title, how many pages follow. */
  covers: { number: string; anchor: string; title: string; cover: string }[];
  printClass: string;
  /** The confidential pack's warning, at the top of its front sheet. */
  restriction: string | undefined;
  styleCss: string;
  logo: { src: string; alt: string } | undefined;
}

function membershipLines(m: MeetingConfig['membership']): { label: string; value: string }[] | undefined {
  if (!m) return undefined;
  const lines: { label: string; value: string }[] = [];
  if (m.chair) lines.push({ label: 'Chair', value: m.chair });
  if (m.viceChair) lines.push({ label: 'Vice-Chair', value: m.viceChair });
  if (m.members.length > 0) lines.push({ label: 'Members', value: m.members.join(', ') });
  if (m.coopted.length > 0) lines.push({ label: 'Co-opted members', value: m.coopted.join(', ') });
  if (m.parentGovernors.length > 0) lines.push({ label: 'Parent-governor representatives', value: m.parentGovernors.join(', ') });
  if (m.vacancies > 0) lines.push({ label: 'Vacancies', value: String(m.vacancies) });
  return lines;
}

/** "2.00 pm". */
function timeOf(isoLocal: string): string {
  const [h, m] = isoLocal.slice(11, 16).split(':').map(Number) as [number, number];
  return `${h % 12 === 0 ? 12 : h % 12}.${String(m).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}

export interface PackStyle {
  styleCss: string;
  logo: { src: string; alt: string } | undefined;
  supplement?: boolean | undefined;
  /** The large-print pack's own pages (no text under 16pt). */
  largePrint?: boolean | undefined;
  /** The confidential pack's own pages (its exempt items with their pages, marked not for publication). */
  confidential?: boolean | undefined;
}

/** The cover page printed before an included PDF (the view of the pack template with only that cover). */
export function coverView(meeting: MeetingConfig, part: PackPart, options: PackStyle): PackView {
  const n = part.includedPages ?? 0;
  return {
    ...packView(meeting, [part], undefined, options),
    front: false,
    covers: [{ number: part.entry.number, anchor: slug(part.entry.number, 8), title: part.entry.title, cover: `The document follows (${n} page${n === 1 ? '' : 's'}).` }],
  };
}

/** The front sheet: layout undefined gives stand-in page ranges of the same width. */
export function packView(
  meeting: MeetingConfig,
  parts: readonly PackPart[],
  layout: PackLayout | undefined,
  options: PackStyle,
): PackView {
  return {
    documentTitle: `${options.confidential ? 'Confidential agenda pack, not for publication' : options.supplement ? 'Supplementary agenda pack' : 'Agenda pack'}${options.largePrint ? ' (large print)' : ''} – ${meeting.committee}, ${formatLongDate(meeting.start)}`,
    agendaHeading: options.supplement ? 'Supplementary agenda' : 'Agenda',
    agendaNote: options.supplement ? 'These papers were marked “to follow” on the agenda already published; this pack adds them and changes nothing in it.' : '',
    council: meeting.council,
    committee: meeting.committee,
    date: formatDayDate(meeting.start.slice(0, 10)),
    time: timeOf(meeting.start),
    venue: meeting.venue,
    invitation: meeting.notices.invitation,
    membership: membershipLines(meeting.membership),
    agenda: parts.map((p, i) => {
      const at = layout?.parts[i];
      const e = p.entry;
      const exempt = e.kind === 'exempt' ? e.exempt : e.kind === 'paper' ? e.item.exempt : e.kind === 'pdf' ? e.exempt : undefined;
      const note =
        e.kind === 'standing'
          ? (e.text ?? '')
          : e.kind === 'paper' && (e.item.withheld || e.item.exempt?.appendices)
            ? exemptAppendicesNote(e.item, e.item.exempt !== undefined)
            : exempt
              ? exemptNote(exempt, e.kind !== 'exempt')
              : '';
      // Before layout is known, a wide stand-in range keeps the front sheet the length it will be.
      const pages = p.entry.kind === 'toFollow' ? 'To follow' : p.pages === 0 ? '' : at ? pageRange(at.first, at.last) : '888 - 888';
      return { number: p.entry.number, title: p.entry.title, note, pages };
    }),
    contacts: meeting.contacts,
    dateOfIssue: meeting.dateOfIssue ? formatDayDate(meeting.dateOfIssue) : undefined,
    accessibility: meeting.notices.accessibility ?? (options.confidential ? CONFIDENTIAL_ACCESSIBILITY : DEFAULT_ACCESSIBILITY),
    translations: meeting.notices.translations.map((t) => {
      const rtl = RTL.has(t.lang.split('-')[0]!.toLowerCase());
      // In right-to-left text a phone number's digit groups would come out in reverse order; each run of
      // digits and spaces is isolated left to right (U+2066 … U+2069), as a reader expects it.
      return { ...t, dir: rtl ? ('rtl' as const) : ('ltr' as const), text: rtl ? t.text.replace(/\d[\d ]*\d/g, '\u2066$&\u2069') : t.text };
    }),
    declarationsHtml: renderNarrative(meeting.declarations ?? DEFAULT_DECLARATIONS, 1).html.replace(/<span class="para-no">\d+\. <\/span>/g, '').replace(/ class="numbered"/g, ''),
    front: true,
    covers: [],
    printClass: options.largePrint ? 'large-print' : '',
    restriction: options.confidential ? CONFIDENTIAL_PACK : undefined,
    styleCss: options.styleCss,
    logo: options.logo,
  };
}
