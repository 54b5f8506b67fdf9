import type { Faker } from '@faker-js/faker';
import type { ColumnInfo, DialectName, TableRef } from '../model.js';
import { VeilError } from '../errors.js';
import { validateColumnRule } from '../rules/load.js';
import type { ColumnRule } from '../rules/ruleset.js';
import { DEFAULT_LOCALE, fakerFor } from '../seed/faker.js';
import type { Domain, Keyring } from '../seed/keyring.js';
import type { Rng } from '../seed/rng.js';
import type { BoundValue, ByteFn, RowView, Site, ValueCtx, ValueFn } from './define.js';
import { fitLength } from './text-fit.js';
import { withLru } from './lru.js';

/** Params that never change which fake an original maps to. */
const NEUTRAL = new Set(['unique', 'consistency']);

/** The consistency domain of a rule: an explicit `consistency` name, else transformer + meaningful params. */
export function domainName(rule: Pick<ColumnRule, 'transformer' | 'written'>): string {
  const consistency = rule.written.consistency;
  if (typeof consistency === 'string') return `consistency:${consistency}`;
  const neutral = new Set([...NEUTRAL, ...(rule.transformer.neutralParams ?? [])]);
  const meaningful = Object.keys(rule.written)
    .filter((k) => !neutral.has(k))
    .sort()
    .map((k) => `${k}=${JSON.stringify(rule.written[k])}`);
  return `${rule.transformer.name}(${meaningful.join(',')})`;
}

const NO_ROW: RowView = { original: () => undefined, masked: () => undefined };

/** The ValueCtx of one bound rule: keyed randomness for the value currently being transformed. */
export class BoundCtx implements ValueCtx {
  value = '';
  row: RowView = NO_ROW;
  private readonly fakerInstance: Faker;

  constructor(private readonly domain: Domain, private readonly keyring: Keyring, locale: string) {
    this.fakerInstance = fakerFor(boundRandomizer(keyring.rng), locale);
  }

  /** The value's bytes in the dump when they are exactly its UTF-8 (no unescaping); else null. */
  rawBuf: Uint8Array | null = null;
  rawStart = 0;
  rawEnd = 0;

  /** The byte path: the value was not decoded; its bits come from rawBuf alone. */
  bytesOnly = false;

  rng(): Rng {
    return this.keyring.rng.reset(this.bits());
  }

  bits(): Uint32Array {
    if (this.bytesOnly) return this.domain.bitsBytes(this.rawBuf!, this.rawStart, this.rawEnd);
    return this.rawBuf ? this.domain.bitsRaw(this.value, this.rawBuf, this.rawStart, this.rawEnd) : this.domain.bits(this.value);
  }

  faker(): Faker {
    this.rng();
    return this.fakerInstance;
  }

  bitsOf(text: string): Uint32Array {
    return this.domain.bits(text);
  }
}

/**
 * Faker calls `randomizer.next` detached from its object, so it gets a bound view of the shared Rng
 * (one per Rng, so fakerFor's per-Rng cache still holds).
 */
const bound = new WeakMap<Rng, Rng>();
function boundRandomizer(rng: Rng): Rng {
  let b = bound.get(rng);
  if (!b) {
    b = { next: () => rng.next(), seed: (s: number | number[]) => rng.seed(s) } as unknown as Rng;
    bound.set(rng, b);
  }
  return b;
}

export interface BindEnv {
  keyring: Keyring;
  dialect: DialectName;
  table: TableRef;
}

/** A rule bound to a column: call `apply(value, row)` per non-NULL value. */
export interface BoundRule {
  rule: ColumnRule;
  reads: string[];
  /** Columns whose masked value this rule reads ({{masked.x}} in templates): the plan computes them first. */
  readsMasked: string[];
  /**
   * `raw` (optional): buf[start, end) holds exactly the UTF-8 bytes of `value` in the dump, so the
   * keyed bits can be hashed in place.
   */
  apply(value: string, row: RowView, raw?: Uint8Array, rawStart?: number, rawEnd?: number): string | null;
  /**
   * The byte path, when the transformer has one: the fake of the value whose UTF-8 is src[start, end),
   * written into `out`; returns its length, or -1 where apply() must be used instead.
   */
  applyBytes?(src: Uint8Array, start: number, end: number, out: Uint8Array): number;
  /** Nested rules picked per row (switch cases): their paths, and those a row matched so far. */
  choices?: RuleChoices;
  /** A NULL value of this column in `row` (it stays NULL; rules that track rows take note). */
  observeNull?(row: RowView): void;
}

/** The per-row choices of a bound rule (see BoundValue.choices), with the matches gathered so far. */
export interface RuleChoices {
  paths: readonly string[];
  /** Paths a row matched, in this thread or (added by the main thread) in a worker. */
  readonly hit: Set<string>;
  /** Rows a keep-otherwise left, one per key: key → value (from this thread or a worker). */
  readonly unmatched: Map<string, string>;
  /** Gather this thread's new matches and unmatched rows; returns them (a worker reports them). */
  collect(): { hits: string[]; unmatched: [string, string][] };
}

/**
 * Whether a rule is bound in unique mode: `"unique": true`, or a column that is unique (the rule's
 * `"unique": false` turns that off: duplicates are accepted).
 */
export function uniqueMode(rule: Pick<ColumnRule, 'params'>, column: ColumnInfo): boolean {
  return rule.params.unique === true || (rule.params.unique === undefined && column.unique === true);
}

type Choices = NonNullable<BoundValue['choices']>;

/**
 * Bind a validated rule to one column of one table. `inner` is given for nested rules (json paths,
 * array elements, switch cases): their per-row choices (a nested switch's cases) are handed to it, so
 * the column's rule reports every case of its whole tree.
 */
export function bindRule(rule: ColumnRule, column: ColumnInfo, env: BindEnv, inner?: Choices[]): BoundRule {
  const unique = uniqueMode(rule, column);
  const nestedChoices: Choices[] = inner ?? [];
  const site: Site = {
    dialect: env.dialect,
    table: env.table,
    column,
    path: rule.path,
    unique,
    bind: (spec, path, col) => bindNested(spec, path, { ...column, ...col }, env, nestedChoices),
  };
  const made = rule.transformer.create(rule.params as never, site);
  const bound: BoundValue = typeof made === 'function' ? { fn: made } : made;
  if (inner && bound.choices) inner.push(bound.choices);
  const locale = typeof rule.params.locale === 'string' ? rule.params.locale : DEFAULT_LOCALE;
  const ctx = new BoundCtx(env.keyring.domain(domainName(rule)), env.keyring, locale);
  // Repeated originals skip expensive transformers (an adaptive LRU that switches itself off when
  // values do not repeat); never for rules that read other columns of the row.
  const fn: ValueFn = rule.transformer.cache === true && !(bound.reads?.length) ? withLru(bound.fn) : bound.fn;
  // Transformers fit their fakes to varchar(n)/char(n) themselves (keeping tags, formats); this is
  // the last guard for odd inputs (e.g. an original already longer than the column).
  const max = column.type?.maxLength;
  return {
    rule,
    reads: bound.reads ?? [],
    readsMasked: bound.readsMasked ?? [],
    choices: inner ? undefined : choicesOf(bound.choices, nestedChoices),
    observeNull: bound.observeNull
      ? (row) => {
          ctx.row = row;
          bound.observeNull!(ctx);
        }
      : undefined,
    applyBytes: bound.bytes && !bound.reads?.length ? bytesOf(bound.bytes, ctx) : undefined,
    apply(value, row, raw, rawStart, rawEnd) {
      ctx.bytesOnly = false;
      ctx.value = value;
      ctx.row = row;
      ctx.rawBuf = raw ?? null;
      ctx.rawStart = rawStart ?? 0;
      ctx.rawEnd = rawEnd ?? 0;
      const out = fn(value, ctx);
      return max !== undefined && out !== null && out.length > max ? fitLength(out, max) : out;
    },
  };
}

/**
 * A column rule's choices: its own (a switch on the column) and those of switches nested in it. Rows a
 * keep-otherwise left are sampled from the column's own switch only (its key column names them).
 */
function choicesOf(own: Choices | undefined, nested: Choices[]): RuleChoices | undefined {
  if (!own && nested.length === 0) return undefined;
  const all = own ? [own, ...nested] : nested;
  const hit = new Set<string>();
  const unmatched = new Map<string, string>();
  return {
    paths: all.flatMap((c) => c.paths),
    hit,
    unmatched,
    collect() {
      const hits = all.flatMap((c) => c.takeHits());
      for (const p of hits) hit.add(p);
      const rows = own ? own.takeUnmatched() : [];
      for (const c of nested) c.takeUnmatched(); // (not kept: see above)
      for (const [k, v] of rows) if (!unmatched.has(k)) unmatched.set(k, v);
      return { hits, unmatched: rows };
    },
  };
}

function bytesOf(fn: ByteFn, ctx: BoundCtx): BoundRule['applyBytes'] {
  return (src, start, end, out) => {
    ctx.bytesOnly = true;
    ctx.value = '';
    ctx.row = NO_ROW;
    ctx.rawBuf = src;
    ctx.rawStart = start;
    ctx.rawEnd = end;
    return fn(src, start, end, ctx, out);
  };
}

/** Nested rules (json paths, array elements) use the same validation and binding as columns. */
function bindNested(spec: unknown, path: string, column: ColumnInfo, env: BindEnv, inner: Choices[]): BoundValue {
  const problems: string[] = [];
  const rule = validateColumnRule(column.name, spec, path, (p, m, h) => problems.push(`${p}: ${m}${h ? ` (${h})` : ''}`));
  if (!rule) throw new VeilError('RULES_INVALID', `invalid nested rule at ${path}`, { path, hint: problems.join('; ') });
  const b = bindRule(rule, column, env, inner);
  const applyBytes = b.applyBytes;
  return {
    fn: (value, ctx) => b.apply(value, ctx.row),
    bytes: applyBytes && ((src, start, end, _ctx, out) => applyBytes(src, start, end, out)),
    reads: b.reads,
    readsMasked: b.readsMasked,
  };
}
