/**
 * When V8 optimises a function. V8 compiles a function again with its optimising compiler (TurboFan) once
 * it has run for a while, on threads beside the main one. A build is short and runs beside Chromium: on a
 * two-core machine those threads took ≈ 2 of a one-paper build's ≈ 6 CPU-seconds, taken from Chromium on
 * the other core, mostly for functions that ran little after (docs/PERFORMANCE.md, 2026-12-06, seventh session).
 * `optimiseLater` makes V8 wait four times as long: what runs long (a 50,000-row tracker, a 1,000-page
 * pack, `papers serve`) is still optimised, a little later.
 *
 * Set once by the process's entry (`main`), before the pipeline is loaded. The setting's name depends on
 * V8's version (Node 20's V8 11 counts bytecode run; Node 22's and 24's V8 12 and 13 count calls, and
 * both were seen to take the setting); with a V8 this does not know, nothing is set, as V8 prints an
 * error for a setting it does not have.
 */
import v8 from 'node:v8';

/** V8's defaults, times four: `--interrupt-budget` is 66 KB of bytecode in V8 11, `--invocation-count-for-turbofan` 3,000 calls in V8 12 and 13. */
const LATER = 4;

/** The V8 setting that makes it optimise later, for this V8 version ("11.3.244.8-node.38"), or undefined for one it does not know. */
export function optimiseLaterFlag(v8Version: string): string | undefined {
  const major = Number(v8Version.split('.')[0]);
  if (major === 11) return `--interrupt-budget=${LATER * 66 * 1024}`;
  if (major === 12 || major === 13) return `--invocation-count-for-turbofan=${LATER * 3000}`;
  return undefined;
}

/** Makes this process's V8 optimise later (see above); returns the setting, or undefined when none was set. */
export function optimiseLater(): string | undefined {
  const flag = optimiseLaterFlag(process.versions.v8);
  if (flag) v8.setFlagsFromString(flag);
  return flag;
}
