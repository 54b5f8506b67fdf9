import type { Dialect } from '../dialect.js';
import { loadPgGrammar } from './ddl.js';
import { PgScanner } from './scanner.js';

export const postgres: Dialect = {
  name: 'postgres',
  prepare: loadPgGrammar,
  createScanner: (env) => new PgScanner(env),
};
