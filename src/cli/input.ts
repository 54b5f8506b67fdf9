import { createReadStream, readFileSync, statSync } from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { isatty } from 'node:tty';
import * as zlib from 'node:zlib';
import { VeilError } from '../errors.js';
import { MemoryGuard } from './memory.js';
import { EXIT } from './report.js';

/** Counts the bytes that pass (the raw input, for progress and the report). */
export class ByteCounter extends Transform {
  bytes = 0;
  constructor(readonly guard?: MemoryGuard) {
    super({ highWaterMark: 1 << 20 });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    this.guard?.read(chunk.length);
    cb(null, chunk);
  }
}

export type Compression = 'gzip' | 'zstd';

export interface DumpInput {
  /** The raw input (file or stdin), paused, its first chunk still unread. */
  source: Readable;
  /** Size of the input file in bytes, when it is a regular file (for % and ETA). */
  size?: number;
  compression?: Compression;
  /** The stages that turn the raw input into plain SQL: a byte counter, then a decompressor if needed. */
  stages: Transform[];
  counter: ByteCounter;
}

/**
 * Open the dump (`-i FILE` or stdin) and look at its first bytes: gzip (1f 8b) and zstd (28 b5 2f fd)
 * input is decompressed on the fly. The core still refuses compressed bytes (DUMP_COMPRESSED) for
 * API users; the CLI is where files and pipes are handled.
 */
export async function openDump(path: string | undefined): Promise<DumpInput> {
  let size: number | undefined;
  let source: Readable;
  if (path !== undefined) {
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      throw new VeilError('IO_READ', `cannot read the dump ${path}: ${(e as Error).message}`, { hint: 'check the -i path' });
    }
    if (st.isDirectory()) throw new VeilError('IO_READ', `${path} is a directory, not a dump`, { hint: 'check the -i path' });
    if (st.isFile()) size = st.size;
    source = createReadStream(path, { highWaterMark: 256 * 1024 });
  } else {
    source = process.stdin;
  }
  const head = await peekHead(source);
  const compression = compressionOf(head);
  const counter = new ByteCounter(new MemoryGuard());
  const stages: Transform[] = [counter];
  if (compression === 'gzip') stages.push(zlib.createGunzip({ chunkSize: 256 * 1024 }));
  else if (compression === 'zstd') stages.push(zstd('decompress'));
  return { source, size, compression, stages, counter };
}

export function compressionOf(head: Buffer): Compression | undefined {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return undefined;
}

/** The compressor `-o FILE` asks for by its extension (.gz, .zst), checked before any input is read. */
export function outputCompression(path: string | undefined): (() => Transform) | undefined {
  if (path === undefined) return undefined;
  if (/\.gz$/i.test(path)) return () => zlib.createGzip({ chunkSize: 256 * 1024 });
  if (/\.zst$/i.test(path)) {
    zstdSupport(); // throws now, not after reading the dump
    return () => zstd('compress');
  }
  return undefined;
}

type ZstdZlib = { createZstdCompress?: () => Transform; createZstdDecompress?: () => Transform };

function zstdSupport(): Required<ZstdZlib> {
  const z = zlib as unknown as ZstdZlib;
  if (typeof z.createZstdDecompress !== 'function' || typeof z.createZstdCompress !== 'function') {
    throw new VeilError('IO_UNSUPPORTED_COMPRESSION', `zstd needs a Node.js whose zlib has it (22.15 or later); this is Node.js ${process.version}`, {
      hint: 'use gzip (-o FILE.gz), or pipe through the zstd tool: zstd -dc dump.sql.zst | veil-stream ... | zstd > safe.sql.zst',
    });
  }
  return z as Required<ZstdZlib>;
}

function zstd(kind: 'compress' | 'decompress'): Transform {
  const z = zstdSupport();
  return kind === 'compress' ? z.createZstdCompress() : z.createZstdDecompress();
}

/**
 * A command that reads the dump from stdin, run with a terminal there: nothing would ever come. Shows
 * the command's help and a usage error with `hint` (how to give it a dump); returns the exit code, or
 * undefined when there is a dump to read (-i, or stdin is not a terminal).
 */
export function noDumpOnTerminal(input: string | undefined, cmd: { showHelp(): void }, hint: string): number | undefined {
  if (input !== undefined || !isatty(0)) return undefined;
  cmd.showHelp();
  process.stderr.write(`\nerror CLI_USAGE\n  no dump on stdin\n  hint: ${hint}\n`);
  return EXIT.usage;
}

/** Wait for the first chunk of a stream and put it back, so the pipeline still reads it. */
function peekHead(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (head: Buffer): void => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
      resolve(head);
    };
    const onReadable = (): void => {
      const chunk = stream.read() as Buffer | null;
      if (chunk === null) return; // end of input: 'end' follows
      stream.unshift(chunk);
      done(chunk);
    };
    const onEnd = (): void => done(Buffer.alloc(0));
    const onError = (e: Error): void => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      reject(new VeilError('IO_READ', `cannot read the dump: ${e.message}`, { hint: 'check the -i path' }));
    };
    stream.on('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}

/** Read a --schema file (a schema-only dump; small enough to hold), gunzipping it if needed. */
export function readSchemaFile(path: string | undefined): Buffer | undefined {
  if (path === undefined) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new VeilError('IO_READ', `cannot read the schema file: ${(e as Error).message}`, { hint: 'check --schema' });
  }
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes;
}
