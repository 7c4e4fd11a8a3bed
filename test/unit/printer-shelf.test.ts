/**
 * The shelf's rules (print/shelf.ts), with printers that record what is done to them. That a kept
 * Chromium prints the same bytes, and is really reused, is shown with the real browser in
 * test/e2e/print.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { PrinterShelf, type BorrowOptions, type Printer } from '../../src/print/index.js';

interface Recorded extends Printer {
  id: number;
  options: BorrowOptions;
  closed: boolean;
  alive: boolean;
  /** Resolves the print under way, when one is held. */
  finish?: () => void;
}

function launcher(hold = false): { launch: (o?: BorrowOptions) => Promise<Printer>; launched: Recorded[] } {
  const launched: Recorded[] = [];
  const launch = async (options: BorrowOptions = {}): Promise<Printer> => {
    const p: Recorded = {
      id: launched.length + 1,
      options,
      closed: false,
      alive: true,
      version: 'Chromium test',
      get connected() {
        return !p.closed && p.alive;
      },
      print: (html: string) =>
        hold ? new Promise((resolve) => (p.finish = () => resolve({ pdf: new TextEncoder().encode(html), blocked: [], requests: [] }))) : Promise.resolve({ pdf: new TextEncoder().encode(html), blocked: [], requests: [] }),
      close: async () => {
        p.closed = true;
      },
    };
    launched.push(p);
    return p;
  };
  return { launch, launched };
}

describe('the printer shelf (Chromiums kept between builds)', () => {
  it('lends the browser a build gave back to the next build, and launches one only when none fits', async () => {
    const { launch, launched } = launcher();
    const shelf = new PrinterShelf(launch, { every: 100 });
    const a = await shelf.borrow({ pages: 2 });
    await a.print('<p>1</p>');
    await a.close();
    const b = await shelf.borrow({ pages: 1 }); // two pages at once serve a build that wants one
    await b.print('<p>2</p>');
    expect(launched).toHaveLength(1);
    const c = await shelf.borrow({ pages: 1 }); // lent out: a second build at once gets its own
    expect(launched).toHaveLength(2);
    await Promise.all([b.close(), c.close()]);
    const d = await shelf.borrow({ pages: 2 }); // the one-page browser is not enough for two at once
    expect(launched.map((p) => p.options.pages)).toEqual([2, 1]);
    expect(d.version).toBe('Chromium test');
    expect(launched).toHaveLength(2);
    await d.close();
    const e = await shelf.borrow({ pages: 1, browser: '/opt/other/chrome' }); // another browser asked for
    expect(launched).toHaveLength(3);
    expect(launched[2]!.options.browser).toBe('/opt/other/chrome');
    await e.close();
    expect(shelf.open).toBe(2); // at most two kept idle: the oldest went
    await shelf.close();
    expect(launched.every((p) => p.closed)).toBe(true);
    expect(shelf.open).toBe(0);
    await expect(shelf.borrow()).rejects.toThrow('closed');
  });

  it('closes a browser given back by a build that stopped while printing, one that died, and one that printed its share', async () => {
    const held = launcher(true);
    const shelf = new PrinterShelf(held.launch, { every: 3 });
    const stopped = await shelf.borrow();
    const printing = stopped.print('<p>under way</p>');
    await stopped.close();
    expect(held.launched[0]!.closed).toBe(true);
    held.launched[0]!.finish!();
    await printing;
    await expect(stopped.print('<p>after</p>')).rejects.toThrow('closed');

    const { launch, launched } = launcher();
    const worn = new PrinterShelf(launch, { every: 3 });
    const first = await worn.borrow();
    for (let i = 0; i < 3; i++) await first.print(`<p>${i}</p>`);
    await first.close();
    expect(launched[0]!.closed).toBe(true); // three documents: relaunched for the next build
    const second = await worn.borrow();
    expect(launched).toHaveLength(2);
    await second.close();
    launched[1]!.alive = false; // Chromium died while idle
    const third = await worn.borrow();
    expect(launched).toHaveLength(3);
    await third.close();
    await worn.close();
  });

  it('tells a relaunch to the build borrowing the browser now, not the one that launched it', async () => {
    let relaunch: ((reason: string) => void) | undefined;
    const shelf = new PrinterShelf(async (options) => {
      relaunch = options?.onRelaunch;
      return { version: 'Chromium test', connected: true, print: async () => ({ pdf: new Uint8Array(), blocked: [], requests: [] }), close: async () => undefined };
    }, { every: 100 });
    const told: string[] = [];
    const a = await shelf.borrow({ onRelaunch: (r) => told.push(`a: ${r}`) });
    relaunch!('crashed');
    await a.close();
    relaunch!('while idle'); // nobody borrowing: nobody told
    const b = await shelf.borrow({ onRelaunch: (r) => told.push(`b: ${r}`) });
    relaunch!('hung');
    await b.close();
    expect(told).toEqual(['a: crashed', 'b: hung']);
    await shelf.close();
  });

  it('closes a browser left idle', async () => {
    const { launch, launched } = launcher();
    const shelf = new PrinterShelf(launch, { every: 100, idleMs: 20 });
    await (await shelf.borrow()).close();
    expect(launched[0]!.closed).toBe(false);
    await new Promise((r) => setTimeout(r, 60));
    expect(launched[0]!.closed).toBe(true);
    expect(shelf.open).toBe(0);
  });
});
