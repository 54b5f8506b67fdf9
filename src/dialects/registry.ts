import type { DialectName } from '../model.js';
import type { Dialect } from './dialect.js';
import { postgres } from './postgres/dialect.js';

/** Every dialect, listed explicitly. */
const DIALECTS: Partial<Record<DialectName, Dialect>> = { postgres };

export function dialectFor(name: DialectName): Dialect | undefined {
  return DIALECTS[name];
}
