import { SETTINGS } from '../rules/settings.js';
import { knownLocales } from '../seed/faker.js';
import { z } from './define.js';
import type { TransformerCategory, TransformerDef } from './define.js';
import { NESTED_RULE_META } from './nested.js';
import { TRANSFORMERS } from './registry.js';

/**
 * The registry as documentation: a text table and JSON for `veil-stream transformers [--json]`, the
 * JSON Schema of the rules file (schema.json) and the README's transformer table. Everything here is
 * derived from the registry, and a test fails when the committed schema.json or README drift from it.
 */

type JsonSchema = Record<string, unknown>;

export interface ParamInfo {
  name: string;
  /** e.g. "string", "integer", "boolean", "fail | null | keep", "rule", "object" */
  type: string;
  default?: unknown;
  required: boolean;
  description: string;
}

export interface CatalogEntry {
  name: string;
  category: TransformerCategory;
  summary: string;
  example: { before: string; after: string; params?: Record<string, unknown> };
  accepts: string[];
  /** Whether `unique` can be honoured: always, never, or depending on params. */
  unique: 'yes' | 'no' | 'depends on params';
  params: ParamInfo[];
}

const COMMON = new Set(['unique', 'consistency']);

/** The JSON Schema of a transformer's params (input side: defaults are optional). */
function paramsSchema(def: TransformerDef): JsonSchema {
  const s = z.toJSONSchema(def.params, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete s.$schema;
  const props = s.properties as Record<string, JsonSchema> | undefined;
  // Locales are a closed list for the pinned Faker: give editors completion.
  if (props?.locale) props.locale = { ...props.locale, enum: knownLocales().filter((l) => l !== 'base') };
  // Nested rules are z.unknown() (which JSON Schema treats as optional) but required, unless defaulted.
  const nested = Object.entries(props ?? {}).filter(([, v]) => v[NESTED_RULE_META] === true && v.default === undefined).map(([k]) => k);
  if (nested.length > 0) s.required = [...new Set([...((s.required as string[] | undefined) ?? []), ...nested])];
  return replaceNested(s) as JsonSchema;
}

/** Nested rules (json paths, array elements) point back at the rule definition. */
function replaceNested(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(replaceNested);
  if (node === null || typeof node !== 'object') return node;
  const o = node as JsonSchema;
  if (o[NESTED_RULE_META] === true) {
    return { $ref: '#/$defs/rule', ...(o.description ? { description: o.description } : {}), ...(o.default !== undefined ? { default: o.default } : {}) };
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, replaceNested(v)]));
}

function typeLabel(p: JsonSchema): string {
  if (p.$ref === '#/$defs/rule') return 'rule';
  if (Array.isArray(p.enum)) return p.enum.length > 8 ? `${typeof p.enum[0]} (${p.enum.length} choices)` : p.enum.map(String).join(' | ');
  if (Array.isArray(p.anyOf)) return (p.anyOf as JsonSchema[]).map(typeLabel).join(' | ');
  if (p.type === 'array') return `${typeLabel((p.items as JsonSchema | undefined) ?? {})}[]`;
  if (p.type === 'object' && p.additionalProperties && typeof p.additionalProperties === 'object') {
    return `{ [key]: ${typeLabel(p.additionalProperties as JsonSchema)} }`;
  }
  if (typeof p.type === 'string') return p.type;
  return 'any';
}

export function catalog(): CatalogEntry[] {
  return TRANSFORMERS.map((def) => {
    const schema = paramsSchema(def);
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const params: ParamInfo[] = Object.entries(props)
      .filter(([name]) => !COMMON.has(name))
      .map(([name, p]) => ({
        name,
        type: typeLabel(p),
        ...(p.default !== undefined ? { default: p.default } : {}),
        required: required.has(name),
        description: typeof p.description === 'string' ? p.description : '',
      }));
    const unique = typeof def.canBeUnique === 'function' ? 'depends on params' : def.canBeUnique ? 'yes' : 'no';
    return {
      name: def.name,
      category: def.category ?? 'generic',
      summary: def.summary,
      example: def.example,
      accepts: [...def.accepts],
      unique,
      params,
    };
  });
}

/** `veil-stream transformers --json` */
export function renderJson(): string {
  return `${JSON.stringify(catalog(), null, 2)}\n`;
}

/** `veil-stream transformers`: one block per category, name + summary, then params indented. */
export function renderTable(): string {
  const entries = catalog();
  const width = Math.max(...entries.map((e) => e.name.length)) + 2;
  const lines: string[] = [];
  let category = '';
  for (const e of entries) {
    if (e.category !== category) {
      if (lines.length) lines.push('');
      lines.push(e.category.toUpperCase());
      category = e.category;
    }
    lines.push(`  ${e.name.padEnd(width)}${e.summary}`);
    const tags = [`accepts ${e.accepts.join(', ')}`, `unique: ${e.unique}`];
    lines.push(`  ${''.padEnd(width)}(${tags.join('; ')})`);
    for (const p of e.params) {
      const dflt = p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : p.required ? ' (required)' : '';
      lines.push(`  ${''.padEnd(width)}  ${p.name}: ${p.type}${dflt}  ${p.description}`);
    }
  }
  lines.push('', 'Every rule also takes "unique" (distinct originals get distinct fakes) and "consistency" (a shared mapping name).');
  return `${lines.join('\n')}\n`;
}

/** The JSON Schema of the rules file (schema.json). */
export function buildSchema(): JsonSchema {
  const names = TRANSFORMERS.map((t) => t.name);
  const defs: Record<string, JsonSchema> = {};
  const branches: JsonSchema[] = [{ $ref: '#/$defs/transformerName' }];
  for (const def of TRANSFORMERS) {
    const s = paramsSchema(def);
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = ['transformer', ...(((s.required as string[] | undefined) ?? []).filter((r) => r !== 'transformer'))];
    defs[`transformer:${def.name}`] = {
      type: 'object',
      description: def.summary,
      properties: { transformer: { const: def.name }, ...props },
      required,
      additionalProperties: false,
    };
    branches.push({ $ref: `#/$defs/transformer:${def.name}` });
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/veil-stream/veil-stream/schema.json',
    title: 'veil-stream rules',
    description: 'Rules for masking a SQL dump: per table, a transformer per column (generated from the transformer registry).',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      strict: { type: 'boolean', description: 'Fail when a table in the dump has columns no rule mentions.' },
      ...Object.fromEntries(Object.entries(SETTINGS).map(([name, setting]) => [name, { enum: [...setting.values], description: setting.description }])),
      tables: {
        type: 'object',
        description: 'Keyed by "schema.table" (PostgreSQL), "db.table" (MySQL) or a bare "table" (any schema).',
        additionalProperties: { $ref: '#/$defs/table' },
      },
    },
    required: ['tables'],
    additionalProperties: false,
    $defs: {
      table: {
        type: 'object',
        properties: {
          columns: {
            type: 'object',
            description: 'Column name → rule.',
            additionalProperties: { $ref: '#/$defs/rule' },
          },
          truncate: { type: 'boolean', description: "true: keep the table's schema and drop its rows (job queues, schedules, sessions, tokens, caches). false: copy its rows, and mark an operational table as reviewed." },
        },
        additionalProperties: false,
      },
      rule: { description: 'A transformer name, or an object with "transformer" and its params.', anyOf: branches },
      transformerName: { type: 'string', enum: names },
      ...defs,
    },
  };
}

export const README_START = '<!-- transformers:start -->';
export const README_END = '<!-- transformers:end -->';

function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The README's transformer table (Markdown), without the markers. */
export function renderReadmeTable(): string {
  const rows = catalog().map((e) => {
    const params = e.params.map((p) => `\`${p.name}\`${p.default !== undefined ? `=${md(JSON.stringify(p.default))}` : p.required ? ' (required)' : ''}`).join(', ');
    return `| \`${e.name}\` | ${e.category} | ${md(e.summary)} | ${params || '–'} | ${e.accepts.join(', ')} | ${e.unique} |`;
  });
  return [
    '| Transformer | Group | What it does (before → after) | Params | Column kinds | `unique` |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Every rule also takes `unique` (distinct originals get distinct fakes) and `consistency` (a shared mapping name). Run `veil-stream transformers` for parameter descriptions.',
  ].join('\n');
}

/** `readme` with the section between the markers replaced; throws if the markers are missing. */
export function replaceReadmeSection(readme: string): string {
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) throw new Error(`README.md needs the markers ${README_START} and ${README_END}`);
  return `${readme.slice(0, a + README_START.length)}\n${renderReadmeTable()}\n${readme.slice(b)}`;
}
