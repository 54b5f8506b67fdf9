#!/usr/bin/env node
import { existsSync } from 'node:fs';

// The one-file bundle starts ~100 ms sooner (scripts/bundle.mjs); the plain modules when the build
// made none (tsc alone).
const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
const { main } = existsSync(bundle) ? await import(bundle.href) : await import('../dist/cli/main.js');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
