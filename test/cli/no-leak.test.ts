import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runVeil } from '../integration/helpers/veil.js';
import { generated, scratch } from './helpers.js';

/**
 * The heavy bench rules name every personal column of the generated schema, JSON paths included: no
 * original email or phone number may be left anywhere in the masked dump, in columns or inside JSON
 * documents. And the fakes stay as many as the originals: one fake per distinct original.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]+/g;
const PHONE = /\+\d+ \d{3}-\d{3}-\d{4}/g;

const distinct = (text: string, re: RegExp) => new Set(text.match(re) ?? []);

it.each([
  ['postgres', 'copy'],
  ['postgres', 'inserts'],
  ['mysql', 'extended'],
  ['mysql', 'oneline'],
] as const)('%s %s dump, heavy rules: no original email or phone number is left', async (dialect, layout) => {
  const input = generated(dialect, layout, '3MB').path;
  const output = join(scratch, `no-leak-${dialect}-${layout}.sql`);
  const r = await runVeil([`bench/rules/${dialect}-heavy.json`, '-i', input, '-o', output, '--seed', 'no-leak-secret', '-q']);
  expect(r.code, r.stderr).toBe(0);
  const before = readFileSync(input, 'latin1');
  const after = readFileSync(output, 'latin1');
  for (const [what, re] of [['email', EMAIL], ['phone', PHONE]] as const) {
    const originals = distinct(before, re);
    const fakes = distinct(after, re);
    expect(originals.size, `${what}s in the generated dump`).toBeGreaterThan(500);
    expect([...originals].filter((v) => fakes.has(v)), `original ${what}s left`).toEqual([]);
    expect(fakes.size, `distinct fake ${what}s`).toBe(originals.size);
  }
}, 60_000);
