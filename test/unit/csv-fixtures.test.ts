import { describe, expect, it } from 'vitest';
import { readKpis } from '../../src/ingest/index.js';
import { fileHandle } from '../helpers/read.js';

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
