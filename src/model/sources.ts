/**
 * What one paper's (or one report's) sources hold once read: each is optional, as a paper may be built
 * from an action plan alone, a KPI return alone, an outcomes map alone, or any mix. Made by ingest/.
 */
import type { ActionPlan } from './actions.js';
import type { BenchmarkSeries } from './benchmarks.js';
import type { Narrative } from './narrative.js';
import type { OutcomesMap, RecommendationList } from './outcomes.js';
import type { Snapshot } from './snapshot.js';
import type { KpiSet, Plan, SourceFile } from './types.js';

export interface ItemSources {
  narrative?: Narrative | undefined;
  /** The project tracker, read as a plan. */
  plan?: Plan | undefined;
  kpis?: KpiSet | undefined;
  /** The KPI definitions file, when the measures are defined in one of their own. */
  definitionsSource?: SourceFile | undefined;
  actions?: ActionPlan | undefined;
  outcomes?: OutcomesMap | undefined;
  recommendations?: RecommendationList | undefined;
  /** DfE benchmarks by KPI ID, in the config's order. */
  benchmarks: Map<string, BenchmarkSeries>;
  /** The last paper's snapshot (`previous:`), and its file's fingerprint. */
  previous?: Snapshot | undefined;
  previousSource?: SourceFile | undefined;
}
