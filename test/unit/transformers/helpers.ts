import type { ColumnInfo, ColumnType } from '../../../src/model.js';
import { validateColumnRule } from '../../../src/rules/load.js';
import { Keyring } from '../../../src/seed/keyring.js';
import { bindRule } from '../../../src/transformers/bind.js';
import type { RowView } from '../../../src/transformers/define.js';

export const NO_ROW: RowView = { original: () => undefined, masked: () => undefined };

export interface BindOptions {
  type?: Partial<ColumnType> & { kind: ColumnType['kind'] };
  unique?: boolean;
  notNull?: boolean;
  secret?: string;
  name?: string;
}

/** Validate and bind a rule the way the plan does; returns (value, row?) => fake. */
export function bind(spec: unknown, opts: BindOptions = {}): (value: string, row?: RowView) => string | null {
  const problems: string[] = [];
  const rule = validateColumnRule('col', spec, '$.x', (p, m, h) => problems.push(`${p}: ${m}${h ? ` (${h})` : ''}`));
  if (!rule) throw new Error(problems.join('; '));
  const column: ColumnInfo = {
    name: opts.name ?? 'col',
    type: opts.type ? { raw: opts.type.raw ?? opts.type.kind, ...opts.type } : undefined,
    unique: opts.unique,
    notNull: opts.notNull,
  };
  const b = bindRule(rule, column, {
    keyring: new Keyring(opts.secret ?? 'test-secret'),
    dialect: 'postgres',
    table: { schema: 'public', name: 't' },
  });
  return (value, row = NO_ROW) => b.apply(value, row);
}

/** The problems validateColumnRule reports for a spec, as "path: message" lines. */
export function problems(spec: unknown): string[] {
  const out: string[] = [];
  validateColumnRule('col', spec, '$.x', (p, m, h) => out.push(`${p}: ${m}${h ? ` (${h})` : ''}`));
  return out;
}

/** A row view over plain objects. */
export function rowOf(original: Record<string, string | null>, masked: Record<string, string | null> = {}): RowView {
  return {
    original: (c) => original[c],
    masked: (c) => (c in masked ? masked[c] : original[c]),
  };
}

/** `n` distinct inputs like "user123@example.org". */
export function inputs(n: number, make: (i: number) => string = (i) => `user${i}@example.org`): string[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

export function luhn(s: string): boolean {
  const d = s.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let x = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      x *= 2;
      if (x > 9) x -= 9;
    }
    sum += x;
  }
  return d.length > 0 && sum % 10 === 0;
}

export function ibanValid(s: string): boolean {
  const c = s.replace(/[ -]/g, '').toUpperCase();
  const r = (c.slice(4) + c.slice(0, 4)).replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let m = 0;
  for (const ch of r) m = (m * 10 + Number(ch)) % 97;
  return m === 1;
}
