/** The public surface of committee-papers, for use as a library. */
export { buildMeeting, loadMeeting, runSchedule, validateMeeting, nodeEffects, type BuildOptions, type BuildResult, type Effects, type LoadedMeeting } from './pipeline/index.js';
export { PapersError, catalogue, formatProblem, type Problem, type Location } from './errors.js';
export * from './model/index.js';
export { parseMeetingConfig } from './config/index.js';
export { scoreItem, scorePlan, scoreKpis, scoreActions } from './score/index.js';
export { buildPaperView, renderPaper, compilePaper } from './render/index.js';
