import { describe, expect, it } from 'vitest';
import { uniqueByConstruction } from '../../../src/transformers/accepts.js';
import { TRANSFORMERS } from '../../../src/transformers/registry.js';
import { bind } from './helpers.js';

/**
 * A column masked before its key is known (pg_dump writes keys after the data) is bound without unique
 * mode. The Planner then trusts `uniqueByConstruction`: a transformer that can be unique gives the
 * same fakes in both modes, unless it declares `uniqueModeOnly` (phone permutes digits only in unique
 * mode). This checks those declarations against what the transformers really do.
 */
function variants(before: string): string[] {
  const out = [before];
  for (let k = 1; k <= 6; k++) {
    out.push(before.replace(/\d/g, (d) => String((Number(d) + k) % 10)).replace(/[a-y]/g, (c) => String.fromCharCode(c.charCodeAt(0) + (k % 2))));
  }
  return out;
}

/** Params under which a transformer whose catalog example cannot be unique can be. */
const UNIQUE_PARAMS: Record<string, Record<string, unknown>[]> = {
  hash: [{}, { length: 22 }],
  domain: [{ tagged: true }],
  template: [{ template: 'user-{{tag}}' }],
  ipv6: [{ keepPrefix: 32 }],
};

describe('unique by construction means: the same fakes with and without unique mode', () => {
  const cases = TRANSFORMERS.flatMap((def) => [def.example.params ?? {}, ...(UNIQUE_PARAMS[def.name] ?? [])].map((written) => ({ def, written })));
  for (const { def, written } of cases) {
    const params = def.params.parse(written) as Record<string, unknown>;
    const can = typeof def.canBeUnique === 'function' ? def.canBeUnique(params as never) : def.canBeUnique === true;
    if (!can) continue;
    const spec = { transformer: def.name, ...written };
    it(`${def.name} ${JSON.stringify(written)}: ${def.uniqueModeOnly ? 'other fakes in unique mode (uniqueModeOnly)' : 'the same fakes in both modes'}`, () => {
      const normal = bind(spec, { unique: false });
      const unique = bind(spec, { unique: true });
      const values = variants(def.example.before);
      const same = values.every((v) => normal(v) === unique(v));
      expect(same).toBe(def.uniqueModeOnly !== true);
      expect(uniqueByConstruction(def, undefined, params)).toBe(def.uniqueModeOnly !== true);
    });
  }
});
