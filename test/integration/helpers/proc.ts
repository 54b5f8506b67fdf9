/**
 * Child processes for the integration suites: explicit argv arrays only (no shell), stdin from a
 * Buffer or a file, stdout captured as bytes or streamed to a file.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

export interface RunOptions {
  /** Bytes written to the child's stdin (then closed). */
  readonly input?: Buffer | string;
  /** File streamed to the child's stdin. */
  readonly stdinFile?: string;
  /** Stream stdout to this file instead of capturing it. */
  readonly stdoutFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export interface RunResult {
  /** Exit status; -1 when the child was killed by a signal (see `signal`). */
  readonly code: number;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    readonly result: RunResult,
  ) {
    super(
      `${command} ${args.map(showArg).join(' ')} exited with ${result.signal ?? result.code}\n` +
        result.stderr.trim().split('\n').slice(-20).join('\n'),
    );
    this.name = 'CommandError';
  }
}

function showArg(arg: string): string {
  return /^[\w./=:@,+-]+$/.test(arg) ? arg : JSON.stringify(arg);
}

function feedStdin(stdin: Writable, options: RunOptions): void {
  // A child that exits without reading all of stdin makes the pipe error with EPIPE; its exit
  // status is what matters, so swallow that here.
  stdin.on('error', () => undefined);
  if (options.stdinFile !== undefined) {
    createReadStream(options.stdinFile).pipe(stdin);
  } else if (options.input !== undefined) {
    stdin.end(options.input);
  } else {
    stdin.end();
  }
}

function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Runs a command to completion; never rejects because of the exit status. */
export async function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const child = spawn(command, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  feedStdin(child.stdin, options);
  const stderr = collect(child.stderr);
  let stdout: Promise<Buffer>;
  if (options.stdoutFile !== undefined) {
    const file = createWriteStream(options.stdoutFile);
    child.stdout.pipe(file);
    stdout = new Promise((resolve, reject) => {
      file.on('finish', () => resolve(Buffer.alloc(0)));
      file.on('error', reject);
    });
  } else {
    stdout = collect(child.stdout);
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  await spawned;
  const [{ code, signal }, out, err] = await Promise.all([exited, stdout, stderr]);
  return { code: code ?? -1, signal, stdout: out, stderr: err.toString('utf8') };
}

/** Like `run`, but rejects with a CommandError (carrying stderr) on a non-zero exit. */
export async function runOk(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new CommandError(command, args, result);
  return result;
}

export interface PipeStep {
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * `a | b | c > stdoutFile`, failing if any step fails (like `set -o pipefail`).
 * Each step's stderr is kept for the error message.
 */
export async function runPipeline(steps: readonly PipeStep[], stdoutFile: string, env?: NodeJS.ProcessEnv): Promise<void> {
  if (steps.length === 0) throw new Error('runPipeline needs at least one step');
  const children = steps.map((step) =>
    spawn(step.command, step.args, { stdio: ['pipe', 'pipe', 'pipe'], env: env ?? process.env }),
  );
  children[0].stdin.end();
  for (let i = 1; i < children.length; i++) {
    children[i].stdin.on('error', () => undefined);
    children[i - 1].stdout.pipe(children[i].stdin);
  }
  const file = createWriteStream(stdoutFile);
  children[children.length - 1].stdout.pipe(file);
  const results = await Promise.all(
    children.map(
      (child) =>
        new Promise<{ code: number; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
          const chunks: Buffer[] = [];
          child.stderr.on('data', (c: Buffer) => chunks.push(c));
          child.once('error', reject);
          child.once('close', (code, signal) =>
            resolve({ code: code ?? -1, signal, stderr: Buffer.concat(chunks).toString('utf8') }),
          );
        }),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    if (file.writableFinished) resolve();
    else {
      file.once('finish', resolve);
      file.once('error', reject);
    }
  });
  results.forEach((r, i) => {
    if (r.code !== 0) {
      throw new CommandError(steps[i].command, steps[i].args, { ...r, stdout: Buffer.alloc(0) });
    }
  });
}
