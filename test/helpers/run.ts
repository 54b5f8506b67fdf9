import { Masker, type MaskOptions } from '../../src/mask.js';
import type { MaskSummary } from '../../src/mask.js';
import { validateRules } from '../../src/rules/load.js';

export const NO_RULES = validateRules({ tables: {} });

/** Run the core over `input` cut at the given offsets (sorted, within bounds). */
export function runChunks(input: Buffer, options: MaskOptions, cuts: number[]): { output: Buffer; summary: MaskSummary } {
  const out: Buffer[] = [];
  const m = new Masker(options, (b) => out.push(Buffer.from(b)));
  let prev = 0;
  for (const c of [...cuts, input.length]) {
    if (c > prev) m.feed(input.subarray(prev, c));
    prev = Math.max(prev, c);
  }
  const summary = m.end();
  return { output: Buffer.concat(out), summary };
}

/** Run with fixed-size chunks. */
export function runSized(input: Buffer, options: MaskOptions, size: number): { output: Buffer; summary: MaskSummary } {
  const cuts: number[] = [];
  for (let i = size; i < input.length; i += size) cuts.push(i);
  return runChunks(input, options, cuts);
}

/** Capture the VeilError thrown by `fn`. */
export function veilErrorOf(fn: () => unknown): { code: string; details: Record<string, any>; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; details: Record<string, any>; message: string };
  }
  throw new Error('expected a VeilError, nothing was thrown');
}
