/** Shared helpers for the CLI, policy and scan suites: scratch files and generated dumps. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../integration/helpers/veil.js';

export const scratch = mkdtempSync(join(tmpdir(), 'veil-cli-'));

export function file(name: string, content: string | Buffer | object): string {
  const p = join(scratch, name);
  writeFileSync(p, typeof content === 'string' || Buffer.isBuffer(content) ? content : `${JSON.stringify(content, null, 2)}\n`);
  return p;
}

export interface Generated {
  path: string;
  /** Rows per table, as the generator reports them. */
  rows: Record<string, number>;
}

/** A dump from bench/gen.mjs (seeded, so the same every time), generated once per test process. */
export function generated(dialect: 'postgres' | 'mysql', layout: string, size: string): Generated {
  const path = join(scratch, `${dialect}-${layout}-${size}.sql`);
  const cached = cache.get(path);
  if (cached) return cached;
  const r = spawnSync(process.execPath, ['bench/gen.mjs', '--dialect', dialect, '--layout', layout, '--size', size, '--seed', '5', '-o', path], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench/gen.mjs failed: ${r.stderr}`);
  const rows: Record<string, number> = {};
  for (const m of (/rows: ([^→]*)/.exec(r.stderr)?.[1] ?? '').matchAll(/(\w+)=(\d+)/g)) rows[m[1]] = Number(m[2]);
  const g = { path, rows };
  cache.set(path, g);
  return g;
}

const cache = new Map<string, Generated>();

export function readJson<T = any>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The rules of examples/postgres with some tables or columns changed. */
export function exampleRules(dialect: 'postgres' | 'mysql', edit: (tables: Record<string, any>) => void): Record<string, any> {
  const rules = readJson(join(REPO_ROOT, 'examples', dialect, 'rules.json'));
  edit(rules.tables);
  return rules;
}
