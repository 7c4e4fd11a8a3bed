/**
 * Items reach the papers being made through `arrivals`: each is handed over once, in agenda order, and
 * then let go, so that a pack of any length holds the items whose papers are being made, not every item
 * read (docs/PERFORMANCE.md, 2026-12-05, fourth session).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { arrivals } from '../../src/pipeline/papers.js';

describe('arrivals', () => {
  it('hands each item over once, whether it came before or after it was asked for', async () => {
    const a = arrivals<{ n: number }>();
    const second = a.take(1); // asked for before it is read
    a.push({ n: 0 });
    a.push({ n: 1 });
    expect(await a.take(0)).toEqual({ n: 0 });
    expect(await second).toEqual({ n: 1 });
    a.end();
    expect(await a.take(0)).toBeUndefined(); // let go once taken
    expect(await a.take(2)).toBeUndefined(); // never read
  });

  it('keeps no item once it is taken', async () => {
    const a = arrivals<object>();
    const refs: WeakRef<object>[] = [];
    const read = (): void => {
      for (let i = 0; i < 3; i++) {
        const item = { html: 'x'.repeat(1000) };
        refs.push(new WeakRef(item));
        a.push(item);
      }
    };
    // Taken by a function that has returned, as a paper's render has once it is printed.
    const takeAll = async (): Promise<number> => {
      let taken = 0;
      for (let i = 0; i < 3; i++) if ((await a.take(i)) !== undefined) taken += 1;
      return taken;
    };
    read();
    expect(await takeAll()).toBe(3);
    await new Promise((r) => setTimeout(r, 10)); // past the job that made the weak references
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)(); // a full collection, in this process
    expect(refs.map((r) => r.deref() === undefined)).toEqual([true, true, true]);
  });

  it('tells those still waiting that there is nothing more once reading ends', async () => {
    const a = arrivals<number>();
    const waiting = a.take(0);
    a.end();
    expect(await waiting).toBeUndefined();
  });
});
