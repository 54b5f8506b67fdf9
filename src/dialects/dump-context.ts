import { VeilError } from '../errors.js';
import type { DialectName } from '../model.js';
import { CHARSET_NAMES, isCharsetName } from './mysql/charset.js';

/**
 * What a MySQL/MariaDB dump may leave unsaid (`mysqldump --compact`, `--skip-set-charset`, a one-database
 * dump without `--databases`), given by the user instead: the database of unqualified table names until
 * the dump's first `USE`, and the character set until its first `SET NAMES`.
 */
export interface DumpContext {
  database?: string;
  charset?: string;
}

/**
 * Refuse a context that cannot apply: an unknown charset, an empty database name, or either option on a
 * PostgreSQL dump (which names the schema of every table and sets client_encoding itself). `dialect`
 * undefined: not known yet, only the values are checked.
 */
export function checkDumpContext(ctx: DumpContext, dialect: DialectName | undefined): void {
  if (ctx.charset !== undefined && !isCharsetName(ctx.charset)) {
    throw new VeilError('CLI_USAGE', `--charset ${JSON.stringify(ctx.charset)} is not a supported character set; use one of ${CHARSET_NAMES.join(', ')}`, {
      hint: 'give the charset the dump was written in (mysqldump --default-character-set); dumps in other charsets cannot be masked',
    });
  }
  if (ctx.database !== undefined && ctx.database.length === 0) {
    throw new VeilError('CLI_USAGE', '--database needs a database name', { hint: 'e.g. --database shop, for rules keyed shop.users' });
  }
  if (dialect === 'postgres') {
    const given = [ctx.database !== undefined ? '--database' : undefined, ctx.charset !== undefined ? '--charset' : undefined].filter(Boolean);
    if (given.length > 0) {
      throw new VeilError('CLI_USAGE', `${given.join(' and ')} ${given.length > 1 ? 'apply' : 'applies'} to MySQL/MariaDB dumps only; this dump is PostgreSQL`, {
        hint: 'a pg_dump dump names the schema of every table (key rules schema.table) and sets client_encoding itself: drop the option',
      });
    }
  }
}
