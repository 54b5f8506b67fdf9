import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../integration/helpers/veil.js';
import { file, generated } from './helpers.js';

/**
 * The PostgreSQL grammar (libpg-query: ~50 ms and ~14 MB to load) is loaded only when the dump may be
 * PostgreSQL. Each case runs a fresh process (the grammar is process-wide) that masks a dump through
 * MaskStream and prints whether the grammar was loaded.
 */
function grammarLoaded(dump: string, dialect?: 'postgres' | 'mysql'): { loaded: boolean; bytes: number } {
  const rules = file('grammar-rules.json', { tables: {} });
  const script = `
    import { createReadStream } from 'node:fs';
    import { pipeline } from 'node:stream/promises';
    import { Writable } from 'node:stream';
    import { createMaskStream } from './dist/stream.js';
    import { loadRulesFile } from './dist/rules/load.js';
    import { pgGrammarLoaded } from './dist/dialects/postgres/ddl.js';
    let bytes = 0;
    const sink = new Writable({ write(c, _e, cb) { bytes += c.length; cb(); } });
    const opts = { rules: loadRulesFile(${JSON.stringify(rules)}), secret: 's', unusedRules: 'warn' ${dialect ? `, dialect: '${dialect}'` : ''} };
    await pipeline(createReadStream(${JSON.stringify(dump)}, { highWaterMark: 64 * 1024 }), createMaskStream(opts), sink);
    console.log(JSON.stringify({ loaded: pgGrammarLoaded(), bytes }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the masking process failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { loaded: boolean; bytes: number };
}

describe('the PostgreSQL grammar is loaded only for dumps that may need it', () => {
  it('is not loaded for a MySQL dump, detected or named with --dialect', () => {
    const my = generated('mysql', 'extended', '1MB');
    const detected = grammarLoaded(my.path);
    expect(detected.loaded).toBe(false);
    expect(detected.bytes).toBeGreaterThan(900_000); // the dump was masked through
    expect(grammarLoaded(my.path, 'mysql').loaded).toBe(false);
  });

  it('is loaded for a PostgreSQL dump', () => {
    expect(grammarLoaded(generated('postgres', 'copy', '1MB').path).loaded).toBe(true);
  });

  it('is loaded when the first chunk is too short to decide on (a tiny dump)', () => {
    const tiny = file('tiny-mysql.sql', '-- MariaDB dump 10.19\nCREATE TABLE `t` (`a` int);\nINSERT INTO `t` VALUES (1);\n-- Dump completed\n');
    expect(grammarLoaded(tiny).loaded).toBe(true);
  });

  it('is required before a PostgreSQL dump is fed to a Masker: never a silent run without DDL', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { Masker } from './dist/mask.js';
      import { validateRules } from './dist/rules/load.js';
      const m = new Masker({ rules: validateRules({ tables: {} }), secret: 's' }, () => {});
      try { m.feed(readFileSync(${JSON.stringify(generated('postgres', 'copy', '1MB').path)})); m.end(); console.log('no error'); }
      catch (e) { console.log(e.message); }
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('internal: a PostgreSQL dump was fed before `await Masker.prepare()` loaded the PostgreSQL grammar');
  });
});
