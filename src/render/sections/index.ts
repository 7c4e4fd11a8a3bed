/**
 * Every section kind a paper can hold, by the name `sections:` uses. A paper's sections are made in the
 * order its item lists them, numbered as appendices; each is made only when the paper has it.
 */
import type { SectionKind } from '../../model/index.js';
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

/** One of a paper's sections, made: its kind, its partial and its view. */
export interface SectionView {
  kind: SectionKind;
  partial: string;
  view: AppendixView;
}

/** The paper's sections in the order its item lists them, numbered Appendix 1, 2, …. */
export function sectionViews(kinds: readonly SectionKind[], input: Omit<SectionInput, 'numbers'>): SectionView[] {
  const numbers = new Map(kinds.map((k, i) => [k, i + 1] as const));
  return kinds.map((kind, i) => ({ kind, partial: SECTIONS[kind].partial, view: SECTIONS[kind].view({ ...input, numbers }, i + 1) }));
}

/** The data extracts each section is made from, in the sections' order, for "Background papers". */
export function sectionBackground(sections: readonly SectionView[], input: Omit<SectionInput, 'numbers'>): string[] {
  const numbers = new Map(sections.map((s) => [s.kind, s.view.number] as const));
  return sections.flatMap((s) => SECTIONS[s.kind].background?.({ ...input, numbers }, s.view.number) ?? []);
}

/** A section's table as data, when its kind has one. */
export function sectionTable(section: SectionView): TableData | undefined {
  return SECTIONS[section.kind].table?.(section.view);
}

export type { ActionPlanView } from './action-plan.js';
export type { ExceptionsView } from './exceptions.js';
export type { KpiTableView } from './kpi-scorecard.js';
export type { OutcomesView } from './outcomes.js';
export type { RagSummaryView } from './rag-summary.js';
export { explainRules, type RuleSection, type RulesView } from './rules.js';
export type { AppendixView, PaperSources, SectionInput, SectionKindDef, TableData } from './section.js';
