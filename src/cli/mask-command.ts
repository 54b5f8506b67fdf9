import type { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BufferPool } from '../core/buffer-pool.js';
import { SINK_BUFFER_BYTES } from '../core/sink.js';
import { VeilError } from '../errors.js';
import type { DialectName } from '../model.js';
import { loadRulesFile } from '../rules/load.js';
import { createMaskStream } from '../stream.js';
import { outputPoolKeep } from '../mask.js';
import { ByteCounter, noDumpOnTerminal, openDump, outputCompression, readSchemaFile } from './input.js';
import { AtomicFile, refuseOverwrite } from './output.js';
import { Progress } from './progress.js';
import { EXIT, renderDiagnostic } from './report.js';
import { resolveSecret } from './secret.js';
import { buildReport, renderSummary, reportText } from './run-report.js';
import { failure, onStopSignals, reportFailure } from './run.js';
import { stdoutIsTerminal, stdoutSink } from './stdout-writer.js';

export interface MaskCommand {
  rules: string;
  input?: string;
  output?: string;
  seed?: string;
  secretFile?: string;
  dialect?: DialectName;
  /** A schema-only dump read before the dump. */
  schema?: string;
  /** MySQL: the database of unqualified table names until the first USE. */
  database?: string;
  /** MySQL: the dump's character set until a SET NAMES. */
  charset?: string;
  maxFieldMiB: number;
  quiet: boolean;
  report?: string;
  stats?: boolean;
  strict?: boolean;
  allowUnusedRules?: boolean;
  progress?: boolean;
  sampleRows: number;
  /** Worker threads (default 0: see --threads in the README). */
  threads?: number;
  showHelp(): void;
}

export async function runMask(cmd: MaskCommand): Promise<number> {
  const noDump = noDumpOnTerminal(cmd.input, cmd, 'pipe a dump in (pg_dump db | veil-stream rules.json) or pass -i FILE');
  if (noDump !== undefined) return noDump;
  let out: AtomicFile | undefined;
  let reportFile: AtomicFile | undefined;
  let progress: Progress | undefined;
  let started = false;
  const signals = onStopSignals(() => {
    progress?.stop();
    out?.abandon();
    reportFile?.abandon();
  }, cmd.output);
  try {
    refuseOverwrite(
      [
        ['-o', cmd.output],
        ['--report', cmd.report],
      ],
      [
        ['the rules file', cmd.rules],
        ['--schema', cmd.schema],
        ['--secret-file', cmd.secretFile],
      ],
    );
    refuseOverwrite([['--report', cmd.report]], [['-i', cmd.input]]);
    const rules = loadRulesFile(cmd.rules);
    const secret = resolveSecret(cmd, process.env);
    if (!Number.isFinite(cmd.maxFieldMiB) || cmd.maxFieldMiB <= 0) {
      throw new VeilError('CLI_USAGE', '--max-field-size must be a positive number of MiB', {});
    }
    if (cmd.threads !== undefined && !(Number.isInteger(cmd.threads) && cmd.threads >= 0 && cmd.threads <= 64)) {
      throw new VeilError('CLI_USAGE', '--threads must be a whole number from 0 to 64', {});
    }
    const compress = outputCompression(cmd.output);
    // -o first: a path that cannot be written fails before the dump is touched
    out = cmd.output !== undefined ? new AtomicFile(cmd.output) : undefined;
    reportFile = cmd.report !== undefined ? new AtomicFile(cmd.report, '--report', 0o666) : undefined;
    const input = await openDump(cmd.input);
    // output buffers go round: the writer gives each back once written (src/core/buffer-pool.ts)
    const threads = cmd.threads ?? 0;
    const pool = new BufferPool(SINK_BUFFER_BYTES, outputPoolKeep(threads, SINK_BUFFER_BYTES));
    const masker = createMaskStream({
      rules,
      secret,
      dialect: cmd.dialect,
      schema: readSchemaFile(cmd.schema),
      database: cmd.database,
      charset: cmd.charset,
      fieldCap: Math.floor(cmd.maxFieldMiB * 1024 * 1024),
      unusedRules: cmd.allowUnusedRules ? 'warn' : 'error',
      strict: cmd.strict === true || rules.strict,
      sampleRows: cmd.sampleRows,
      threads,
      outputPool: pool,
    });
    const written = new ByteCounter();
    const tail: (Transform | Writable)[] = compress ? [compress(), written] : [written];
    const sinkStream: Writable = out?.recycleInto(pool) ?? stdoutSink(pool);
    // (not over SQL printed on the same terminal, unless asked for)
    const sqlOnTerminal = cmd.output === undefined && stdoutIsTerminal() && cmd.progress === undefined;
    if (Progress.wanted(cmd.progress, cmd.quiet) && !sqlOnTerminal) {
      progress = new Progress(process.stderr, { bytes: () => input.counter.bytes, table: () => masker.core.currentTable() }, input.size).start();
    }
    const t0 = process.hrtime.bigint();
    started = true;
    await pipeline([input.source, ...input.stages, masker, ...tail, sinkStream]);
    progress?.stop();
    out?.commit();
    const summary = masker.summary!;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const report = buildReport(summary, {
      seconds,
      inputBytes: input.counter.bytes,
      outputBytes: out ? written.bytes : null,
      inputCompression: input.compression,
      outputCompression: compress ? cmd.output!.replace(/^.*\.(gz|zst)$/i, '$1').toLowerCase().replace('gz', 'gzip').replace('zst', 'zstd') : undefined,
    });
    if (!cmd.quiet) {
      for (const d of summary.diagnostics) process.stderr.write(`${renderDiagnostic(d)}\n`);
      if (cmd.stats || process.stderr.isTTY) process.stderr.write(`${renderSummary(report)}\n`);
    }
    if (reportFile !== undefined) {
      try {
        reportFile.writeAndCommit(reportText(report));
      } catch (e) {
        return reportFailure(e, cmd.report!, cmd.output, 'masked dump');
      }
    }
    return EXIT.ok;
  } catch (e) {
    progress?.stop();
    out?.abandon();
    reportFile?.abandon();
    return failure(e, cmd.output, started);
  } finally {
    signals.off();
  }
}
