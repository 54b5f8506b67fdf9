import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConninfo } from '../../../../src/dialects/postgres/links.js';
import { rolePassword, withoutPassword } from '../../../../src/dialects/postgres/role-passwords.js';
import { Masker } from '../../../../src/mask.js';
import { validateRules } from '../../../../src/rules/load.js';
import { NO_RULES, runChunks, runSized, veilErrorOf } from '../../../helpers/run.js';
import { PG_FOOTER, PG_HEADER } from '../../../helpers/pg-dumps.js';

await Masker.prepare();

/** The statements as pg_dump 15 writes them (from a real dump of a database with these objects). */
const LINKS = `${PG_HEADER}
CREATE SERVER prod_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (
    dbname 'shop',
    host 'db.prod.example',
    port '5432'
);

CREATE USER MAPPING FOR postgres SERVER prod_srv OPTIONS (
    password 's3cret',
    "user" 'app'
);

CREATE USER MAPPING FOR reporting SERVER prod_srv OPTIONS (
    "user" 'reader'
);

CREATE USER bob;

CREATE SUBSCRIPTION sub CONNECTION 'host=db.prod.example dbname=shop user=repl password=x' PUBLICATION pub WITH (connect = false, slot_name = NONE);
${PG_FOOTER}`;

describe('PostgreSQL links to other servers', () => {
  const { output, summary } = runChunks(Buffer.from(LINKS), { rules: NO_RULES, secret: 's', dialect: 'postgres' }, []);
  const links = summary.diagnostics.filter((d) => d.code === 'EXTERNAL_LINK');

  it('warns of foreign servers, user mappings with a password and subscriptions, at their lines', () => {
    expect(links.map((d) => d.data)).toEqual([
      { kind: 'server', name: 'prod_srv' },
      { kind: 'user-mapping', name: 'postgres on prod_srv' },
      { kind: 'subscription', name: 'sub' },
    ]);
    expect(links.map((d) => d.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(links[0].message).toContain('prod_srv (postgres_fdw: host=db.prod.example port=5432 dbname=shop)');
    expect(links[2].message).toContain('sub (host=db.prod.example dbname=shop), disabled');
    const lines = LINKS.split('\n');
    expect(links[0].position?.line).toBe(lines.findIndex((l) => l === ');') + 1);
    // a password is named, never shown
    expect(links.some((d) => d.message.includes('s3cret') || d.message.includes('password=x'))).toBe(false);
  });

  it('leaves the statements as they are, at any chunking', () => {
    expect(output.toString()).toBe(LINKS);
    expect(runSized(Buffer.from(LINKS), { rules: NO_RULES, secret: 's', dialect: 'postgres' }, 3).summary.diagnostics.filter((d) => d.code === 'EXTERNAL_LINK')).toEqual(links);
  });

  it('reads where a connection string points, and whether it holds a password', () => {
    expect(readConninfo("host=db port=6432 dbname='my db' user=x")).toEqual({ target: 'host=db port=6432 dbname=my db', password: false });
    expect(readConninfo("host = 'db' password = 'a b'")).toEqual({ target: 'host=db', password: true });
    expect(readConninfo('postgresql://repl:secret@db.prod:5433/shop?sslmode=require')).toEqual({ target: 'host=db.prod port=5433 dbname=shop', password: true });
    expect(readConninfo('postgres://db.prod/shop')).toEqual({ target: 'host=db.prod dbname=shop', password: false });
  });
});

describe('pg_dumpall role passwords', () => {
  const ROLES = readFileSync('test/unit/dialects/postgres/fixtures/pgdumpall-roles.sql');
  const NO_PASSWORDS = readFileSync('test/unit/dialects/postgres/fixtures/pgdumpall-roles-no-passwords.sql');
  const run = (dump: Buffer) => runChunks(dump, { rules: NO_RULES, secret: 's', dialect: 'postgres' }, []);

  it('warns once of the roles whose password hash the dump sets, never showing a hash', () => {
    const { output, summary } = run(ROLES);
    expect(output.equals(ROLES)).toBe(true);
    const found = summary.diagnostics.filter((d) => d.code === 'ROLE_PASSWORDS_KEPT');
    expect(found).toHaveLength(1);
    expect(found[0].data).toEqual({ roles: ['Veil Reader', 'veil_app'] });
    expect(found[0].message).toContain('--no-role-passwords');
    expect(found[0].message).not.toContain('SCRAM');
    expect(runSized(ROLES, { rules: NO_RULES, secret: 's', dialect: 'postgres' }, 5).summary.diagnostics).toEqual(summary.diagnostics);
  });

  it('says nothing of a dump made with --no-role-passwords', () => {
    expect(run(NO_PASSWORDS).summary.diagnostics.filter((d) => d.code === 'ROLE_PASSWORDS_KEPT')).toEqual([]);
  });

  it('"rolePasswords": "drop" writes each ALTER ROLE as pg_dumpall --no-role-passwords does, at any chunking', () => {
    const opts = { rules: validateRules({ rolePasswords: 'drop', tables: {} }), secret: 's', dialect: 'postgres' as const, strict: true };
    const { output, summary } = runChunks(ROLES, opts, []);
    const alters = (b: Buffer) => b.toString('utf8').split('\n').filter((l) => l.startsWith('ALTER ROLE'));
    expect(alters(output)).toEqual(alters(NO_PASSWORDS));
    expect(alters(output)).toHaveLength(5);
    // every other line as it was
    const others = (b: Buffer) => b.toString('utf8').split('\n').filter((l) => !l.startsWith('ALTER ROLE'));
    expect(others(output)).toEqual(others(ROLES));
    expect(output.toString()).not.toContain('SCRAM');
    const notice = summary.diagnostics.find((d) => d.code === 'ROLE_PASSWORDS_DROPPED');
    expect(notice?.data).toEqual({ roles: ['Veil Reader', 'veil_app'], dropped: 2 });
    expect(summary.diagnostics.some((d) => d.code === 'ROLE_PASSWORDS_KEPT')).toBe(false);
    for (const size of [1, 7, 300]) expect(runSized(ROLES, opts, size).output.equals(output), `chunks of ${size}`).toBe(true);
  });

  it('without a decision strict fails; "keep" copies them without a word', () => {
    const e = veilErrorOf(() => runChunks(ROLES, { rules: NO_RULES, secret: 's', dialect: 'postgres', strict: true }, []));
    expect(e.code).toBe('RULES_UNCOVERED_ROLE_PASSWORDS');
    expect(e.details.issues[0].path).toBe('$.rolePasswords');
    const kept = runChunks(ROLES, { rules: validateRules({ rolePasswords: 'keep', tables: {} }), secret: 's', dialect: 'postgres', strict: true }, []);
    expect(kept.output.equals(ROLES)).toBe(true);
    expect(kept.summary.diagnostics.filter((d) => d.code.startsWith('ROLE_PASSWORDS'))).toEqual([]);
  });

  it('takes the PASSWORD clause out of the statement and nothing else', () => {
    expect(withoutPassword("ALTER ROLE app WITH LOGIN PASSWORD 'SCRAM-SHA-256$4096:x' VALID UNTIL 'infinity';")).toBe("ALTER ROLE app WITH LOGIN VALID UNTIL 'infinity';");
    expect(withoutPassword("ALTER ROLE app WITH LOGIN ENCRYPTED PASSWORD 'md5ab''c';")).toBe('ALTER ROLE app WITH LOGIN;');
    expect(withoutPassword(`ALTER ROLE "PASSWORD 'x'" WITH LOGIN PASSWORD 'md5a';`)).toBe(`ALTER ROLE "PASSWORD 'x'" WITH LOGIN;`);
    expect(rolePassword(`ALTER ROLE "PASSWORD 'x'" WITH LOGIN;`)).toBeUndefined();
  });

  it('reads the role of ALTER ROLE … PASSWORD', () => {
    expect(rolePassword(`ALTER ROLE "a ""b""" WITH LOGIN PASSWORD 'md5abc';`)).toBe('a "b"');
    expect(rolePassword("ALTER ROLE app WITH LOGIN PASSWORD 'SCRAM-SHA-256$4096:x';")).toBe('app');
    expect(rolePassword('ALTER ROLE app WITH NOLOGIN;')).toBeUndefined();
    expect(rolePassword("ALTER ROLE app SET search_path = 'password';")).toBeUndefined();
  });
});
