/**
 * One batch of highlight reports in a fresh process (so peak memory is its own): prints one JSON line
 * { reports, ms, maxRssMb }. Run by bench/highlight.ts; not meant to be run by hand. Imports the
 * compiled dist/, so the product is measured as it runs.
 *
 *   node bench/highlight-worker.mjs <schedule.yaml> <workers>
 */
import { performance } from 'node:perf_hooks';
import { nodeEffects, runSchedule } from '../dist/pipeline/index.js';

const [schedule, workers] = process.argv.slice(2);
if (!schedule || !workers) throw new Error('usage: highlight-worker <schedule.yaml> <workers>');
const t0 = performance.now();
const result = await runSchedule(schedule, { cwd: process.cwd(), tool: { name: 'committee-papers', version: 'bench' }, period: '2017-02', workers: Number(workers) }, nodeEffects({ log: () => {} }));
const failed = result.reports.filter((r) => !r.built);
if (failed.length > 0) throw new Error(`${failed.length} reports failed: ${failed[0].problems.map((p) => p.code).join(', ')}`);
process.stdout.write(`${JSON.stringify({ reports: result.reports.length, ms: performance.now() - t0, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
