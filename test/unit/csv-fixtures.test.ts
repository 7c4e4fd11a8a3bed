import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { sniffDialect, withDecimalPoint } from '../../src/ingest/csv-dialect.js';
import { readActionPlan, readKpis, type ColumnAudit } from '../../src/ingest/index.js';
import { fileHandle, textHandle } from '../helpers/read.js';

describe('CSV files as Excel and older systems save them', () => {
  it('reads a UTF-8 file with a byte-order mark, CRLF line ends, "1,204" and "88.5%"', async () => {
    const set = await readKpis(fileHandle('test/fixtures/csv/kpis-bom-crlf.csv'));
    expect(set.kpis.map((k) => [k.id, k.unit, k.values.map((v) => v.value)])).toEqual([['K1', 'percent', [1204, 88.5]]]);
    expect(set.kpis[0]!.values[0]!.source).toEqual({ file: 'test/fixtures/csv/kpis-bom-crlf.csv', cell: 'G2' });
  });
  it('reads a Windows-1252 file: curly quotes, £ and an en dash survive', async () => {
    const set = await readKpis(fileHandle('test/fixtures/csv/kpis-windows-1252.csv'));
    expect(set.kpis[0]!.name).toBe('“Spend” per child £ – actual');
    expect(set.kpis[0]!.values[0]!.period).toBe('2017-02');
  });
});

describe('a CSV separated by semicolons or tabs', () => {
  const HEADER = ['Measure ID', 'Measure Name', 'Unit', 'Polarity', 'Target', 'Period', 'Value'];
  const read = async (text: string): Promise<{ values: [string, (number | undefined)[]][]; warnings: string[] }> => {
    const audits: ColumnAudit[] = [];
    const set = await readKpis(textHandle(text), { audit: (a) => audits.push(a) });
    return { values: set.kpis.map((k) => [k.id, k.values.map((v) => v.value)]), warnings: audits.flatMap((a) => a.warnings).map(formatProblem) };
  };
  it('reads a semicolon file as a European-set Excel saves it, its numbers by that convention, and says so', async () => {
    const text = [HEADER.join(';'), 'K1;Visits, in time;%;higher;90;2017-01;86,2', 'K1;Visits, in time;%;higher;90;2017-02;"88,5 %"', 'K2;Referrals;number;lower;1.100;2017-02;1.204', ''].join('\r\n');
    const { values, warnings } = await read(text);
    expect(values).toEqual([['K1', [86.2, 88.5]], ['K2', [1204]]]);
    expect(warnings).toEqual([
      'kpis.csv: found fields separated by semicolons, as Excel saves a CSV on a computer set to a European region; read with ";" between fields and numbers by that region’s convention: "86,2" as 86.2, "1.204" as 1204 [CsvSemicolons]',
    ]);
  });
  it('reads a semicolon file written with decimal points as written, and says so', async () => {
    const text = [HEADER.join(';'), 'K1;Visits in time;%;higher;90;2017-01;86.2', 'K1;Visits in time;%;higher;90;2017-02;88.55', ''].join('\n');
    const { values, warnings } = await read(text);
    expect(values).toEqual([['K1', [86.2, 88.55]]]);
    expect(warnings).toEqual(['kpis.csv: found fields separated by semicolons, as Excel saves a CSV on a computer set to a European region; read with ";" between fields and numbers as written, with decimal points ("86.2") [CsvSemicolons]']);
  });
  it('reads a tab-delimited file ("Text (Tab delimited)"), commas in its text and all, without a word', async () => {
    const text = ['Improvement Plan KPIs', HEADER.join('\t'), 'K1\tVisits, in time, of children\t%\thigher\t90\t2017-01\t86.2', 'K1\tVisits, in time, of children\t%\thigher\t90\t2017-02\t1,204', ''].join('\r\n');
    const { values, warnings } = await read(text);
    expect(values).toEqual([['K1', [86.2, 1204]]]);
    expect(warnings).toEqual([]);
  });
  it('keeps a comma file a comma file, semicolons in its text notwithstanding', async () => {
    const text = [HEADER.join(','), 'K1,Visits; in time; of children,%,higher,90,2017-01,86.2', 'K1,"Visits; in time; of children",%,higher,90,2017-02,"1,204"', ''].join('\n');
    expect((await read(text)).values).toEqual([['K1', [86.2, 1204]]]);
  });
  it('reads an action plan saved with semicolons, its text untouched', async () => {
    const text = ['No;Action;Lead;Deadline;RAG', '1;Recruit 1.500 hours of cover, by phase;Head of Service;31/03/2017;G', ''].join('\n');
    const audits: ColumnAudit[] = [];
    const plan = await readActionPlan(textHandle(text, 'actions.csv'), { asAt: '2017-02-24', audit: (a) => audits.push(a) });
    expect(plan.actions.map((a) => [a.no, a.action, a.deadline.date])).toEqual([['1', 'Recruit 1.500 hours of cover, by phase', '2017-03-31']]);
    expect(audits.flatMap((a) => a.warnings).map(formatProblem)).toContain('actions.csv: found fields separated by semicolons, as Excel saves a CSV on a computer set to a European region; read with ";" between fields and numbers by that region’s convention: "86,2" as 86.2, "1.204" as 1204 [CsvSemicolons]');
  });
});

describe('telling a CSV dialect', () => {
  it('goes by the separator that splits the lines most evenly, a comma when none does better', () => {
    expect(sniffDialect('a,b,c\n1,2,3\n')).toEqual({ delimiter: ',', decimalComma: false });
    expect(sniffDialect('Title;;\na;b;c\n1;2,5;3\n4;5,5;6\n')).toEqual({ delimiter: ';', decimalComma: true });
    expect(sniffDialect('a\tb\tc\n1,1\t2\t3\n')).toEqual({ delimiter: '\t', decimalComma: false });
    expect(sniffDialect('one column\nonly\n')).toEqual({ delimiter: ',', decimalComma: false });
    expect(sniffDialect('"a;b;c",d\n"1;2;3",4\n')).toEqual({ delimiter: ',', decimalComma: false });
    expect(sniffDialect('a;b\n0.862;1.5\n')).toEqual({ delimiter: ';', decimalComma: false });
  });
  it('turns a decimal-comma number into the reader’s, and leaves everything else alone', () => {
    const cases: [string, string][] = [['86,2', '86.2'], ['-0,5 %', '-0.5 %'], ['1.204', '1204'], ['12.345,67', '12345.67'], ['2017.03', '2017.03'], ['01.03.2017', '01.03.2017'], ['1.2', '1.2'], ['0.862', '0.862'], ['Rate, per child', 'Rate, per child'], ['1,2,3', '1,2,3']];
    for (const [from, to] of cases) expect(withDecimalPoint(from), from).toBe(to);
  });
});
