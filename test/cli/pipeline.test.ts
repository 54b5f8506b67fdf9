import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runVeil, VEIL_BIN } from '../integration/helpers/veil.js';
import { file, generated, scratch } from './helpers.js';

const RULES = 'bench/rules/postgres-typical.json';
const temps = () => readdirSync(scratch).filter((n) => n.includes('veil-tmp'));
const hasZstd = typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function';

describe('compressed input and output', () => {
  it('gzip: detected on input by its magic bytes (file and stdin), written for -o FILE.gz; the round trip is the plain run', async () => {
    const dump = generated('postgres', 'copy', '2MB');
    const gz = file('in.sql.gz', zlib.gzipSync(readFileSync(dump.path)));
    const plain = await runVeil([RULES, '-i', dump.path, '--seed', 's', '-q']);
    expect(plain.code).toBe(0);
    const fromFile = await runVeil([RULES, '-i', gz, '--seed', 's', '-q']);
    const fromStdin = await runVeil([RULES, '--seed', 's', '-q'], { stdinFile: gz });
    expect(fromFile.stdout.equals(plain.stdout)).toBe(true);
    expect(fromStdin.stdout.equals(plain.stdout)).toBe(true);
    const out = join(scratch, 'out.sql.gz');
    const report = join(scratch, 'gz-report.json');
    const both = await runVeil([RULES, '-i', gz, '-o', out, '--seed', 's', '-q', '--report', report]);
    expect(both.code).toBe(0);
    expect(zlib.gunzipSync(readFileSync(out)).equals(plain.stdout)).toBe(true);
    const rep = JSON.parse(readFileSync(report, 'utf8'));
    expect(rep.compression).toEqual({ input: 'gzip', output: 'gzip' });
    expect(rep.inputBytes).toBe(statSync(gz).size);
    expect(rep.bytesIn).toBe(statSync(dump.path).size);
    expect(rep.outputBytes).toBe(statSync(out).size);
    // check and scan read gzip too
    expect((await runVeil(['check', RULES, '-i', gz, '-q'])).code).toBe(0);
  });

  it('a damaged gzip input fails loudly and leaves no -o file', async () => {
    const dump = generated('postgres', 'copy', '2MB');
    const gz = zlib.gzipSync(readFileSync(dump.path));
    const cut = file('cut.sql.gz', gz.subarray(0, gz.length >> 1));
    const out = join(scratch, 'never-gz.sql');
    const r = await runVeil([RULES, '-i', cut, '-o', out, '--seed', 's']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error IO_READ');
    expect(r.stderr).toContain('the compressed input is damaged');
    expect(existsSync(out)).toBe(false);
  });

  // one of the two zstd tests, as this Node.js has zstd in node:zlib or not (none is skipped)
  if (!hasZstd) it(`zstd: a clear error naming the Node.js version (${process.version} has no zstd in node:zlib)`, async () => {
    const out = join(scratch, 'never.sql.zst');
    const w = await runVeil([RULES, '-i', 'examples/postgres/shop.sql', '-o', out, '--seed', 's']);
    expect(w.code).toBe(1);
    expect(w.stderr).toContain('error IO_UNSUPPORTED_COMPRESSION');
    expect(w.stderr).toContain(process.version);
    expect(existsSync(out)).toBe(false);
    const r = await runVeil([RULES, '--seed', 's'], { input: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('IO_UNSUPPORTED_COMPRESSION');
  });

  if (hasZstd) it('zstd: in and out through node:zlib', async () => {
    const dump = generated('postgres', 'copy', '2MB');
    const z = zlib as unknown as { zstdCompressSync(b: Buffer): Buffer; zstdDecompressSync(b: Buffer): Buffer };
    const zst = file('in.sql.zst', z.zstdCompressSync(readFileSync(dump.path)));
    const plain = await runVeil([RULES, '-i', dump.path, '--seed', 's', '-q']);
    const out = join(scratch, 'out.sql.zst');
    expect((await runVeil([RULES, '-i', zst, '-o', out, '--seed', 's', '-q'])).code).toBe(0);
    expect(z.zstdDecompressSync(readFileSync(out)).equals(plain.stdout)).toBe(true);
  });
});

describe('pipes and signals', () => {
  it('stops quietly with exit 141 when the reader of stdout goes away (| head)', () => {
    const dump = generated('postgres', 'copy', '30MB');
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(VEIL_BIN)} ${RULES} -i ${JSON.stringify(dump.path)} --seed s | head -c 100 > /dev/null; echo "status \${PIPESTATUS[0]}" >&2`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toContain('status 141');
    expect(r.stderr).toContain('veil-stream: error IO_BROKEN_PIPE: the reader of the output went away (broken pipe)');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });

  it.each([
    ['check', `check ${RULES} -i examples/postgres/shop.sql -q`],
    ['check --json', `check ${RULES} -i examples/postgres/shop.sql -q --json`],
    ['scan', 'scan -i examples/postgres/shop.sql -q'],
    ['transformers', 'transformers'],
  ])('%s: exit 141 and one line when the reader of stdout is gone, no stack trace', (_what, args) => {
    // (`true` exits without reading: the write at the end meets a closed pipe)
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(VEIL_BIN)} ${args} | true; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.stderr).toContain('status 141');
    expect(r.stderr).toContain('veil-stream: error IO_BROKEN_PIPE');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('scan and check on a full disk (stdout > /dev/full): exit 1, IO_WRITE, no stack trace', () => {
    for (const args of ['scan -i examples/postgres/shop.sql -q', `check ${RULES} -i examples/postgres/shop.sql -q`]) {
      const r = spawnSync('bash', ['-c', `node ${JSON.stringify(VEIL_BIN)} ${args} > /dev/full`], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^error IO_WRITE\n {2}ENOSPC/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('a run killed by %s mid-way exits %i and leaves no output file and no temporary file', async (signal, exit) => {
    const dump = generated('postgres', 'copy', '60MB');
    const out = join(scratch, `killed-${signal}.sql`);
    const child = spawn(process.execPath, [VEIL_BIN, 'bench/rules/postgres-heavy.json', '-i', dump.path, '-o', out, '--seed', 's'], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // wait until the temporary file beside OUT is being written, then stop the run
    const deadline = Date.now() + 30_000;
    while (!temps().some((n) => n.includes(`killed-${signal}`) && statSync(join(scratch, n)).size > 1 << 20) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(child.exitCode).toBe(null); // still running: the kill lands mid-way
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(exit);
    expect(stderr).toContain(`error IO_INTERRUPTED\n  stopped by ${signal}; the output is incomplete and ${out} was not written`);
    expect(existsSync(out)).toBe(false);
    expect(temps()).toEqual([]);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s ends the run at once also while a write waits on a reader that does not read', async (signal) => {
    // stdout is a FIFO whose reader takes the first bytes and then stops (as `| less` does): the pool
    // thread that writes stdout waits in write(2), and process.exit() alone would wait for it
    const dump = generated('postgres', 'copy', '30MB');
    const fifo = join(scratch, `stalled-${signal}.fifo`);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, 'w');
    const child = spawn(process.execPath, [VEIL_BIN, RULES, '-i', dump.path, '--seed', 's'], { cwd: REPO_ROOT, stdio: ['ignore', writer, 'pipe'] });
    closeSync(writer);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const closed = new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    try {
      // the output has begun (then nothing more is read: the 64 KiB pipe fills at once)
      const first = Buffer.alloc(4096);
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          if (readSync(reader, first, 0, first.length, null) > 0) break;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        }
        if (Date.now() > deadline) expect.fail('no output within 30 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 500));
      expect(child.exitCode).toBe(null);
      child.kill(signal);
      const ended = await Promise.race([closed, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5000))]);
      expect(ended, 'the run did not end within 5 s of the signal').not.toBe('hung');
      const [code, sig] = ended as [number | null, string | null];
      // its own exit code, or the signal's default action: the shell sees 128 + n either way
      expect(code === (signal === 'SIGINT' ? 130 : 143) || sig === signal).toBe(true);
      expect(stderr).toContain(`stopped by ${signal}; the output is incomplete`);
    } finally {
      closeSync(reader); // (a run still waiting gets EPIPE and ends)
      await closed;
    }
  });

  it('a failed run never leaves a file at -o OUT, also when OUT existed before', async () => {
    const out = file('existing.sql', 'old content\n');
    const r = await runVeil([file('typo.json', { tables: { 'public.nope': { columns: { x: 'null' } } } }), '-i', 'examples/postgres/shop.sql', '-o', out, '--seed', 's']);
    expect(r.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('old content\n');
    expect(temps()).toEqual([]);
  });
});
