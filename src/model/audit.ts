/**
 * The column audit: what each header cell of a table was read as — a field, a month of milestones, or
 * nothing (and why) — and how full each field's column turned out to be. Made by ingest, printed by
 * `papers validate` and its report.
 */
import type { Problem } from '../errors.js';

/** One header cell, and what it was read as. */
export interface AuditColumn {
  cell: string;
  header: string;
  /** The field it was read as (its config key), and that field's name in messages. */
  field?: string;
  name?: string;
  /** The field must be filled in (a required column). */
  required?: boolean;
  /** A month of milestones, when it is one. */
  month?: string;
  /** The period a wide return's column holds values for ("April 2019", "Q1 2019/20"). */
  period?: string;
  /** A heading over the month columns on the row below. */
  heading?: boolean;
  /** Why it was not read, when it was not. */
  ignored?: string;
}

/** What a table's header was read as, and how full each field's column turned out to be. */
export interface ColumnAudit {
  source: { file: string; sheet?: string };
  headerRow: number;
  columns: AuditColumn[];
  /** Optional fields the table does not have (their names). */
  absent: string[];
  /** Data rows read (rows with anything in them), and rows with a value in each field's column. */
  rows: number;
  filled: Record<string, number>;
  /** Columns ignored that look like a field the table lacks (warnings). */
  warnings: Problem[];
}
