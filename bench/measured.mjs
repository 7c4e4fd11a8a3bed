/**
 * `papers` as a user runs it (bin/papers.js, the compiled dist/), with the process's own peak memory (its
 * maximum resident set, Node's alone: Chromium's processes are not counted) written as JSON to the file
 * BENCH_RSS_FILE names when it exits. Run by bench/cold.ts and bench/big-pack.ts; not meant to be run by hand.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 })));
process.argv[1] = new URL('../bin/papers.js', import.meta.url).pathname; // as if bin/papers.js were the script
await import('../bin/papers.js');
