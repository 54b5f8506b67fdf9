#!/usr/bin/env node
// Bundle the CLI and the worker-thread entry into one file each (dist/bundle/), after tsc.
//
// Why: Node 20 loads ES modules one file at a time (resolve, read, compile, link), and the CLI's
// ~150 modules plus yargs and zod cost ~100 ms of its ~330 ms start-up on the bench machine; one
// file each starts in ~230 ms (measured, 2026-11-24, mysql dump of 2 MB). Every run pays it: a
// cron job's small dump, `check`, `scan`, and each worker thread of --threads.
//
// What stays outside: @faker-js/faker (its locales are imported by name at run time) and
// libpg-query (it loads its WebAssembly from its own folder). The library entry (dist/index.js)
// is not bundled: importers get the plain modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'dist/cli/main.js', worker: 'dist/parallel/worker.js' },
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@faker-js/faker', 'libpg-query'],
  // CommonJS inside the bundle (if any) asks for require: give it Node's
  banner: { js: "import { createRequire as __veilRequire } from 'node:module'; const require = __veilRequire(import.meta.url);" },
  // yargs reads process.stdout.columns when it loads (for help text, which sets its own width here):
  // that opens process.stdout, and libuv then makes a piped stdout non-blocking for the whole run,
  // which StdoutWriter's pool writes cannot use (see src/cli/stdout-writer.ts).
  define: { 'process.stdout.columns': 'undefined' },
  logLevel: 'warning',
});
