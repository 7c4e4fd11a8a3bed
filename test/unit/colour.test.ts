import { describe, expect, it } from 'vitest';
import { statusFromFill } from '../../src/model/index.js';

describe('RAG from a cell’s fill colour', () => {
  it.each([
    ['FF0000', 'red'], ['C00000', 'red'], ['FE0101', 'red'], ['FFC7CE', 'red'],
    ['FFC000', 'amber'], ['FFBF00', 'amber'], ['FFEB9C', 'amber'],
    ['00B050', 'green'], ['92D050', 'green'], ['C6EFCE', 'green'], ['00A651', 'green'],
    ['0070C0', 'blue'],
  ])('%s reads as %s (nearest colour in the table)', (fill, status) => {
    expect(statusFromFill(fill)).toBe(status);
  });
  it('reads nothing from a colour far from every rating colour', () => {
    expect(statusFromFill('1F3864')).toBeUndefined(); // a navy header
    expect(statusFromFill('FFFFFF')).toBeUndefined();
    expect(statusFromFill(undefined)).toBeUndefined();
  });
  it('uses the council’s own colour table when given', () => {
    expect(statusFromFill('7030A0', { red: ['7030A0'] })).toBe('red');
  });
});
