import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runVeil } from '../integration/helpers/veil.js';

/** fixtures/<dialect>-<behaviour>/{input.sql,rules.json,expected.sql}, run through the real CLI. */
const cases = readdirSync('fixtures')
  .filter((d) => existsSync(`fixtures/${d}/input.sql`))
  .sort();

describe('fixtures through the real CLI', () => {
  it('has fixture cases for both dialects', () => {
    expect(cases.some((c) => c.startsWith('pg-'))).toBe(true);
  });

  it.each(cases)('%s: masks input.sql into exactly expected.sql', async (name) => {
    const dir = `fixtures/${name}`;
    expect(existsSync(`${dir}/expected.sql`), `${dir}/expected.sql is missing: run npm run fixtures:update`).toBe(true);
    const r = await runVeil([`${dir}/rules.json`, '-i', `${dir}/input.sql`, '--seed', 'fixtures', '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected = readFileSync(`${dir}/expected.sql`);
    if (!r.stdout.equals(expected)) {
      expect(r.stdout.toString('utf8')).toBe(expected.toString('utf8'));
    }
  });
});
