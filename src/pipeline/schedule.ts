/** The start of `papers run`: schedule.yaml read and parsed once (its problems, all at once, as a PapersError). */
import path from 'node:path';
import { parseScheduleConfig, type Schedule } from '../config/index.js';
import { PapersError, problem } from '../errors.js';
import type { Effects } from './effects.js';

export type { Schedule };

export async function readSchedule(configPath: string, options: { cwd: string }, effects: Pick<Effects, 'readFile'>): Promise<Schedule> {
  let source: Buffer;
  try {
    source = await effects.readFile(path.resolve(options.cwd, configPath));
  } catch {
    throw new PapersError([problem('ConfigNotFound', { path: configPath })]);
  }
  return parseScheduleConfig(source.toString('utf8'), configPath, { cwd: options.cwd });
}
