#!/usr/bin/env node
// Regenerates fixtures/<case>/expected.sql by running the real CLI (after `npm run build`).
// Review the diff before committing: a change means masked output changed for users too.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';

for (const name of readdirSync('fixtures').sort()) {
  const dir = `fixtures/${name}`;
  if (!existsSync(`${dir}/input.sql`) || !existsSync(`${dir}/rules.json`)) continue;
  const out = execFileSync(process.execPath, ['bin/veil-stream.js', `${dir}/rules.json`, '-i', `${dir}/input.sql`, '--seed', 'fixtures', '-q'], {
    maxBuffer: 1 << 30,
  });
  writeFileSync(`${dir}/expected.sql`, out);
  console.log(`${dir}/expected.sql (${out.length} bytes)`);
}
