import type { ColumnType, ValueKind } from '../../model.js';

const INT_RANGE: Record<string, [number | bigint, number | bigint]> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  int8: [-9223372036854775808n, 9223372036854775807n],
};

const KIND: Record<string, ValueKind> = {
  int2: 'integer', int4: 'integer', int8: 'integer', smallint: 'integer', integer: 'integer', bigint: 'integer',
  numeric: 'numeric', decimal: 'numeric', money: 'numeric',
  float4: 'float', float8: 'float', real: 'float',
  bool: 'boolean',
  date: 'date',
  timestamp: 'timestamp', timestamptz: 'timestamp',
  time: 'time', timetz: 'time', interval: 'other',
  json: 'json', jsonb: 'json',
  uuid: 'uuid',
  bytea: 'binary',
  inet: 'inet', cidr: 'inet', macaddr: 'mac', macaddr8: 'mac',
  varchar: 'text', bpchar: 'text', text: 'text', name: 'text', citext: 'text', char: 'text',
};

/** A PostgreSQL type from the parse tree: names like ['pg_catalog', 'varchar'], typmods, array bounds. */
export function pgColumnType(names: string[], typmods: number[], isArray: boolean, enums: ReadonlyMap<string, string[]>): ColumnType {
  const base = names[names.length - 1];
  const raw = `${names.filter((n) => n !== 'pg_catalog').join('.')}${typmods.length ? `(${typmods.join(',')})` : ''}${isArray ? '[]' : ''}`;
  const enumLabels = enums.get(names.join('.')) ?? (names.length === 1 ? undefined : enums.get(base));
  const element: ColumnType = enumLabels
    ? { raw, kind: 'enum', labels: enumLabels }
    : { raw, kind: KIND[base] ?? 'other' };
  if ((base === 'varchar' || base === 'bpchar') && typmods.length > 0) element.maxLength = typmods[0];
  if (base === 'bpchar' && typmods.length === 0) element.maxLength = 1;
  if (base === 'numeric' || base === 'decimal') {
    if (typmods.length > 0) element.precision = typmods[0];
    if (typmods.length > 0) element.scale = typmods[1] ?? 0;
  }
  const range = INT_RANGE[base];
  if (range) [element.min, element.max] = range;
  return isArray ? { raw, kind: 'array', element: { ...element, raw: raw.slice(0, -2) } } : element;
}
