/** The commands, each one short function calling the stages in order (docs/ARCHITECTURE.md). */
export { buildMeeting, type BuildOptions, type BuildResult } from './build.js';
export { checkCandidate, validateMeeting, type ValidateOptions, type ValidateResult } from './validate.js';
export { runSchedule, COLLECT_EVERY, PRINT_PAGES, RECYCLE_EVERY, type FanOut, type PartRequest, type ReportJob, type ReportOutcome, type RunOptions, type RunResult } from './run.js';
export { RunCache } from './run-cache.js';
export { checkMeeting, loadMeeting, type ItemContext, type KnownBenchmarks, type LoadedItem, type LoadedMeeting, type LoadOptions, type MeetingCheck } from './load.js';
export { paperViewOf, scoreLoadedItem, type PaperOptions } from './paper.js';
export { agendaFor, DEFAULT_TEMPLATES, meetingFiles, outputFolder, readMeeting, readTemplates } from './meeting.js';
export { readSchedule, type Schedule } from './schedule.js';
export { nodeEffects, type Effects } from './effects.js';
export { fileTitle } from '../assemble/index.js';
/** Chromiums kept between builds, for the processes that live long (`papers serve`, `papers worker`). */
export { PrinterShelf } from '../print/index.js';
