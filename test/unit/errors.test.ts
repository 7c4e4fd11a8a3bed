import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue, formatLocation, formatProblem, problem } from '../../src/errors.js';

describe('the error catalogue', () => {
  it('documents every name in docs/ERRORS.md', () => {
    const doc = readFileSync('docs/ERRORS.md', 'utf8');
    for (const name of Object.keys(catalogue)) expect(doc, name).toContain(`| \`${name}\` |`);
  });
  it('never starts a message with "Error" or "Oops"', () => {
    const p = problem('UnknownRating', { found: 'x' });
    expect(p.message).not.toMatch(/^(error|oops)/i);
  });
  it('formats locations for workbooks, CSVs, YAML lines and keys', () => {
    expect(formatLocation({ file: 't.xlsx', sheet: 'SIP Summary', cell: 'D14' })).toBe('t.xlsx › SIP Summary!D14');
    expect(formatLocation({ file: 'k.csv', cell: 'G3' })).toBe('k.csv › G3');
    expect(formatLocation({ file: 'm.yaml', line: 4, path: 'items.0.title' })).toBe('m.yaml:4 › items.0.title');
    expect(formatProblem(problem('BadRef', { found: 'x.y' }, { file: 't.xlsx', sheet: 'S', cell: 'A9' }))).toBe(
      't.xlsx › S!A9: found "x.y" as REF, expected a REF such as 1.1 (workstream number, dot, project number) [BadRef]',
    );
  });
});
