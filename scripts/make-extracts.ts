/**
 * The sample's monthly extracts for `papers run data/sample/schedule.yaml`: February 2017 is the
 * sample tracker as it is; January 2017 is the same tracker a month earlier, when its first red
 * project was amber — the known change the second month's highlight reports show.
 *
 *   npx tsx scripts/make-extracts.ts
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';

const DIR = 'data/sample/extracts';
mkdirSync(`${DIR}/2017-01`, { recursive: true });
mkdirSync(`${DIR}/2017-02`, { recursive: true });
copyFileSync('data/sample/tracker.xlsx', `${DIR}/2017-02/tracker.xlsx`);

const book = new ExcelJS.Workbook();
await book.xlsx.readFile('data/sample/tracker.xlsx');
const sheet = book.getWorksheet('SIP Summary')!;
// The first red project (RAG in the fourth column, as a letter, a fill, or both) was amber in January.
let changed = '';
sheet.eachRow((row) => {
  if (changed) return;
  const ref = String(row.getCell(1).value ?? '').trim();
  const rag = row.getCell(4);
  const fill = rag.fill as { fgColor?: { argb?: string } } | undefined;
  const red = String(rag.value ?? '').trim().toUpperCase() === 'R' || /FF0000|C00000|D4351C/i.test(fill?.fgColor?.argb ?? '');
  if (!/^\d+\.\d+$/.test(ref) || !red) return;
  if (rag.value) rag.value = 'A';
  if (fill?.fgColor?.argb) rag.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC000' } };
  changed = ref;
});
if (!changed) throw new Error('found no red project to make amber for January');
await book.xlsx.writeFile(`${DIR}/2017-01/tracker.xlsx`);
console.log(`wrote data/sample/extracts/2017-01 (project ${changed} amber) and 2017-02`);
