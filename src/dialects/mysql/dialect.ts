import type { Dialect } from '../dialect.js';
import { MysqlScanner } from './scanner.js';

export const mysql: Dialect = {
  name: 'mysql',
  prepare: async () => undefined,
  createScanner: (env) => new MysqlScanner(env),
};
