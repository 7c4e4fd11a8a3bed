/**
 * test/fixtures/exceljs/kpis-wide.xlsx: KPI returns kept wide, as most are — one row per measure, a column
 * per period. Sheet "Monthly": the months as real date cells shown "Apr-19" (how Excel users head them),
 * a blank month, a suppressed figure and a note where a number should be. Sheet "Quarterly": "Q1 2019/20"
 * headings; sheet "Annual": financial years "2017/18"; sheet "Percentages": values typed as "23.1%" (0.231
 * in a "0.0%" format). scripts/make-libreoffice-fixtures.sh re-saves it
 * with LibreOffice Calc into test/fixtures/libreoffice/. Run: npx tsx scripts/make-wide-kpis.ts
 */
import path from 'node:path';
import ExcelJS from 'exceljs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const FIXED = new Date(Date.UTC(2019, 9, 1, 9, 0, 0));

export async function writeWideKpis(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Performance Team';
  wb.created = FIXED;
  wb.modified = FIXED;
  const monthly = wb.addWorksheet('Monthly');
  monthly.addRow(['Children’s services performance return, 2019/20']);
  monthly.addRow([]);
  const months = [3, 4, 5, 6, 7, 8].map((m) => new Date(Date.UTC(2019, m, 1)));
  const head = monthly.addRow(['Measure ID', 'Measure Name', 'Unit', 'Polarity', 'Target', ...months]);
  head.font = { bold: true };
  for (let c = 6; c <= 11; c++) head.getCell(c).numFmt = 'mmm-yy';
  monthly.addRow(['PR01', 'Re-referrals within 12 months', 'percent', 'lower', 22, 23.1, 22.8, 24.0, 23.5, null, 22.9]);
  monthly.addRow(['CP01', 'Child protection plans for a second time', 'percent', 'lower', 18, 19.5, 'c', 20.1, 19.8, 20.4, 20.5]);
  monthly.addRow(['WF01', 'Social worker turnover', 'percent', 'lower', 15, 16.2, 16.8, 'see note', 17.1, 17.5, 17.8]);
  const quarterly = wb.addWorksheet('Quarterly');
  quarterly.addRow(['Measure ID', 'Measure Name', 'Unit', 'Polarity', 'Target', 'Q1 2019/20', 'Q2 2019/20', 'Q3 2019/20', 'Q4 2019/20']);
  quarterly.addRow(['AS01', 'Assessments completed within 45 working days', 'percent', 'higher', 85, 81.2, 83.1, null, null]);
  const annual = wb.addWorksheet('Annual');
  annual.addRow(['Measure ID', 'Measure Name', 'Unit', 'Polarity', 'Target', '2017/18', '2018/19', '2019/20']);
  annual.addRow(['LA01', 'Children looked after per 10,000', 'rate per 10,000', 'none', null, 61, 63, 64]);
  // Percentages as Excel keeps them when "23.1%" is typed: 0.231 shown through a "0.0%" format.
  const percentages = wb.addWorksheet('Percentages');
  percentages.addRow(['Measure ID', 'Measure Name', 'Unit', 'Polarity', 'Target', 'Apr 2019', 'May 2019', 'Jun 2019']);
  const pr = percentages.addRow(['PR01', 'Re-referrals within 12 months', 'percent', 'lower', 0.22, 0.231, 0.228, 0.24]);
  pr.getCell(5).numFmt = '0%';
  for (let c = 6; c <= 8; c++) pr.getCell(c).numFmt = '0.0%';
  percentages.addRow(['LA01', 'Children looked after per 10,000', 'rate per 10,000', 'none', null, 61, 63, 64]);
  await wb.xlsx.writeFile(file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await writeWideKpis(path.join(root, 'test', 'fixtures', 'exceljs', 'kpis-wide.xlsx'));
}
