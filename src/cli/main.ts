import yargs from 'yargs';
import { runMask } from './mask-command.js';
import { runTransformers } from './transformers-command.js';
import { EXIT } from './report.js';

const EXAMPLES: [string, string][] = [
  ['pg_dump prod | $0 rules.json > safe.sql', 'mask a PostgreSQL dump in a pipe'],
  ['mariadb-dump shop | $0 rules.json | gzip > safe.sql.gz', 'mask a MariaDB dump'],
  ['$0 rules.json -i dump.sql -o safe.sql --secret-file /etc/veil/secret', 'file to file; OUT appears only on success'],
  ['VEIL_SECRET=... $0 rules.json < dump.sql > safe.sql', 'the secret from the environment'],
];

class UsageError extends Error {}

/** Run the CLI; resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
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
          .option('input', { alias: 'i', type: 'string', describe: 'read the dump from this file (default: stdin)' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the masked dump here (atomically; default: stdout)' })
          .option('seed', { type: 'string', describe: 'a secret given on the command line (tests, reproducible demos)' })
          .option('secret-file', { type: 'string', describe: 'read the secret from this file (else VEIL_SECRET)' })
          .option('dialect', { choices: ['postgres', 'mysql'] as const, describe: 'skip detection and read the dump as this dialect' })
          .option('max-field-size', { type: 'number', default: 256, describe: 'largest row held in memory, in MiB' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only errors on stderr' })
          .option('report', { type: 'string', describe: 'write a JSON run report (bytes, MB/s, peak RSS, rows and values masked per table)' })
          .option('stats', { type: 'boolean', default: false, describe: 'print a one-screen summary on stderr at the end' }),
      async (argv) => {
        code = await runMask({
          rules: argv.rules as string,
          input: argv.input,
          output: argv.output,
          seed: argv.seed,
          secretFile: argv['secret-file'],
          dialect: argv.dialect,
          maxFieldMiB: argv['max-field-size'],
          quiet: argv.quiet,
          report: argv.report,
          stats: argv.stats,
          showHelp: () => parser.showHelp('error'),
        });
      },
    )
    .command(
      'transformers',
      'list the transformers and their parameters',
      (y) => y.option('json', { type: 'boolean', default: false, describe: 'machine-readable output' }),
      (argv) => {
        code = runTransformers(argv.json);
      },
    )
    .example(EXAMPLES)
    .epilogue('Exit codes: 0 masked, 1 dump or rules error (the output is incomplete), 2 usage error.')
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
