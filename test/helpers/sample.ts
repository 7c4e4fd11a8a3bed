/** Load the sample meeting through the real config and ingest stages, with a silent log. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadMeeting, type LoadedMeeting } from '../../src/build.js';
import { nodeEffects } from '../../src/effects.js';

export function loadSample(config = 'data/sample/meeting.yaml'): Promise<LoadedMeeting> {
  return loadMeeting(config, { cwd: process.cwd() }, nodeEffects({ log: () => {} }));
}

/**
 * The sample meeting.yaml with every path made absolute, so a copy can live in a temporary folder
 * (tests and benchmarks edit copies, never the sample itself).
 */
export function sampleMeetingYamlAbsolute(config = 'data/sample/meeting.yaml'): string {
  const sample = path.resolve(config);
  return readFileSync(sample, 'utf8').replace(/(file|narrative|neighbours|previous|pdf): ([^\s,}]+)/g, (_m, k: string, v: string) => `${k}: ${path.resolve(path.dirname(sample), v)}`);
}
