/**
 * Each appendix's table as data, for the CSV and JSON written beside the PDF: the same rows the
 * paper prints, each with the cell it came from. Pure; made from the view, so the files can never
 * disagree with the paper.
 */
import { stringify } from 'csv-stringify/sync';
import { slug } from '../model/index.js';
import type { PaperView } from './view.js';

export interface AppendixTable {
  /** "appendix-1-rag-summary-sheet". */
  name: string;
  title: string;
  columns: string[];
  rows: Record<string, string>[];
}

export function appendixTables(view: PaperView): AppendixTable[] {
  const out: AppendixTable[] = [];
  const named = (number: number, title: string): { name: string; title: string } => ({ name: `appendix-${number}-${slug(title, 40)}`, title: `Appendix ${number} – ${title}` });

  const rag = view.rag;
  out.push({
    ...named(rag.number, rag.title),
    columns: ['workstream', 'ref', 'project', 'lead', 'rating', 'reason', 'commentary', ...rag.months.map((m) => `${m} milestones`), 'rating source'],
    rows: rag.workstreams.flatMap((w) =>
      w.projects.map((p) => ({
        workstream: `${w.number} ${w.title}`,
        ref: p.ref,
        project: p.title,
        lead: p.lead,
        rating: p.rating.label,
        reason: p.rating.reason,
        commentary: p.commentary,
        ...Object.fromEntries(p.months.map((m) => [`${m.month} milestones`, m.milestones.map((x) => (x.when ? `${x.when} - ${x.what}` : x.what)).join('; ')])),
        'rating source': p.rating.source,
      })),
    ),
  });

  if (view.kpis) {
    const k = view.kpis;
    out.push({
      ...named(k.number, k.title),
      columns: ['id', 'measure', 'unit', 'polarity', 'latest month', 'latest', 'target', 'rating', 'reason', 'short term', 'long term', 'england', 'statistical neighbours', 'against benchmarks', 'latest source'],
      rows: k.rows.map((r) => ({
        id: r.id,
        measure: r.name,
        unit: r.unit,
        polarity: r.polarity,
        'latest month': r.latestPeriod,
        latest: r.latest,
        target: r.target,
        rating: r.rating.label,
        reason: r.rating.reason,
        'short term': r.shortTerm,
        'long term': r.longTerm,
        england: r.england,
        'statistical neighbours': r.neighbours,
        'against benchmarks': r.benchmark ? `${r.benchmark.label}: ${r.benchmark.reason}` : '',
        'latest source': r.latestSource,
      })),
    });
  }

  if (view.outcomes) {
    const o = view.outcomes;
    out.push({
      ...named(o.number, o.title),
      columns: ['outcome', 'measure', 'measure rating', 'recommendations', 'outcome source'],
      rows: o.rows.flatMap((row) =>
        (row.measures.length > 0 ? row.measures : [undefined]).map((m) => ({
          outcome: `${row.number}. ${row.title}`,
          measure: m ? `${m.id} ${m.name}` : '',
          'measure rating': m ? m.rating.label : '',
          recommendations: row.recommendations.map((r) => r.number).join(', '),
          'outcome source': row.source,
        })),
      ),
    });
  }

  if (view.actions) {
    const a = view.actions;
    out.push({
      ...named(a.number, a.title),
      columns: ['recommendation', 'no', 'action', 'deadline', 'responsible', 'progress', 'status', 'reason', 'flag', 'status source'],
      rows: a.recommendations.flatMap((g) =>
        g.actions.map((x) => ({
          recommendation: g.number,
          no: x.no,
          action: x.action,
          deadline: x.deadline,
          responsible: x.responsible,
          progress: x.progress,
          status: x.rating.label,
          reason: x.rating.reason,
          flag: x.flag,
          'status source': x.rating.source,
        })),
      ),
    });
  }

  const e = view.exceptions;
  out.push({
    ...named(e.number, e.title),
    columns: ['kind', 'id', 'title', 'rating', 'why', 'movement', 'reason', 'corrective action'],
    rows: e.rows.map((r) => ({ kind: r.kind, id: r.id, title: r.title, rating: r.rating.label, why: r.why, movement: r.movement, reason: r.rating.reason, 'corrective action': r.correctiveAction })),
  });
  return out;
}

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a leading '. */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV as Excel on a UK desktop opens it: UTF-8 with a byte-order mark, CRLF, a header row; data stays text. */
export function tableCsv(t: AppendixTable): string {
  const rows = t.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, inertCell(v)])));
  return `\ufeff${stringify(rows, { header: true, columns: t.columns, record_delimiter: '\r\n' })}`;
}

export function tableJson(t: AppendixTable): string {
  return `${JSON.stringify({ title: t.title, columns: t.columns, rows: t.rows }, null, 2)}\n`;
}
