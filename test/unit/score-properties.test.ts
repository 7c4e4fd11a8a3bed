/**
 * Properties of the scoring rules, over many generated cases (fast-check): monotonicity, and
 * independence from the clock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../src/model/index.js';
import { makeCalendar, rateAction, rateValue } from '../../src/score/index.js';
import { type Action, DEFAULT_RULES, severity, type KpiRules } from '../../src/model/index.js';

const at = (cell: string) => ({ file: 't.xlsx', cell });
const cal = makeCalendar(DEFAULT_RULES.workingDays);
/** Worse is higher: green 1 < amber 2 < red 3. */
const bad = (s: string): number => severity(s as never) ?? -1;

const isoDay = fc.integer({ min: 0, max: 365 * 12 }).map((n) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const kpiRules = fc.record<KpiRules>({
  tolerance: fc.oneof(
    fc.record({ kind: fc.constant('relative' as const), value: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
    fc.record({ kind: fc.constant('absolute' as const), value: fc.double({ min: 0, max: 20, noNaN: true }) }),
  ),
  edge: fc.constantFrom('amber' as const, 'red' as const),
  smallNumbers: fc.constant(0),
});

describe('KPI ratings are monotonic', () => {
  it('higher is better: a higher value never gets a worse status', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.constantFrom('percent' as const, 'number' as const, 'days' as const, 'rate per 10,000' as const),
        kpiRules,
        (a, b, target, unit, rules) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const kpi: Kpi = { id: 'K', name: 'K', unit, polarity: 'higher', target, values: [], source: at('A1') };
          const rate = (v: number) => rateValue(kpi, { period: '2017-02', value: v, source: at('C2') }, '2017-02', rules).status;
          expect(bad(rate(hi))).toBeLessThanOrEqual(bad(rate(lo)));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('lower is better: a lower value never gets a worse status', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), kpiRules, (a, b, target, rules) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const kpi: Kpi = { id: 'K', name: 'K', unit: 'percent', polarity: 'lower', target, values: [], source: at('A1') };
        const rate = (v: number) => rateValue(kpi, { period: '2017-02', value: v, source: at('C2') }, '2017-02', rules).status;
        expect(bad(rate(lo))).toBeLessThanOrEqual(bad(rate(hi)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('action ratings only get worse with time', () => {
  it('a later as-at date never improves an incomplete action’s status', () => {
    fc.assert(
      fc.property(isoDay, isoDay, isoDay, fc.boolean(), fc.integer({ min: 0, max: 60 }), (deadline, d1, d2, onTrack, window) => {
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const line = {
          no: '1.01',
          recommendation: '1',
          outcome: '',
          summary: '',
          action: 'Do it',
          deadline: { text: deadline, date: deadline },
          responsible: '',
          successMeasure: '',
          progress: onTrack ? 'On track' : 'Started',
          statedStatus: undefined,
          source: { row: at('A5'), deadline: at('D5'), status: undefined },
        };
        const action: Action = { ...line, lines: [line] };
        const rules = { ...DEFAULT_RULES.actions, dueSoonWorkingDays: window };
        const before = rateAction(action, early, cal, rules).rating.status;
        const after = rateAction(action, late, cal, rules).rating.status;
        expect(bad(after)).toBeGreaterThanOrEqual(bad(before));
      }),
      { numRuns: 2000 },
    );
  });
});
