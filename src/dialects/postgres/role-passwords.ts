/**
 * pg_dumpall writes each role's password hash: `ALTER ROLE name WITH … LOGIN … PASSWORD 'SCRAM-…';`.
 * Restored, the copy accepts production's passwords (and the hashes can be attacked offline).
 * `"rolePasswords": "drop"` writes the statement without its PASSWORD clause, as
 * `pg_dumpall --no-role-passwords` would have.
 */
const HEAD = /^\s*ALTER\s+ROLE\s+("(?:[^"]|"")+"|\S+)/i;
const PASSWORD = /\s+(?:ENCRYPTED\s+)?PASSWORD\s+'(?:[^']|'')*'/i;

/** The role of `ALTER ROLE name WITH … PASSWORD '…'`, or undefined without a password. */
export function rolePassword(sql: string): string | undefined {
  const m = HEAD.exec(sql);
  if (!m || !PASSWORD.test(sql.slice(m[0].length))) return undefined;
  return m[1].replace(/^"|"$/g, '').replaceAll('""', '"');
}

/** The statement without its PASSWORD clause (text read as latin1, so bytes stay bytes). */
export function withoutPassword(sql: string): string {
  const m = HEAD.exec(sql);
  if (!m) return sql;
  const at = m[0].length;
  return sql.slice(0, at) + sql.slice(at).replace(PASSWORD, '');
}
