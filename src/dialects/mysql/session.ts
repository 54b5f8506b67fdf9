import { charsetFromName, type MysqlCharset } from './charset.js';
import { parseSet } from './header.js';

/**
 * What the dump's SET and USE statements make of the restoring session: the database in use, the
 * client character set (SET NAMES, and the `@saved_cs_client` save/restore mariadb-dump wraps around
 * each CREATE TABLE, which it writes in utf8mb4 even when the data is latin1), and sql_mode.
 */
export class MysqlSession {
  /** character_set_client as the dump set it (undefined: never set; mysqldump's default utf8mb4 assumed). */
  clientName: string | undefined;
  noBackslashEscapes = false;
  database: string | undefined;
  /** The database named by the dump header (`-- Host: h    Database: db`). */
  headerDatabase: string | undefined;
  private readonly vars = new Map<string, string>();

  /**
   * `database` and `charset` stand for what the restoring session has before the dump says otherwise
   * (`--database`, `--charset`): the database of unqualified names until a USE, character_set_client
   * until a SET NAMES. A given database also wins over the dump header's.
   */
  constructor(database?: string, charset?: string) {
    this.database = database;
    this.clientName = charset;
  }

  /** The charset of statement text and literals now; undefined when unsupported. */
  charset(): MysqlCharset | undefined {
    return this.clientName === undefined ? 'utf8' : charsetFromName(this.clientName);
  }

  /** How to turn statement bytes (names in INSERT heads, USE) into text. */
  encoding(): BufferEncoding {
    const c = this.charset();
    return c === 'utf8' || c === undefined ? 'utf8' : 'latin1';
  }

  /** A SET statement's text (executable comment markers included). */
  onSet(sql: string): void {
    for (const { name, value } of parseSet(sql) ?? []) {
      const resolved = value.startsWith('@@') ? this.systemVar(value.slice(2)) : value.startsWith('@') ? this.vars.get(value.toLowerCase()) : value;
      if (name.startsWith('@')) {
        if (resolved !== undefined) this.vars.set(name, resolved);
        else this.vars.delete(name);
      } else if (name === 'names' || name === 'character set' || name === 'character_set_client') {
        this.clientName = resolved;
      } else if (name === 'sql_mode' && resolved !== undefined) {
        this.noBackslashEscapes = /NO_BACKSLASH_ESCAPES/i.test(resolved);
      }
    }
  }

  /** A header comment line: `-- Host: localhost    Database: shop` names the database of a one-database dump. */
  onHeaderLine(text: string): void {
    const m = /^-- Host: .*?\bDatabase: (.+?)\s*$/.exec(text);
    if (m && this.database === undefined) {
      this.headerDatabase = m[1];
      this.database = m[1];
    }
  }

  private systemVar(name: string): string | undefined {
    if (name === 'character_set_client') return this.clientName;
    if (name === 'sql_mode') return this.noBackslashEscapes ? 'NO_BACKSLASH_ESCAPES' : '';
    return undefined;
  }
}
