import type { TableRef } from '../../model.js';
import { isWord, tryTokenize, type Token } from './ddl-lexer.js';

/**
 * Reads the short statements that shape a MySQL dump: INSERT/REPLACE heads (table, column list),
 * SET (character_set_client, NAMES, sql_mode, user variables that save and restore them) and USE.
 * Executable comments (`/*!40101 SET NAMES utf8mb4 *\/`) are read as the code they hold.
 */

/** A name token: an identifier, or an unquoted word or number (`db.123t`). */
export const isName = (t: Token | undefined): t is Token => t !== undefined && (t.type === 'ident' || t.type === 'word' || t.type === 'number');

export interface InsertHead {
  table: TableRef;
  columns?: string[];
  /** VALUES (or VALUE) follows; false for INSERT ... SELECT / SET. */
  values: boolean;
}

const MODIFIERS = new Set(['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE']);

/** `INSERT [IGNORE] INTO db.t [PARTITION (p)] [(a, b)] VALUES` (or REPLACE); `database` for an unqualified t. */
export function parseInsertHead(sql: string, database: string | undefined): InsertHead | undefined {
  const t = tryTokenize(sql);
  if (!t) return undefined;
  let i = 0;
  if (!isWord(t[i], 'INSERT') && !isWord(t[i], 'REPLACE')) return undefined;
  i++;
  while (t[i]?.type === 'word' && MODIFIERS.has(t[i].value.toUpperCase())) i++;
  if (isWord(t[i], 'INTO')) i++;
  if (!isName(t[i])) return undefined;
  const table: TableRef = { name: t[i++].value };
  if (t[i]?.value === '.' && t[i].type === 'punct' && isName(t[i + 1])) {
    table.schema = table.name;
    table.name = t[i + 1].value;
    i += 2;
  } else if (database !== undefined) table.schema = database;
  if (isWord(t[i], 'PARTITION') && t[i + 1]?.value === '(') {
    i += 2;
    while (i < t.length && t[i].value !== ')') i++;
    i++;
  }
  let columns: string[] | undefined;
  if (t[i]?.type === 'punct' && t[i].value === '(') {
    columns = [];
    i++;
    for (;;) {
      if (!isName(t[i])) return undefined;
      columns.push(t[i++].value);
      if (t[i]?.value === ')') {
        i++;
        break;
      }
      if (t[i]?.value !== ',') return undefined;
      i++;
    }
  }
  return { table, columns, values: isWord(t[i], 'VALUES') || isWord(t[i], 'VALUE') };
}

/** One assignment of a SET statement: `name` is lower case (`character_set_client`, `names`, `@saved_cs_client`). */
export interface Assignment {
  name: string;
  /** A literal or name as written (unquoted), or a variable reference (`@saved_cs_client`, `@@character_set_client`). */
  value: string;
}

/** `SET a = b, NAMES x [COLLATE y], @v = @@w` → assignments; undefined if not a SET. */
export function parseSet(sql: string): Assignment[] | undefined {
  const t = tryTokenize(sql);
  if (!t || !isWord(t[0], 'SET')) return undefined;
  const out: Assignment[] = [];
  let i = 1;
  const variable = (): string | undefined => {
    let name = '';
    while (t[i]?.type === 'punct' && t[i].value === '@') {
      name += '@';
      i++;
    }
    if (!isName(t[i])) return undefined;
    name += t[i++].value;
    // @@session.x, @@global.x
    while (t[i]?.type === 'punct' && t[i].value === '.' && isName(t[i + 1])) {
      name += `.${t[i + 1].value}`;
      i += 2;
    }
    return name.toLowerCase().replace(/^@@(session|local)\./, '@@');
  };
  while (i < t.length) {
    if (isWord(t[i], 'SESSION') || isWord(t[i], 'LOCAL')) i++;
    if (isWord(t[i], 'NAMES') || (isWord(t[i], 'CHARACTER') && isWord(t[i + 1], 'SET')) || isWord(t[i], 'CHARSET')) {
      const name = isWord(t[i], 'NAMES') ? 'names' : 'character set';
      i += isWord(t[i], 'CHARACTER') ? 2 : 1;
      const v = t[i++];
      if (v) out.push({ name, value: v.value });
      if (isWord(t[i], 'COLLATE')) i += 2;
    } else {
      const name = variable();
      if (name === undefined || !(t[i]?.value === '=' || (t[i]?.value === ':' && t[i + 1]?.value === '='))) return out;
      i += t[i].value === ':' ? 2 : 1;
      const at = t[i]?.type === 'punct' && t[i].value === '@';
      const value = at ? variable() : t[i++]?.value;
      if (value === undefined) return out;
      out.push({ name: name.replace(/^@@/, ''), value });
    }
    // anything else up to the next top-level comma belongs to this assignment (expressions)
    let depth = 0;
    while (i < t.length && !(depth === 0 && t[i].type === 'punct' && t[i].value === ',')) {
      if (t[i].value === '(' && t[i].type === 'punct') depth++;
      else if (t[i].value === ')' && t[i].type === 'punct') depth--;
      i++;
    }
    i++;
  }
  return out;
}

/** `USE db` / `USE \`db\`` → db. */
export function parseUse(sql: string): string | undefined {
  const t = tryTokenize(sql);
  if (!t || !isWord(t[0], 'USE') || !isName(t[1])) return undefined;
  return t[1].value;
}
