/**
 * A KPI return's own RAG column (a scorecard's "RAG", in words or only as the cell's fill): the rating the
 * return states for a measure's latest figure, kept so the paper can say where the rules rate it otherwise.
 * The paper's rating is always the one the rules give from the figure; the stated one is compared, not used.
 *
 * - A wide return's row states the rating of the row's latest figure; a long return's row, that row's period's
 *   (the latest period's row wins, as its commentary does).
 * - A word that is no rating is `UnknownRating`, as in a tracker; a blank, uncoloured cell states nothing.
 */
import { problem, type Problem } from '../errors.js';
import { DEFAULT_COLOURS, parseStatus, statusFromFill, type Kpi, type Source, type Status } from '../model/index.js';
import { columnName, type TableRow } from './table.js';

export class StatedRatings {
  constructor(
    private readonly col: number | undefined,
    private readonly at: (cell: string) => Source,
    private readonly synonyms: Readonly<Record<string, Status>> | undefined,
    private readonly problems: Problem[],
  ) {}

  /** Read the row's RAG as the rating stated for `period`, unless the measure has one for a later period already. */
  read(row: TableRow, kpi: Kpi, period: string | undefined): void {
    if (this.col === undefined || period === undefined) return;
    if (kpi.stated !== undefined && kpi.stated.period > period) return;
    const cell = `${columnName(this.col)}${row.number}`;
    const text = row.text(this.col);
    const parsed = parseStatus(text, this.synonyms);
    if (parsed === undefined) {
      this.problems.push(problem('UnknownRating', { found: text }, this.at(cell)));
      return;
    }
    const status = parsed ?? statusFromFill(row.fill(this.col), DEFAULT_COLOURS);
    if (status === undefined) return;
    kpi.stated = { status, period, source: this.at(cell) };
  }
}
