/** Load the sample meeting through the real config and ingest stages, with a silent log. */
import { loadMeeting, type LoadedMeeting } from '../../src/build.js';
import { nodeEffects } from '../../src/effects.js';

export function loadSample(config = 'data/sample/meeting.yaml'): Promise<LoadedMeeting> {
  return loadMeeting(config, { cwd: process.cwd() }, nodeEffects({ log: () => {} }));
}
