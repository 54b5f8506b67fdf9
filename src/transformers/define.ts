import { z } from 'zod';
import type { Faker } from '@faker-js/faker';
import type { ColumnInfo, DialectName, TableRef, ValueKind } from '../model.js';
import type { Rng } from '../seed/rng.js';
import { isKnownLocale, knownLocales } from '../seed/faker.js';
import { didYouMean } from '../rules/suggest.js';

/**
 * defineTransformer: the one way to declare a transformer. Params are a zod object schema (zod is
 * wrapped here and nowhere else in transformer files beyond building the schema); `create` runs once
 * per table column and returns a pure ValueFn. ValueFns never see quoting or escaping.
 */
export { z };

/** Read access to the current row, for transformers that compose from other columns. */
export interface RowView {
  /** The decoded original value of a column of this row (null for SQL NULL, undefined if unknown). */
  original(column: string): string | null | undefined;
  /** The value this column will have in the output (masked if a rule applies, else original). */
  masked(column: string): string | null | undefined;
}

/** What a ValueFn gets besides the value: keyed randomness derived from the value, and the row. */
export interface ValueCtx {
  /** The shared Rng, seeded from (secret, consistency domain, value). Call once per value. */
  rng(): Rng;
  /** 128 keyed bits of the value (same seed rng() starts from). Copy if you keep them. */
  bits(): Uint32Array;
  /** A Faker driven by the seeded Rng; call rng() or faker() once per value, not both. */
  faker(): Faker;
  /**
   * 128 keyed bits of any text in this rule's consistency domain (same key as bits()). Used for
   * per-domain keys (keyed permutations) and for deriving randomness from another column's value.
   * Returns the same buffer as bits(): copy if you keep them.
   */
  bitsOf(text: string): Uint32Array;
  readonly row: RowView;
}

/** A bound transformer: original (decoded, never NULL) → replacement (null = SQL NULL). */
export type ValueFn = (value: string, ctx: ValueCtx) => string | null;

/**
 * The byte path of a transformer (optional, for the hot ones): the same fake its ValueFn makes, written
 * from the original's UTF-8 bytes src[start, end) into `out` without building strings. Returns the
 * number of bytes written, or -1 to let the ValueFn handle this value (an input or a fit it does not
 * cover). The output must be exactly the UTF-8 of what the ValueFn returns, and no longer in UTF-16
 * units than the column's maxLength (return -1 instead): tests hold every ByteFn to that. `ctx`'s
 * bits()/rng()/faker() work from the bytes; its value is not decoded.
 */
export type ByteFn = (src: Uint8Array, start: number, end: number, ctx: ValueCtx, out: Uint8Array) => number;

/** Largest fake the byte path writes (ByteFns return -1 beyond it and the string path takes over). */
export const BYTE_SCRATCH = 4096;

/** Where a transformer is bound: one column of one table. */
export interface Site {
  dialect: DialectName;
  table: TableRef;
  column: ColumnInfo;
  /** JSON path of the rule in the rules file, for error messages. */
  path: string;
  /** Values must be distinct for distinct originals (rule `unique`, or a key/unique column). */
  unique: boolean;
  /** Bind a nested transformer (used by json, array and similar composite transformers). */
  bind(spec: unknown, path: string, column?: Partial<ColumnInfo>): BoundValue;
}

/** A ValueFn together with what it needs from the row and NULL handling. */
export interface BoundValue {
  fn: ValueFn;
  /** The byte path (see ByteFn); only for pure fns that read nothing else of the row. */
  bytes?: ByteFn;
  /** Columns of the same row this value reads (templates). */
  reads?: string[];
  /** The subset of `reads` whose masked value is read (a cycle among these cannot be computed). */
  readsMasked?: string[];
  /**
   * Nested rules picked per row (switch cases): their JSON paths, and takeHits(), the paths that
   * matched a row since the last call. A case no row matches is reported like a rule that matches
   * nothing (a typo in a setting's name would leave its production value in the copy).
   * takeUnmatched(): rows that fell to a keep-otherwise since the last call, one per key (bounded), as
   * [key, value]: the policy flags those whose value looks like it needs a rule.
   */
  choices?: { paths: readonly string[]; takeHits(): string[]; takeUnmatched(): [string, string][] };
  /** Called instead of fn for a SQL NULL (which stays NULL), for rules that track rows (switch cases). */
  observeNull?(ctx: ValueCtx): void;
}

export interface TransformerDef<P extends z.ZodObject = z.ZodObject> {
  name: string;
  /** One line, with a before → after example. */
  summary: string;
  /** Example original and fake, for docs. */
  example: { before: string; after: string; params?: Record<string, unknown> };
  params: P;
  /** Value kinds this transformer fits; checked against the column type from the DDL. */
  accepts: readonly (ValueKind | 'any')[];
  /**
   * Also replace the empty string. By default '' stays '' (like NULL: it holds no personal data, and
   * apps often tell '' from a value); transformers whose point is the replacement itself opt in.
   */
  replacesEmpty?: boolean;
  /** Params that do not change which fake a value maps to (left out of the consistency domain). */
  neutralParams?: readonly string[];
  /** Catalog group (person, location, finance, internet, identity, generic, composite). */
  category?: TransformerCategory;
  /**
   * Whether distinct originals get distinct fakes when `unique` is on (a keyed bijection, or enough
   * keyed bits that collisions are below 1e-9 at 1e8 rows). Absent = false.
   */
  canBeUnique?: boolean | ((params: z.infer<P>) => boolean);
  /**
   * canBeUnique holds only when the rule is bound in unique mode (`site.unique`): outside it the fakes
   * are drawn and may collide (phone permutes its digits only on unique columns). Absent = false: a
   * transformer that can be unique is unique by construction whatever the mode.
   */
  uniqueModeOnly?: boolean;
  /**
   * A problem (one sentence) when these params cannot produce values that fit `column` (e.g. a uuid
   * into varchar(10)), beyond the kind check done with `accepts`; see accepts.ts checkAccepts().
   */
  check?(params: z.infer<P>, column: ColumnInfo): string | undefined;
  /**
   * Fakes cost clearly more than a Map lookup of the original (≳ 0.7 µs): bindRule keeps an adaptive
   * LRU of recent originals for this rule (see lru.ts; off for rules that read the row).
   */
  cache?: boolean;
  create(params: z.infer<P>, site: Site): ValueFn | BoundValue;
}

export type TransformerCategory = 'person' | 'location' | 'finance' | 'internet' | 'identity' | 'generic' | 'composite';

export function defineTransformer<P extends z.ZodObject>(def: TransformerDef<P>): TransformerDef<P> {
  return def;
}

/** Params every rule may carry, whatever its transformer. */
export const commonParams = {
  unique: z.boolean().optional().describe('Distinct originals always get distinct fakes.'),
  consistency: z
    .string()
    .min(1)
    .optional()
    .describe('Name of a shared mapping: columns with the same consistency name map equal originals to equal fakes.'),
};

/** Params shared by person/location transformers (a Faker locale; unknown names are rejected with a suggestion). */
export const localeParam = z
  .string()
  .superRefine((locale, ctx) => {
    if (isKnownLocale(locale)) return;
    const guess = didYouMean(locale, knownLocales());
    ctx.addIssue({
      code: 'custom',
      message: `unknown locale "${locale}"${guess ? ` (did you mean "${guess}"?)` : ''}; known: ${knownLocales().join(', ')}`,
    });
  })
  .default('en')
  .describe('Faker locale, e.g. en, de, fr, ja.');
