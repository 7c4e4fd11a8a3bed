/**
 * The outcomes map (outcome → measures → recommendations) and the list of recommendations it and the
 * action plan answer (seed 000's last appendix; seed 001's inspection recommendations).
 */
import type { Source, SourceFile } from './types.js';

export interface Outcome {
  /** "1" from "Outcome 1 - …", else its order. */
  number: string;
  title: string;
  /** Measure IDs or names, as written. */
  measures: { text: string; source: Source }[];
  /** Recommendation numbers. */
  recommendations: { number: string; source: Source }[];
  source: Source;
}

export interface Recommendation {
  number: string;
  text: string;
  origin: string;
  source: Source;
}

export interface OutcomesMap {
  outcomes: Outcome[];
  source: SourceFile;
}

export interface RecommendationList {
  recommendations: Recommendation[];
  source: SourceFile;
}
