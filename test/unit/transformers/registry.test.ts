import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSFORMERS, findTransformer } from '../../../src/transformers/registry.js';
import { README_END, README_START, buildSchema, renderJson, renderReadmeTable, renderTable } from '../../../src/transformers/catalog.js';
import type { TransformerDef } from '../../../src/transformers/define.js';

const ROOT = join(import.meta.dirname, '../../..');
const DIR = join(ROOT, 'src/transformers');

function isDef(v: unknown): v is TransformerDef {
  return typeof v === 'object' && v !== null && typeof (v as TransformerDef).name === 'string' && typeof (v as TransformerDef).create === 'function';
}

describe('the registry', () => {
  it('lists every transformer defined in src/transformers exactly once', async () => {
    const defined: { file: string; def: TransformerDef }[] = [];
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(DIR, file), 'utf8');
      if (!/defineTransformer\(/.test(text) || file === 'define.ts') continue;
      const mod = (await import(join(DIR, file))) as Record<string, unknown>;
      const defs = Object.values(mod).filter(isDef);
      expect(defs.length, `${file} defines transformers but exports none`).toBeGreaterThan(0);
      for (const def of defs) defined.push({ file, def });
    }
    for (const { file, def } of defined) {
      expect(TRANSFORMERS.filter((t) => t === def).length, `${def.name} (${file}) in the registry`).toBe(1);
    }
    for (const t of TRANSFORMERS) expect(defined.some((d) => d.def === t), `${t.name} comes from a transformer file`).toBe(true);
    expect(new Set(TRANSFORMERS.map((t) => t.name)).size).toBe(TRANSFORMERS.length);
  });

  it('uses kebab-case names, camelCase params, summaries with an example and a category', () => {
    for (const t of TRANSFORMERS) {
      expect(t.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const p of Object.keys(t.params.shape)) expect(p, `${t.name}.${p}`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(t.summary, t.name).toContain('→');
      expect(t.category, t.name).toBeDefined();
      expect(t.accepts.length).toBeGreaterThan(0);
      expect(t.params.safeParse(t.example.params ?? {}).success, `${t.name} example params`).toBe(true);
    }
  });

  it('has every transformer the issue asks for', () => {
    const wanted = `first-name last-name full-name username email phone date-of-birth street-address city zip state country
      latitude longitude credit-card iban noise ipv4 ipv6 mac url domain user-agent uuid digits format-preserving null keep
      fixed hash mask int-range date-shift text choice regex-replace template json array`.split(/\s+/);
    for (const name of wanted) expect(findTransformer(name), name).toBeDefined();
  });
});

describe('generated documentation', () => {
  it('schema.json matches the registry (regenerate: npm run build && node scripts/gen-docs.mjs)', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildSchema())));
  });

  it('the README transformer table matches the registry (regenerate: node scripts/gen-docs.mjs)', () => {
    const path = join(ROOT, 'README.md');
    if (!existsSync(path)) return; // the README is not written yet
    const readme = readFileSync(path, 'utf8');
    const a = readme.indexOf(README_START);
    const b = readme.indexOf(README_END);
    expect(a, `README.md needs ${README_START} … ${README_END}`).toBeGreaterThanOrEqual(0);
    expect(readme.slice(a + README_START.length, b).trim()).toBe(renderReadmeTable().trim());
  });

  it('the schema offers every transformer by name and as an object with its params', () => {
    const s = buildSchema() as { $defs: Record<string, { enum?: string[]; properties?: Record<string, unknown>; additionalProperties?: unknown }> };
    expect(s.$defs.transformerName.enum).toEqual(TRANSFORMERS.map((t) => t.name));
    for (const t of TRANSFORMERS) {
      const d = s.$defs[`transformer:${t.name}`];
      expect(d.additionalProperties).toBe(false);
      expect(Object.keys(d.properties ?? {}).sort()).toEqual(['transformer', ...Object.keys(t.params.shape)].sort());
    }
    expect(JSON.stringify(s.$defs['transformer:json'])).toContain('"$ref":"#/$defs/rule"');
  });

  it('renders the catalog as text and JSON', () => {
    const text = renderTable();
    for (const t of TRANSFORMERS) expect(text).toContain(`  ${t.name} `);
    const json = JSON.parse(renderJson()) as { name: string; params: { name: string }[] }[];
    expect(json.map((e) => e.name)).toEqual(TRANSFORMERS.map((t) => t.name));
    expect(json.find((e) => e.name === 'email')!.params.map((p) => p.name)).toEqual(['domain', 'keepDomain', 'locale']);
  });
});
