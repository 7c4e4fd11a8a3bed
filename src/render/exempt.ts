/**
 * What papers and packs say of exempt (Part II) information, in one place: the paragraph of Schedule 12A
 * an item or appendix falls under, the agenda's note under it, a paper's warning, and the page a public
 * paper prints in place of an exempt appendix. Pure.
 */
import type { Exemption, ItemConfig } from '../model/index.js';

/** "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972". */
export const schedule12A = (paragraph: number): string => `paragraph ${paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972`;

/** "Appendix 4", "Appendices 2 and 4", "Appendices 1, 2 and 4". */
export function appendicesNamed(numbers: readonly number[]): string {
  if (numbers.length === 1) return `Appendix ${numbers[0]}`;
  return `Appendices ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/**
 * A paper's exempt appendices, by number, and their paragraph: in a public copy those it withholds, in the
 * confidential copy those its config marks. Undefined when the paper has none (or is exempt as a whole).
 */
export function exemptAppendices(item: ItemConfig): { paragraph: number; numbers: number[] } | undefined {
  const marked = item.withheld ?? (item.exempt?.appendices ? { paragraph: item.exempt.paragraph, appendices: item.exempt.appendices } : undefined);
  if (!marked) return undefined;
  const numbers = item.sections.flatMap((kind, i) => (marked.appendices.includes(kind) ? [i + 1] : []));
  return { paragraph: marked.paragraph, numbers };
}

/** What the agenda says under an exempt item: the public agenda, why it is exempt and the resolution to be moved. */
export function exemptNote(exempt: Exemption, confidential: boolean): string {
  const why = `Exempt information: ${schedule12A(exempt.paragraph)}.`;
  return confidential
    ? `NOT FOR PUBLICATION. ${why}`
    : `${why} The committee will be asked to resolve that the press and public be excluded while it considers this item, as it is likely to disclose exempt information of that description. No papers are published for it.`;
}

/** What the agenda says under a paper whose appendices (not the paper) are exempt. */
export function exemptAppendicesNote(item: ItemConfig, confidential: boolean): string {
  const a = exemptAppendices(item);
  if (!a) return '';
  const named = appendicesNamed(a.numbers);
  const why = `${named} ${a.numbers.length === 1 ? 'is' : 'are'} exempt information: ${schedule12A(a.paragraph)}.`;
  return confidential
    ? `NOT FOR PUBLICATION: ${why}`
    : `${why} ${a.numbers.length === 1 ? 'It is' : 'They are'} not published. Should the committee wish to discuss ${a.numbers.length === 1 ? 'it' : 'them'}, it will be asked to resolve that the press and public be excluded for that part of the item.`;
}

/** The warning above an exempt paper's title (the confidential copy's): the whole paper, or the appendices named. */
export function paperRestriction(item: ItemConfig): string | undefined {
  if (!item.exempt) return undefined;
  const a = exemptAppendices(item);
  if (!a) return `NOT FOR PUBLICATION. Exempt information: ${schedule12A(item.exempt.paragraph)}.`;
  return `NOT FOR PUBLICATION. ${appendicesNamed(a.numbers)} to this report ${a.numbers.length === 1 ? 'is' : 'are'} exempt information: ${schedule12A(a.paragraph)}.`;
}

/** The page a public paper prints for an exempt appendix: its number and title, and why it is not there. */
export interface WithheldAppendixView {
  number: number;
  id: string;
  title: string;
  sources: [];
  note: string;
}

export function withheldAppendixView(number: number, title: string, paragraph: number): WithheldAppendixView {
  return {
    number,
    id: `appendix-${number}`,
    title,
    sources: [],
    note: `This appendix is not for publication. It contains exempt information: ${schedule12A(paragraph)}. Members and officers of the committee have it in the confidential papers.`,
  };
}
