/** Jobs and the queues they go through: run here, or sent through BullMQ on Redis to `papers worker`s. */
export { failureLines, runJob, type BuildSpec, type JobContext, type JobOutcome, type JobSpec, type ReportSpec, type RunSpec } from './jobs.js';
export { redisFanOut, type QueueFanOut } from './fan-out.js';
export { addJob, connect, openQueue, queueAddress, queueJobId, shownAddress, QUEUE_NAME, QUEUE_PREFIX, type QueueHandle } from './redis.js';
export { startWorker, type RunningWorker, type WorkerOptions } from './worker.js';
export { RemoteJobs, type RemoteEvent, type RemoteState } from './remote.js';
