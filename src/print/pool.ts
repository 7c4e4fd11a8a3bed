/**
 * A browser per worker for long batches (a month's highlight reports), relaunched every so many documents
 * so that a long run does not grow with Chromium's caches, the next one launched a few documents ahead so
 * that no document waits for a launch.
 */
import type { Printer } from './chromium.js';

/** One worker's browser: a fresh one every `every` documents. */
export interface RecyclingPrinter {
  /** The browser to print the worker's next document in. */
  next(): Promise<Printer>;
  /** Closes every browser this worker launched (those being recycled included), and waits for them. */
  close(): Promise<void>;
}

async function closePrinter(p: Promise<Printer> | undefined): Promise<void> {
  await (await p?.catch(() => undefined))?.close().catch(() => undefined);
}

/**
 * `launch` starts a browser; `every`: documents per browser; `ahead`: how many documents before the switch
 * the next browser is launched; `left()`: documents still to start in the whole batch (no browser is
 * launched ahead for a batch about to end).
 */
export function recyclingPrinter(launch: () => Promise<Printer>, options: { every: number; ahead: number; left: () => number }): RecyclingPrinter {
  const every = Math.max(1, options.every);
  const ahead = Math.min(options.ahead, every - 1);
  const closing: Promise<void>[] = [];
  let current: Promise<Printer> | undefined;
  let upcoming: Promise<Printer> | undefined;
  let count = 0;
  const start = (): Promise<Printer> => {
    const launching = launch();
    launching.catch(() => undefined); // awaited by the document that uses it
    return launching;
  };
  return {
    next() {
      if (count === every - ahead && options.left() > ahead) upcoming ??= start();
      if (count === every) {
        closing.push(closePrinter(current));
        current = upcoming;
        upcoming = undefined;
        count = 0;
      }
      count += 1;
      return (current ??= start());
    },
    async close() {
      closing.push(closePrinter(current), closePrinter(upcoming));
      current = upcoming = undefined;
      await Promise.all(closing);
    },
  };
}
