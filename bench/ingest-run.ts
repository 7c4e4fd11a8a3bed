/** npm run bench, part two: ingest throughput and memory (see ingest.ts). */
import { benchIngest } from './ingest.js';

await benchIngest();
