#!/usr/bin/env node
// The `papers` command. The code lives in dist/bundle/ (compiled from src/ and joined with the packages it
// uses by `npm run build`: scripts/bundle.mjs).
process.env.TZ = 'Europe/London';
// Node 22.1 and later keep the compiled code of the modules loaded here on disk (in the system's temporary
// folder) and reuse it: a command starts sooner from its second run (docs/PERFORMANCE.md). Node 20: no-op.
import module from 'node:module';
module.enableCompileCache?.();
let cli;
try {
  cli = await import('../dist/bundle/main.mjs');
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('committee-papers is not built yet: run `npm run setup` (or `npm run build`) first.\n');
    process.exit(70);
  }
  throw e;
}
await cli.main(process.argv.slice(2));
// Everything the command does is done: end now, once what it printed has been handed on. Left to end by
// itself, Node first takes its whole heap apart and unloads what it loaded (≈ 0.1 s of a one-paper build;
// docs/PERFORMANCE.md). The exit code is the one `main` set.
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve))));
process.exit();
