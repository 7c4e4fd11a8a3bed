/**
 * Where a config may make a build read and write: inside the project — the working directory the
 * command runs in, or the config file's own folder — unless the user says otherwise on the command
 * line (`--allow-outside`). A meeting.yaml that arrives by email cannot make a build read
 * /etc/passwd into a paper or write a report over a file elsewhere on the server.
 *
 * Pure: the lexical check is here; the same check on the real path (symlinks followed) is made when a
 * file is opened (build.ts, openSource), with the roots resolved the same way.
 */
import path from 'node:path';

/** The folders a config's paths must stay inside, or undefined when unconfined. */
export function projectRoots(options: { cwd: string; allowOutside?: boolean | undefined }, configAbs: string): readonly string[] | undefined {
  if (options.allowOutside) return undefined;
  return [...new Set([path.resolve(options.cwd), path.dirname(configAbs)])];
}

/** `file` is `root` or below it. */
export function isInside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function insideAny(file: string, roots: readonly string[]): boolean {
  return roots.some((r) => isInside(file, r));
}
