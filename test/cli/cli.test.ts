import { chmodSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVeil } from '../integration/helpers/veil.js';

const SAMPLE = 'fixtures/pg-sample/input.sql';
const RULES = 'fixtures/pg-sample/rules.json';
const dir = mkdtempSync(join(tmpdir(), 'veil-cli-'));
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('veil-stream CLI', () => {
  it('writes only SQL on stdout and exits 0', async () => {
    const r = await runVeil([RULES, '-i', SAMPLE, '--seed', 's']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString('utf8')).toContain('-- PostgreSQL database dump complete');
  });

  it('gives byte-identical output for the same --seed from a file and from stdin', async () => {
    const a = await runVeil([RULES, '-i', SAMPLE, '--seed', 's']);
    const b = await runVeil([RULES, '--seed', 's'], { stdinFile: SAMPLE });
    expect(a.stdout.equals(b.stdout)).toBe(true);
  });

  it('takes the secret from VEIL_SECRET, and says on stderr when it has to use a random one', async () => {
    const a = await runVeil([RULES, '-i', SAMPLE], { env: { VEIL_SECRET: 'a-long-enough-secret-value' } });
    const b = await runVeil([RULES, '-i', SAMPLE], { env: { VEIL_SECRET: 'a-long-enough-secret-value' } });
    expect(a.stdout.equals(b.stdout)).toBe(true);
    expect(a.stderr).not.toContain('SECRET_RANDOM');
    const c = await runVeil([RULES, '-i', SAMPLE]);
    expect(c.code).toBe(0);
    expect(c.stderr).toContain('SECRET_RANDOM');
    expect(c.stdout.equals(a.stdout)).toBe(false);
  });

  it('refuses a short secret and never prints it', async () => {
    const r = await runVeil([RULES, '-i', SAMPLE], { env: { VEIL_SECRET: 'short-x' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CLI_SECRET');
    expect(r.stderr).not.toContain('short-x');
    const f = file('secret', 'a-secret-from-a-file-0123456789\n');
    const ok = await runVeil([RULES, '-i', SAMPLE, '--secret-file', f]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).not.toContain('a-secret-from-a-file');
  });

  it('--secret-file: a final newline is not part of the secret; a missing, empty or unreadable file is CLI_SECRET', async () => {
    const secret = 'a-secret-from-a-file-0123456789';
    const fromEnv = await runVeil([RULES, '-i', SAMPLE], { env: { VEIL_SECRET: secret } });
    for (const content of [secret, `${secret}\n`, `${secret}\r\n`]) {
      const r = await runVeil([RULES, '-i', SAMPLE, '--secret-file', file('secret-nl', content)]);
      expect(r.code).toBe(0);
      expect(r.stdout.equals(fromEnv.stdout)).toBe(true);
    }
    const unreadable = file('secret-000', `${secret}\n`);
    chmodSync(unreadable, 0o000);
    const bad: [string, string][] = [
      [join(dir, 'no-such-secret'), 'ENOENT'],
      [file('secret-empty', ''), 'fewer than 16 bytes'],
    ];
    // (root reads a mode 000 file: there the case does not apply)
    if (process.getuid?.() !== 0) bad.push([unreadable, 'EACCES']);
    for (const [path, why] of bad) {
      const r = await runVeil([RULES, '-i', SAMPLE, '--secret-file', path]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^error CLI_SECRET\\n {2}.*${why}`));
      expect(r.stderr).toContain('hint: ');
      expect(r.stdout.length).toBe(0);
    }
  });

  it('refuses an empty VEIL_SECRET (a failed lookup in a job) instead of masking with a random secret', async () => {
    const r = await runVeil([RULES, '-i', SAMPLE], { env: { VEIL_SECRET: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error CLI_SECRET\n {2}VEIL_SECRET is set but empty/);
    expect(r.stderr).toContain('hint: ');
    expect(r.stderr).not.toContain('SECRET_RANDOM');
    expect(r.stdout.length).toBe(0);
  });

  it('reports every rules problem with its JSON path and exits 1 before reading the dump', async () => {
    const rules = file('bad.json', JSON.stringify({ tables: { users: { columns: { email: 'emial', name: { transformer: 'mask', keepLst: 2 } } } } }));
    const r = await runVeil([rules, '-i', join(dir, 'does-not-exist.sql')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('RULES_INVALID');
    expect(r.stderr).toContain('$.tables.users.columns.email: unknown transformer "emial" (did you mean "email"?)');
    expect(r.stderr).toContain('$.tables.users.columns.name.keepLst');
    expect(r.stdout.length).toBe(0);
  });

  it('exits 2 on a usage error', async () => {
    const r = await runVeil([RULES, '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CLI_USAGE');
  });

  it('writes -o atomically: the file appears on success and never on failure', async () => {
    const out = join(dir, 'safe.sql');
    const ok = await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '-o', out]);
    expect(ok.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const truncated = file('cut.sql', (await import('node:fs')).readFileSync(SAMPLE).subarray(0, 3000));
    const bad = join(dir, 'never.sql');
    const r = await runVeil([RULES, '-i', truncated, '--seed', 's', '-o', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the output is incomplete');
    expect(existsSync(bad)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('veil-tmp'))).toEqual([]);
  });

  it.each([
    ['a custom-format archive', Buffer.from('PGDMP\x01\x0e\x00'), 'DUMP_PG_CUSTOM_FORMAT', 'pg_restore -f -'],
    ['a damaged gzip input', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'IO_READ', 'gzip -t'],
    ['an empty input', Buffer.alloc(0), 'DUMP_EMPTY', 'pipefail'],
    ['binary garbage', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)), 'DUMP_BINARY', 'plain SQL'],
  ])('fails loudly on %s with a hint', async (_what, input, code, hint) => {
    const r = await runVeil([RULES, '--seed', 's'], { input });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(code);
    expect(r.stderr).toContain(hint);
  });

  it('names the line of a truncated COPY block', async () => {
    const dump = `--\n-- PostgreSQL database dump\n--\nSET client_encoding = 'UTF8';\nCOPY public.t (a) FROM stdin;\n1\n2\n`;
    const r = await runVeil([RULES, '--seed', 's'], { input: dump });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error DUMP_UNTERMINATED_COPY at line 8/);
    expect(r.stderr).toContain('public.t');
    expect(r.stderr).toContain('hint: the dump looks truncated');
  });

  it('lists the transformers', async () => {
    const r = await runVeil(['transformers', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout.toString('utf8')) as { name: string }[];
    expect(list.map((t) => t.name)).toEqual(expect.arrayContaining(['email', 'first-name', 'phone', 'mask', 'hash', 'null', 'keep', 'fixed']));
  });
});
