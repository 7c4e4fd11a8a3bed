/**
 * CPU-seconds of processes, for the benches that ask where a build's time goes: what a process and every
 * process under it (Chromium's, say) have spent so far, read from Linux's /proc (user and system time of
 * each process alive; a process that has ended is no longer counted). Undefined where there is no /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** The cores this machine has, the most CPU-seconds a second can hold. */
export const cores = (): number => os.availableParallelism();

interface Proc {
  ppid: number;
  seconds: number;
}

function processes(): Map<number, Proc> | undefined {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const tick = 100; // USER_HZ: 100 on every Linux this runs on
  const all = new Map<number, Proc>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // After the command's name (in parentheses, which may hold spaces): state, ppid, …, utime (14th), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.set(Number(name), { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / tick });
    } catch {
      // ended while being read
    }
  }
  return all;
}

/**
 * CPU-seconds spent so far by the processes under `root`, and by `root` itself when `self`, leaving out
 * `skip` and the processes under it.
 */
export function cpuSeconds(root: number, options: { self?: boolean; skip?: readonly number[] } = {}): number | undefined {
  const all = processes();
  if (!all) return undefined;
  const children = new Map<number, number[]>();
  for (const [pid, p] of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  let total = options.self ? (all.get(root)?.seconds ?? 0) : 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (options.skip?.includes(pid)) continue;
    total += all.get(pid)?.seconds ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
