#!/usr/bin/env node
// The `papers` command. The code lives in dist/ (compiled from src/ by `npm run build`).
process.env.TZ = 'Europe/London';
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('committee-papers is not built yet: run `npm run setup` (or `npm run build`) first.\n');
    process.exit(70);
  }
  throw e;
}
await cli.main(process.argv.slice(2));
