#!/usr/bin/env node
// Regenerate schema.json and the README transformer table from the registry (run after `npm run build`).
//   node scripts/gen-docs.mjs          rewrite both
//   node scripts/gen-docs.mjs --check  exit 1 if either is out of date (nothing written)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const catalogJs = join(root, 'dist/transformers/catalog.js');
if (!existsSync(catalogJs)) {
  console.error('dist/transformers/catalog.js is missing: run `npm run build` first');
  process.exit(2);
}
const { buildSchema, replaceReadmeSection, README_START } = await import(catalogJs);
const check = process.argv.includes('--check');
let stale = false;

const schemaPath = join(root, 'schema.json');
const schema = `${JSON.stringify(buildSchema(), null, 2)}\n`;
if (!existsSync(schemaPath) || readFileSync(schemaPath, 'utf8') !== schema) {
  stale = true;
  if (!check) writeFileSync(schemaPath, schema);
  console.log(`${check ? 'stale' : 'wrote'} schema.json`);
}

const readmePath = join(root, 'README.md');
if (!existsSync(readmePath)) {
  console.log('README.md not found: skipped the transformer table');
} else {
  const readme = readFileSync(readmePath, 'utf8');
  if (!readme.includes(README_START)) {
    console.error(`README.md has no ${README_START} marker: add the start/end markers where the table goes`);
    process.exit(1);
  }
  const next = replaceReadmeSection(readme);
  if (next !== readme) {
    stale = true;
    if (!check) writeFileSync(readmePath, next);
    console.log(`${check ? 'stale' : 'wrote'} the transformer table in README.md`);
  }
}
if (check && stale) process.exit(1);
