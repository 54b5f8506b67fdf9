import { z, type TransformerDef } from './define.js';

/**
 * Nested rules (json paths, array elements) are validated when the rules file is loaded, by the same
 * code that validates column rules. rules/load.ts imports the registry, so the validator is handed in
 * by registry.ts (provideRuleValidator) instead of imported here, which keeps the import graph free of
 * evaluation-order cycles.
 */
export type Bad = (path: string, message: string, hint?: string) => void;
/** Validates a rule; returns it (with its transformer) when it is valid. */
export type RuleValidator = (column: string, spec: unknown, path: string, bad: Bad) => { transformer: TransformerDef; params: Record<string, unknown> } | undefined;

let validator: RuleValidator | undefined;

export function provideRuleValidator(v: RuleValidator): void {
  validator = v;
}

/** Marker in the generated JSON Schema where a nested rule (like a column rule) goes. */
export const NESTED_RULE_META = 'x-veil-rule';

const ROOT = '\u0000';

/** A param holding a nested rule: "email" or { "transformer": "mask", "keepLast": 2 }. */
export function nestedRule(description: string) {
  return z
    .unknown()
    .superRefine((spec, ctx) => {
      if (spec === undefined) {
        ctx.addIssue({ code: 'custom', message: 'missing nested rule' });
        return;
      }
      if (!validator) return; // the registry was not loaded: nothing to validate against
      validator('', spec, ROOT, (path, message, hint) => {
        ctx.addIssue({ code: 'custom', message: hint ? `${message} (${hint})` : message, path: segments(path) });
      });
    })
    .meta({ [NESTED_RULE_META]: true, description });
}

/**
 * Whether a nested rule rewrites '' (an empty JSON string, an empty array element). As in a column
 * (TablePlan), '' holds no personal data and stays '' unless the transformer opts in (replacesEmpty,
 * e.g. fixed); composite transformers skip it before calling the nested rule.
 */
export function replacesEmpty(spec: unknown): boolean {
  return validator?.('', spec, ROOT, () => {})?.transformer.replacesEmpty === true;
}

/** A valid nested rule's transformer and parsed params (undefined when the rule is invalid). */
export function nestedRuleOf(spec: unknown): { transformer: TransformerDef; params: Record<string, unknown> } | undefined {
  return validator?.('', spec, ROOT, () => {});
}

/** '\u0000.keepLast' / '\u0000["a b"]' / '\u0000.paths["$.x"][0]' → ['keepLast'] / ['a b'] / ['paths', '$.x', 0] */
function segments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let i = path.startsWith(ROOT) ? ROOT.length : 0;
  while (i < path.length) {
    if (path[i] === '.') {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path.slice(i + 1));
      if (!m) break;
      out.push(m[0]);
      i += 1 + m[0].length;
    } else if (path[i] === '[') {
      if (path[i + 1] === '"') {
        // a JSON string up to the closing quote
        let j = i + 2;
        while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
        out.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        i = j + 2;
      } else {
        const end = path.indexOf(']', i);
        out.push(Number(path.slice(i + 1, end)));
        i = end + 1;
      }
    } else break;
  }
  return out;
}
