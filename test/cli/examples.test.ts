import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runVeil } from '../integration/helpers/veil.js';

describe.each(['postgres', 'mysql'])('examples/%s (e-commerce rules)', (dialect) => {
  const rules = `examples/${dialect}/rules.json`;
  const dump = `examples/${dialect}/shop.sql`;

  it('check --strict passes on the matching dump', async () => {
    const r = await runVeil(['check', rules, '-i', dump, '--strict']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toMatch(/10 tables; 70 rules, 0 unused; 0 columns without a rule; strict: ok/);
  });

  it('masks the dump: no original email, card or IBAN left, nothing said on stderr', async () => {
    const r = await runVeil([rules, '-i', dump, '--seed', 'examples']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout.toString('utf8');
    expect(readFileSync(dump, 'utf8')).toContain('customer1@mail.example');
    expect(out).not.toMatch(/customer\d+@mail\.example|DE89 3704|Lovelace/);
  });

  it('rewrites the settings that would point staging at production (switch on the setting name)', async () => {
    const r = await runVeil([rules, '-i', dump, '--seed', 'examples']);
    expect(r.code, r.stderr).toBe(0);
    const before = readFileSync(dump, 'utf8');
    const out = r.stdout.toString('utf8');
    for (const secret of ['search-prod.shop.example', 'sk_live_', 'support@shop.example', 'https://shop.example']) {
      expect(before).toContain(secret);
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('https://staging.shop.example');
    expect(out).toContain('Example Shop');
  });
});
