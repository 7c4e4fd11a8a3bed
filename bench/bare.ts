/**
 * Chromium alone, for the benches that compare with it: bench/bare-print.ts started in a process of its own
 * on a folder of HTML files, waited for until its warm-up is done, then asked for a round at a time.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface BarePrint {
  /** Its process (Chromium's processes are under it). */
  readonly pid: number;
  /** Prints every file once more: its milliseconds, and the CPU-seconds Chromium spent on it (undefined without /proc). */
  round(): Promise<{ ms: number; chromiumCpu: number | undefined }>;
  /** Lets it close its browser and end. */
  end(): void;
}

/**
 * Starts bare-print on `htmlDir` (`warmUpOne`: its warm-up prints the first file only; `productSwitches`:
 * Chromium launched with the product's switches, not puppeteer's defaults); resolves once it is ready.
 */
export async function startBarePrint(htmlDir: string, options: { warmUpOne?: boolean; productSwitches?: boolean } = {}): Promise<BarePrint> {
  const args = ['--import', 'tsx', path.join(import.meta.dirname, 'bare-print.ts'), htmlDir, ...(options.warmUpOne ? ['--warm-up-one'] : []), ...(options.productSwitches ? ['--product-switches'] : [])];
  const bare = spawn(process.execPath, args, { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: bare.stdout! })[Symbol.asyncIterator]();
  const answer = async (): Promise<string> => {
    const next = await lines.next();
    if (next.done) throw new Error('bare-print ended early (its error is above)');
    return next.value;
  };
  if ((await answer()) !== 'ready') throw new Error('bare-print did not start');
  return {
    pid: bare.pid!,
    round: async () => {
      bare.stdin!.write('round\n');
      const [ms, cpu] = (await answer()).split(' ');
      return { ms: Number(ms), chromiumCpu: cpu === '-' ? undefined : Number(cpu) };
    },
    end: () => void bare.stdin!.end(),
  };
}
