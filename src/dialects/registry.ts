import type { DialectName } from '../model.js';
import type { Dialect } from './dialect.js';
import { mysql } from './mysql/dialect.js';
import { postgres } from './postgres/dialect.js';

/** Every dialect, listed explicitly. */
const DIALECTS: Record<DialectName, Dialect> = { postgres, mysql };

export function dialectFor(name: DialectName): Dialect | undefined {
  return DIALECTS[name];
}
