import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isVeilError, VeilError } from '../errors.js';
import type { DialectName } from '../model.js';
import { loadRulesFile } from '../rules/load.js';
import { createMaskStream } from '../stream.js';
import { AtomicFile, removeLiveTemps } from './output.js';
import { EXIT, renderDiagnostic, renderError } from './report.js';
import { resolveSecret } from './secret.js';
import { buildReport, renderSummary, writeReport } from './run-report.js';

export interface MaskCommand {
  rules: string;
  input?: string;
  output?: string;
  seed?: string;
  secretFile?: string;
  dialect?: DialectName;
  maxFieldMiB: number;
  quiet: boolean;
  report?: string;
  stats?: boolean;
  showHelp(): void;
}

export async function runMask(cmd: MaskCommand): Promise<number> {
  if (cmd.input === undefined && process.stdin.isTTY) {
    cmd.showHelp();
    process.stderr.write('\nerror CLI_USAGE\n  no dump on stdin\n  hint: pipe a dump in (pg_dump db | veil-stream rules.json) or pass -i FILE\n');
    return EXIT.usage;
  }
  let out: AtomicFile | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    out?.abandon();
    removeLiveTemps();
    process.stderr.write(`\nerror IO_INTERRUPTED\n  stopped by ${sig}; the output is incomplete${cmd.output ? ` and ${cmd.output} was not written` : ''}\n`);
    process.exit(EXIT.interrupted);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const rules = loadRulesFile(cmd.rules);
    const secret = resolveSecret(cmd, process.env);
    if (!Number.isFinite(cmd.maxFieldMiB) || cmd.maxFieldMiB <= 0) {
      throw new VeilError('CLI_USAGE', '--max-field-size must be a positive number of MiB', {});
    }
    const input: Readable = cmd.input !== undefined ? openInput(cmd.input) : process.stdin;
    out = cmd.output !== undefined ? new AtomicFile(cmd.output) : undefined;
    const sinkStream: Writable = out ?? process.stdout;
    const masker = createMaskStream({ rules, secret, dialect: cmd.dialect, fieldCap: Math.floor(cmd.maxFieldMiB * 1024 * 1024) });
    const started = process.hrtime.bigint();
    await pipeline(input, masker, sinkStream);
    out?.commit();
    const summary = masker.summary!;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const ruleCount = [...rules.tables.values()].reduce((n, t) => n + 1 + t.columns.size, 0);
    const report = buildReport(summary, seconds, ruleCount);
    if (cmd.report !== undefined) writeReport(cmd.report, report);
    if (!cmd.quiet) {
      for (const d of summary.diagnostics) process.stderr.write(`${renderDiagnostic(d)}\n`);
      if (cmd.stats) process.stderr.write(`${renderSummary(report)}\n`);
    }
    return EXIT.ok;
  } catch (e) {
    out?.abandon();
    const err = toVeilError(e);
    process.stderr.write(`${renderError(err)}\n`);
    if (!err.code.startsWith('RULES_') && !err.code.startsWith('CLI_')) {
      process.stderr.write(`veil-stream: the output is incomplete${cmd.output ? `; ${cmd.output} was not written` : ''}\n`);
    }
    return err.code === 'CLI_USAGE' ? EXIT.usage : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function openInput(path: string): Readable {
  return createReadStream(path, { highWaterMark: 256 * 1024 });
}

function toVeilError(e: unknown): VeilError {
  if (isVeilError(e)) return e;
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EPIPE') return new VeilError('IO_WRITE', 'the reader of the output went away (broken pipe)', { hint: 'the command after veil-stream exited early' });
  if (err?.code === 'ENOENT' || err?.code === 'EACCES' || err?.code === 'EISDIR') {
    return new VeilError('IO_READ', err.message, { hint: 'check the -i/-o paths' });
  }
  return new VeilError('IO_READ', `unexpected failure: ${err?.stack ?? String(e)}`, {});
}
