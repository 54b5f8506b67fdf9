import yargs from 'yargs';
import { runCheck } from './check-command.js';
import { runMask } from './mask-command.js';
import { runScan } from './scan-command.js';
import { runTransformers } from './transformers-command.js';
import { EXIT } from './report.js';
import { baselineWasm } from './memory.js';
import { CHARSET_NAMES } from '../dialects/mysql/charset.js';

const EXAMPLES: [string, string][] = [
  ['pg_dump prod | $0 rules.json > safe.sql', 'mask a PostgreSQL dump in a pipe'],
  ['mariadb-dump shop | $0 rules.json | gzip > safe.sql.gz', 'mask a MariaDB dump'],
  ['$0 rules.json -i dump.sql -o safe.sql --secret-file /etc/veil/secret', 'file to file; OUT appears only on success'],
  ['VEIL_SECRET=... $0 rules.json < dump.sql > safe.sql', 'the secret from the environment'],
  ['$0 rules.json -i dump.sql.gz -o safe.sql.gz', 'gzip in (detected) and out (by the .gz extension)'],
  ['$0 check rules.json -i dump.sql --strict', 'CI: do the rules cover the dump? exit 0 or 1'],
  ['$0 scan -i dump.sql -o rules.json', 'draft rules from a dump'],
];

class UsageError extends Error {}

// Options that mask, check and scan share.
const DIALECT_OPTION = { choices: ['postgres', 'mysql'] as const, describe: 'skip detection and read the dump as this dialect' };
const SCHEMA_OPTION = {
  type: 'string',
  describe: 'a schema-only dump of the same database (pg_dump -s, mysqldump --no-data): columns for data-only / --no-create-info dumps, and the keys pg_dump writes after the data',
} as const;
const DATABASE_OPTION = {
  type: 'string',
  describe: 'MySQL/MariaDB: the database of unqualified table names until the dump\'s first USE (a --compact or one-database dump without USE), so rules keyed db.table match',
} as const;
const CHARSET_OPTION = {
  type: 'string',
  describe: `MySQL/MariaDB: the dump's character set until a SET NAMES in it (default utf8mb4): ${CHARSET_NAMES.join(', ')}`,
} as const;

/** Run the CLI; resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  baselineWasm();
  let code: number = EXIT.ok;
  const parser = yargs(args)
    .scriptName('veil-stream')
    .usage('$0 RULES.json [-i DUMP] [-o OUT]\n\nMask a PostgreSQL or MySQL/MariaDB SQL dump with keyed, deterministic fakes, streaming.')
    .command(
      '$0 <rules>',
      'mask a dump (stdin → stdout by default)',
      (y) =>
        y
          .positional('rules', { type: 'string', describe: 'the rules file (JSON)', demandOption: true })
          .option('input', { alias: 'i', type: 'string', describe: 'read the dump from this file (default, or -: stdin)' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the masked dump here (atomically; default, or -: stdout)' })
          .option('seed', { type: 'string', describe: 'a secret given on the command line (tests, reproducible demos)' })
          .option('secret-file', { type: 'string', describe: 'read the secret from this file (else VEIL_SECRET)' })
          .option('dialect', DIALECT_OPTION)
          .option('schema', SCHEMA_OPTION)
          .option('database', DATABASE_OPTION)
          .option('charset', CHARSET_OPTION)
          .option('max-field-size', { type: 'number', default: 256, describe: 'largest row held in memory, in MiB' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only errors on stderr' })
          .option('report', { type: 'string', describe: 'write a JSON run report (bytes, MB/s, peak RSS, rows and values masked per table, rules hit and unused, coverage, warnings)' })
          .option('stats', { type: 'boolean', default: false, describe: 'print a one-screen summary on stderr at the end (default when stderr is a terminal)' })
          .option('strict', { type: 'boolean', describe: 'columns without a rule are errors unless marked "keep" (also "strict": true in the rules)' })
          .option('allow-unused-rules', { type: 'boolean', default: false, describe: 'rules that match nothing in the dump are warnings, not errors (a rules file shared by several databases)' })
          .option('progress', { type: 'boolean', describe: 'a live progress line on stderr (default: only when stderr is a terminal); --no-progress to turn it off' })
          .option('sample-rows', { type: 'number', default: 100, describe: 'rows per table whose uncovered columns are checked for personal data by their values (0: names only)' })
          .option('threads', { type: 'number', describe: 'worker threads that mask rows beside the thread reading the dump (default 0: none). The output is the same for any number; each adds ~90 MB of memory. Pays off only with idle cores and costly rules (see the README)' }),
      async (argv) => {
        code = await runMask({
          rules: argv.rules as string,
          input: stdio(argv.input, '--input'),
          output: stdio(argv.output, '--output'),
          seed: argv.seed,
          secretFile: argv['secret-file'],
          dialect: argv.dialect,
          schema: argv.schema,
          database: argv.database,
          charset: argv.charset,
          maxFieldMiB: argv['max-field-size'],
          quiet: argv.quiet,
          report: argv.report,
          stats: argv.stats,
          strict: argv.strict,
          allowUnusedRules: argv['allow-unused-rules'],
          progress: argv.progress,
          sampleRows: argv['sample-rows'],
          threads: argv.threads,
          showHelp: () => parser.showHelp('error'),
        });
      },
    )
    .command(
      'check <rules>',
      'read a dump without writing it and check the rules against its schema: a coverage report per table; exit 0 or 1 (for CI)',
      (y) =>
        y
          .positional('rules', { type: 'string', describe: 'the rules file (JSON)', demandOption: true })
          .option('input', { alias: 'i', type: 'string', describe: 'read the dump from this file (default, or -: stdin; gzip detected)' })
          .option('strict', { type: 'boolean', describe: 'columns without a rule are errors unless marked "keep"' })
          .option('json', { type: 'boolean', default: false, describe: 'the report as JSON on stdout' })
          .option('allow-unused-rules', { type: 'boolean', default: false, describe: 'rules that match nothing are warnings, not errors' })
          .option('dialect', DIALECT_OPTION)
          .option('schema', SCHEMA_OPTION)
          .option('database', DATABASE_OPTION)
          .option('charset', CHARSET_OPTION)
          .option('sample-rows', { type: 'number', default: 200, describe: 'rows per table whose uncovered columns are checked for personal data by their values' })
          .option('progress', { type: 'boolean', describe: 'a live progress line on stderr (default: only on a terminal)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no warnings on stderr' }),
      async (argv) => {
        code = await runCheck({
          rules: argv.rules as string,
          input: stdio(argv.input, '--input'),
          dialect: argv.dialect,
          schema: argv.schema,
          database: argv.database,
          charset: argv.charset,
          strict: argv.strict,
          json: argv.json,
          allowUnusedRules: argv['allow-unused-rules'],
          sampleRows: argv['sample-rows'],
          progress: argv.progress,
          quiet: argv.quiet,
          showHelp: () => parser.showHelp('error'),
        });
      },
    )
    .command(
      'scan',
      'draft a rules file from a dump: a rule for every column whose name or sampled values look personal, "keep" for the rest',
      (y) =>
        y
          .option('input', { alias: 'i', type: 'string', describe: 'read the dump from this file (default, or -: stdin; gzip detected)' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the rules here (default, or -: stdout)' })
          .option('sample-rows', { type: 'number', default: 1000, describe: 'rows read per table for value patterns' })
          .option('report', { type: 'string', describe: 'write the suggestions with their reasons as JSON' })
          .option('dialect', DIALECT_OPTION)
          .option('schema', SCHEMA_OPTION)
          .option('database', DATABASE_OPTION)
          .option('charset', CHARSET_OPTION)
          .option('progress', { type: 'boolean', describe: 'a live progress line on stderr (default: only on a terminal)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing on stderr but errors' }),
      async (argv) => {
        code = await runScan({
          input: stdio(argv.input, '--input'),
          output: stdio(argv.output, '--output'),
          dialect: argv.dialect,
          schema: argv.schema,
          database: argv.database,
          charset: argv.charset,
          sampleRows: argv['sample-rows'],
          report: argv.report,
          progress: argv.progress,
          quiet: argv.quiet,
          showHelp: () => parser.showHelp('error'),
        });
      },
    )
    .command(
      'transformers',
      'list the transformers and their parameters',
      (y) => y.option('json', { type: 'boolean', default: false, describe: 'machine-readable output' }),
      async (argv) => {
        code = await runTransformers(argv.json);
      },
    )
    .example(EXAMPLES)
    .epilogue('Exit codes: 0 ok, 1 dump or rules error (the output is incomplete; -o OUT is not written), 2 usage error, 130 SIGINT, 141 the reader of stdout went away, 143 SIGTERM.')
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stderr.columns ?? 100))
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    })
    .exitProcess(false);
  try {
    await parser.parseAsync();
  } catch (e) {
    process.stderr.write(`error CLI_USAGE\n  ${(e as Error).message}\n  hint: veil-stream --help\n`);
    return EXIT.usage;
  }
  return code;
}

/** `-` for -i / -o means stdin / stdout, as in most Unix tools. */
function stdio(path: string | undefined, option: string): string | undefined {
  if (path === '') throw new UsageError(`${option} is an empty path (for stdin or stdout, leave it out or pass -)`);
  return path === '-' ? undefined : path;
}
