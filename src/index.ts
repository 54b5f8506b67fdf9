import { Masker, type MaskOptions, type MaskSummary } from './mask.js';

export { Masker, DEFAULT_FIELD_CAP, type MaskOptions, type MaskSummary } from './mask.js';
export { createMaskStream, MaskStream } from './stream.js';
export { VeilError, isVeilError, type VeilErrorCode, type Position, type Issue } from './errors.js';
export type { Diagnostic } from './diagnostics.js';
export { loadRulesFile, parseRules, validateRules } from './rules/load.js';
export type { RuleSet } from './rules/ruleset.js';
export { TRANSFORMERS } from './transformers/registry.js';

/** Mask a whole dump held in memory (tests, small inputs). Chunks it like a stream would. */
export async function mask(input: Buffer | string, options: MaskOptions, chunkSize = 64 * 1024): Promise<{ output: Buffer; summary: MaskSummary }> {
  await Masker.prepare(options.rules);
  const out: Buffer[] = [];
  const m = new Masker(options, (b) => out.push(Buffer.from(b)));
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  for (let i = 0; i < buf.length; i += chunkSize) m.feed(buf.subarray(i, Math.min(buf.length, i + chunkSize)));
  const summary = m.end();
  return { output: Buffer.concat(out), summary };
}
