/**
 * National benchmarks (DfE Explore Education Statistics): a council's figure per year beside England,
 * its region and the mean of its statistical neighbours.
 */
import type { SourceFile } from './types.js';

export interface Neighbours {
  code: string;
  name: string;
  region: string;
  /** The 10 statistical neighbours' old LA codes, closest first. */
  neighbours: string[];
}

export interface BenchmarkYear {
  /** As in the file: "2025", or "201617" for a financial year. */
  period: string;
  /** "2025", "2016/17". */
  label: string;
  own: number | undefined;
  england: number | undefined;
  region: { name: string; value: number | undefined };
  neighbours: { mean: number | undefined; median: number | undefined; used: number; of: number };
}

export interface BenchmarkSeries {
  la: { code: string; name: string };
  column: string;
  years: BenchmarkYear[];
  source: SourceFile;
}
