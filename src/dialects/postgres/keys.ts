import type { KeyInfo } from '../../model.js';

/**
 * Keys from PostgreSQL parse trees (libpg-query): PRIMARY KEY and UNIQUE constraints (in CREATE TABLE,
 * or as pg_dump writes them after the data: `ALTER TABLE ONLY t ADD CONSTRAINT k UNIQUE (a, b)`), and
 * `CREATE UNIQUE INDEX`. Names come out of the tree as the server spells them (unquoted, case kept).
 */
type Node = Record<string, any>;

function str(n: Node): string {
  return n.String?.sval ?? '';
}

/** A PRIMARY KEY / UNIQUE constraint node, or undefined for other constraints (and UNIQUE USING INDEX). */
export function constraintKey(c: Node | undefined, column?: string): KeyInfo | undefined {
  if (!c || (c.contype !== 'CONSTR_PRIMARY' && c.contype !== 'CONSTR_UNIQUE')) return undefined;
  // a column constraint (`phone text UNIQUE`) names no keys: it is on its column
  const columns: string[] = c.keys ? c.keys.map(str) : column !== undefined ? [column] : [];
  if (columns.length === 0) return undefined;
  const key: KeyInfo = { kind: c.contype === 'CONSTR_PRIMARY' ? 'primary key' : 'unique', columns };
  if (c.conname) key.name = c.conname;
  if (c.nulls_not_distinct === true) key.nullsNotDistinct = true;
  return key;
}

/**
 * `CREATE UNIQUE INDEX` (partial ones too: unique on a subset of the rows). An expression part
 * (`lower(email)`) is read as the columns it uses; undefined for a non-unique index, or one whose
 * expressions use no column.
 */
export function indexKey(stmt: Node): KeyInfo | undefined {
  if (stmt.unique !== true) return undefined;
  const columns: string[] = [];
  let expression = false;
  for (const { IndexElem: elem } of stmt.indexParams ?? []) {
    if (!elem) continue;
    if (typeof elem.name === 'string') columns.push(elem.name);
    else if (elem.expr) {
      expression = true;
      columnRefs(elem.expr, columns);
    }
  }
  const unique = [...new Set(columns)];
  if (unique.length === 0) return undefined;
  const key: KeyInfo = { kind: 'unique index', columns: unique };
  if (stmt.idxname) key.name = stmt.idxname;
  if (expression) key.expression = true;
  if (stmt.nulls_not_distinct === true) key.nullsNotDistinct = true;
  return key;
}

/** Every column an expression reads (ColumnRef nodes, by their last name part). */
function columnRefs(node: unknown, into: string[], depth = 0): void {
  if (depth > 64 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) columnRefs(n, into, depth + 1);
    return;
  }
  const ref = (node as Node).ColumnRef;
  if (ref) {
    const fields: Node[] = ref.fields ?? [];
    const last = fields[fields.length - 1];
    if (last?.String) into.push(str(last));
    return;
  }
  for (const v of Object.values(node)) columnRefs(v, into, depth + 1);
}
