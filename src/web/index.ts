/** The officers' web app (`papers serve`) and its accounts (`papers user add`). */
export { createApp, type AppOptions } from './app.js';
export { hashPassword } from './auth.js';
export { InProcessQueue, type JobQueue, type JobSpec } from './jobs.js';
export { ROLES, Store, type Role } from './store.js';
import path from 'node:path';

/** Where the app keeps its database, uploads and source history: `<root>/.papers/`. */
export const stateFolder = (root: string): string => path.join(path.resolve(root), '.papers');
export const databaseFile = (root: string): string => path.join(stateFolder(root), 'papers.db');
export { RedisJobQueue } from './jobs-redis.js';
