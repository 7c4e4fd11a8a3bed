import { readTracker } from './src/ingest/index.js';
import { textHandle } from './test/helpers/read.js';
import { formatProblem } from './src/errors.js';
const csv = ['Improvement tracker','REF,Project,RAG,Commentary','1 Workstream one,,,','1.1,First,G,','1.2,Second,A,','','Closed projects,,,','REF,Project,RAG,Commentary','1.3,Third closed,G,done','1.4,Fourth closed,G,done'].join('\r\n');
try {
const r = await readTracker(textHandle(csv,'tracker.csv'), { asAt: '2017-03-24' });
console.log(JSON.stringify(r.plan.workstreams.map(w => [w.number, w.title, w.projects.map(p=>p.ref)])), r.warnings.map(formatProblem));
} catch (e: any) { console.log(e.problems?.map(formatProblem) ?? e); }
