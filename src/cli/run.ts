import { isVeilError, VeilError } from '../errors.js';
import { pipeWritesInFlight } from './fd-write.js';
import { removeLiveTemps } from './output.js';
import { EXIT, renderBrief, renderError } from './report.js';

/**
 * SIGINT / SIGTERM: clean up (remove the temporary output file), say so on stderr, exit 130 / 143.
 * Returns a handle to remove the handlers when the run is over.
 */
export function onStopSignals(cleanup: () => void, output: string | undefined): { off(): void } {
  const handler = (sig: NodeJS.Signals): void => {
    try {
      cleanup();
    } finally {
      removeLiveTemps();
    }
    const e = new VeilError('IO_INTERRUPTED', `stopped by ${sig}; the output is incomplete${output ? ` and ${output} was not written` : ''}`);
    process.stderr.write(`\n${renderError(e)}\n`);
    if (pipeWritesInFlight()) {
      // A pool write may be waiting on a reader that does not read (`| less`, a stalled upload), and
      // process.exit() would wait for it. End by the signal itself, its default action now that the
      // (once) handler is gone: the shell sees the same status, 128 + the signal's number.
      process.kill(process.pid, sig);
      return;
    }
    process.exit(sig === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return {
    off() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** Report a failed run on stderr; the exit code. */
export function failure(e: unknown, output: string | undefined, started: boolean): number {
  const err = e as NodeJS.ErrnoException;
  if (!isVeilError(e) && err?.code === 'EPIPE') {
    // The reader went away (`veil-stream ... | head`): stop quietly, no stack trace, non-zero exit.
    process.stdout.on('error', () => {});
    const brief = new VeilError('IO_BROKEN_PIPE', 'the reader of the output went away (broken pipe); stopped, the output is incomplete');
    process.stderr.write(`${renderBrief(brief)}\n`);
    return EXIT.brokenPipe;
  }
  const v = toVeilError(e);
  process.stderr.write(`${renderError(v)}\n`);
  if (started) {
    process.stderr.write(`veil-stream: the output is incomplete${output ? `; ${output} was not written` : ''}\n`);
  }
  return v.code === 'CLI_USAGE' ? EXIT.usage : EXIT.failed;
}

export function toVeilError(e: unknown): VeilError {
  if (isVeilError(e)) return e;
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT' || err?.code === 'EACCES' || err?.code === 'EISDIR' || err?.code === 'ENOSPC' || err?.code === 'EROFS') {
    return new VeilError(err.code === 'ENOSPC' || err.code === 'EROFS' ? 'IO_WRITE' : 'IO_READ', err.message, { hint: 'check the -i/-o paths' });
  }
  if (err?.code === 'Z_DATA_ERROR' || err?.code === 'Z_BUF_ERROR' || err?.code?.startsWith?.('ERR_ZSTD')) {
    return new VeilError('IO_READ', `the compressed input is damaged: ${err.message}`, { hint: 'is the file complete? (gzip -t dump.sql.gz)' });
  }
  return new VeilError('IO_READ', `unexpected failure: ${err?.stack ?? String(e)}`, {});
}

/**
 * The run's output is complete, but --report could not be written at the end (disk full): say both,
 * exit 1. The output is kept: a report is not worth a masked dump.
 */
export function reportFailure(e: unknown, report: string, output: string | undefined, what: string): number {
  process.stderr.write(`${renderError(toVeilError(e))}\n`);
  process.stderr.write(`veil-stream: the ${what} is complete: ${output !== undefined ? `${output} was written` : 'it went to stdout'}; only the report ${report} is missing\n`);
  return EXIT.failed;
}

/**
 * Write to stdout and wait until it is written: a reader that went away (EPIPE) or a full disk is then
 * an error for failure(), not an unhandled 'error' event with a stack trace. `data`: text, or buffers
 * written in order.
 */
export function writeStdout(data: string | readonly Buffer[]): Promise<void> {
  const parts = typeof data === 'string' ? [data] : data;
  const stdout = process.stdout;
  return new Promise((resolve, reject) => {
    if (parts.length === 0) return resolve();
    // (left in place after an error: the 'error' event follows the callback)
    const onError = (e: Error): void => reject(e);
    stdout.on('error', onError);
    for (let i = 0; i < parts.length - 1; i++) stdout.write(parts[i]);
    stdout.write(parts[parts.length - 1], (e) => {
      if (e) return reject(e);
      stdout.off('error', onError);
      resolve();
    });
  });
}
