import { describe, expect, it } from 'vitest';
import { formatLocation, problem, formatProblem } from '../../src/errors.js';
import { locationOf, sourceCellOf } from '../../src/render/index.js';

const html = [
  '<table><tr><th scope="row">1.1</th>',
  '<td class="commentary" data-source="data/sample/tracker.xlsx › SIP Summary!E7">On track <img src="http://127.0.0.1:9/x.png"></td>',
  '<td data-source="data/sample/kpis.csv › C12">23.6</td></tr></table>',
  '<p>Narrative <img src="http://127.0.0.1:9/narrative.png"></p>',
  '<td data-source="a.xlsx › S!B2">closed</td> <span><img src="http://127.0.0.1:9/after.png"></span>',
].join('\n');

describe('the cell behind a request', () => {
  it('names the data-source of the table cell holding the URL', () => {
    expect(sourceCellOf(html, 'http://127.0.0.1:9/x.png')).toBe('data/sample/tracker.xlsx › SIP Summary!E7');
  });
  it('names nothing when the URL is outside any cell, or after the cell closed', () => {
    expect(sourceCellOf(html, 'http://127.0.0.1:9/narrative.png')).toBeUndefined();
    expect(sourceCellOf(html, 'http://127.0.0.1:9/after.png')).toBeUndefined();
    expect(sourceCellOf(html, 'http://elsewhere/')).toBeUndefined();
  });
  it('turns a data-source back into a location, so the warning reads like every other message', () => {
    expect(locationOf('data/sample/tracker.xlsx › SIP Summary!E7')).toEqual({ file: 'data/sample/tracker.xlsx', sheet: 'SIP Summary', cell: 'E7' });
    expect(locationOf('data/sample/kpis.csv › C12')).toEqual({ file: 'data/sample/kpis.csv', cell: 'C12' });
    const w = problem('RequestBlocked', { url: 'http://127.0.0.1:9/x.png' }, locationOf(sourceCellOf(html, 'http://127.0.0.1:9/x.png')!));
    expect(formatLocation(w.location!)).toBe('data/sample/tracker.xlsx › SIP Summary!E7');
    expect(formatProblem(w)).toBe('data/sample/tracker.xlsx › SIP Summary!E7: the printed page tried to load "http://127.0.0.1:9/x.png"; it was blocked, as everything outside the document is [RequestBlocked]');
  });
});
