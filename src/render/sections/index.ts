/**
 * Every section kind a paper can hold, by the name `sections:` uses. A paper's sections are made in the
 * order its item lists them, numbered as appendices; each is made only when the paper has it.
 */
import type { SectionKind } from '../../model/index.js';
import { withheldAppendixView } from '../exempt.js';
import { actionPlan } from './action-plan.js';
import { exceptions } from './exceptions.js';
import { kpiScorecard } from './kpi-scorecard.js';
import { outcomes } from './outcomes.js';
import { ragSummary } from './rag-summary.js';
import { rules } from './rules.js';
import type { AppendixView, SectionInput, SectionKindDef, TableData } from './section.js';

export const SECTIONS: { readonly [K in SectionKind]: SectionKindDef<AppendixView> } = {
  'rag-summary': ragSummary,
  'kpi-scorecard': kpiScorecard,
  outcomes,
  'action-plan': actionPlan,
  exceptions,
  rules,
};

/** One of a paper's sections, made: its kind, its partial and its view (or, withheld as exempt, its stand-in page). */
export interface SectionView {
  kind: SectionKind;
  partial: string;
  view: AppendixView;
  /** A public copy's exempt appendix: its number and title alone (render/exempt.ts). */
  withheld?: boolean;
}

/** The partial a withheld appendix is printed with (templates/partials/withheld.hbs). */
export const WITHHELD_PARTIAL = 'withheld';

/**
 * The paper's sections in the order its item lists them, numbered Appendix 1, 2, …; those a public copy
 * withholds as exempt (`withheld`) are made from nothing but their number and title.
 */
export function sectionViews(kinds: readonly SectionKind[], input: Omit<SectionInput, 'numbers'>, withheld?: { paragraph: number; appendices: readonly SectionKind[] }): SectionView[] {
  const numbers = new Map(kinds.map((k, i) => [k, i + 1] as const));
  return kinds.map((kind, i) =>
    withheld?.appendices.includes(kind)
      ? { kind, partial: WITHHELD_PARTIAL, view: withheldAppendixView(i + 1, SECTIONS[kind].title, withheld.paragraph), withheld: true }
      : { kind, partial: SECTIONS[kind].partial, view: SECTIONS[kind].view({ ...input, numbers }, i + 1) },
  );
}

/** The data extracts each section is made from, in the sections' order, for "Background papers" (none for a withheld one). */
export function sectionBackground(sections: readonly SectionView[], input: Omit<SectionInput, 'numbers'>): string[] {
  const numbers = new Map(sections.map((s) => [s.kind, s.view.number] as const));
  return sections.flatMap((s) => (s.withheld ? [] : (SECTIONS[s.kind].background?.({ ...input, numbers }, s.view.number) ?? [])));
}

/** A section's table as data, when its kind has one. */
export function sectionTable(section: SectionView): TableData | undefined {
  return section.withheld ? undefined : SECTIONS[section.kind].table?.(section.view);
}

export type { ActionPlanView } from './action-plan.js';
export type { ExceptionsView } from './exceptions.js';
export type { KpiTableView } from './kpi-scorecard.js';
export type { OutcomesView } from './outcomes.js';
export type { RagSummaryView } from './rag-summary.js';
export { explainRules, type RuleSection, type RulesView } from './rules.js';
export type { AppendixView, PaperSources, SectionInput, SectionKindDef, TableData } from './section.js';
