/** Load the sample meeting through the real config and ingest stages, with a silent log. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadMeeting, type LoadedMeeting } from '../../src/pipeline/index.js';
import { nodeEffects } from '../../src/pipeline/index.js';

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

/**
 * The sample paper (item 6 of the sample meeting, paths absolute) as another agenda item: its number, its
 * title, its own KPI return, and no previous snapshot. Append it to `sampleMeetingYamlAbsolute()`.
 */
export function samplePaperAs(number: string, title: string, kpisFile: string): string {
  const abs = sampleMeetingYamlAbsolute();
  return abs
    .slice(abs.indexOf('  - number: 6'))
    .replace('  - number: 6', `  - number: ${number}`)
    .replace("title: Update on the Children's Services Improvement Plan", `title: ${title}`)
    .replace(/file: \S+\/kpis\.csv/, `file: ${kpisFile}`)
    .replace(/\n {4}previous: [^\n]*/, '');
}

/** The sample schedule.yaml with its extracts made absolute and its reports and history in `dir`; returns its path. */
export function sampleScheduleIn(dir: string, extra = ''): string {
  const sample = path.resolve('data/sample');
  const text = readFileSync(path.join(sample, 'schedule.yaml'), 'utf8')
    .replace(/file: (\S+)/g, (_m, f: string) => `file: ${path.join(sample, f)}`)
    .replace(/^out: .*$/m, `out: ${path.join(dir, 'reports', '{period}')}`)
    .replace(/^history: .*$/m, `history: ${path.join(dir, 'history')}`);
  const file = path.join(dir, 'schedule.yaml');
  writeFileSync(file, text + extra);
  return file;
}

/**
 * A meeting of `n` papers (the sample paper, item 6, repeated as items 6, 7, …) beside the sample's other
 * items, written to `dir/meeting.yaml` with absolute paths; the first paper reads its own copy of the
 * KPI return (`dir/kpis-first.csv`), so one cell of one paper can be changed. Returns the config's path.
 */
export function manyPapersMeeting(dir: string, n: number): string {
  const yaml = sampleMeetingYamlAbsolute();
  const [head, items] = yaml.split(/^items:\n/m) as [string, string];
  const paper = items.slice(items.indexOf('  - number: 6'));
  const others = items.slice(0, items.indexOf('  - number: 6'));
  writeFileSync(path.join(dir, 'kpis-first.csv'), readFileSync('data/sample/kpis.csv'));
  const papers = Array.from({ length: n }, (_, i) => {
    const p = paper.replace('  - number: 6', `  - number: ${6 + i}`).replace(/title: Update on the Children's Services Improvement Plan/, `title: Update on the Improvement Plan, part ${i + 1}`);
    return i === 0 ? p.replace(/file: \S+\/kpis\.csv/, `file: ${path.join(dir, 'kpis-first.csv')}`) : p;
  });
  const file = path.join(dir, 'meeting.yaml');
  writeFileSync(file, `${head}items:\n${others}${papers.join('')}`);
  return file;
}
