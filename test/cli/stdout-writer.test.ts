import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dropFront } from '../../src/cli/fd-write.js';
import { REPO_ROOT, runVeil, VEIL_BIN } from '../integration/helpers/veil.js';
import { file, generated, scratch } from './helpers.js';

const RULES = 'bench/rules/mysql-typical.json';
const q = JSON.stringify;

/** Run a bash pipeline from the repository root; its exit status and stderr. */
function bash(script: string): { status: number | null; stderr: string } {
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${script}`], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe('dropFront', () => {
  it('drops the first n bytes of a buffer list, without copying the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 20 }), { maxLength: 6 }), fc.nat(130), (arrays, k) => {
        const bufs = arrays.map((a) => Buffer.from(a));
        const all = Buffer.concat(bufs);
        const n = Math.min(k, all.length);
        const rest = dropFront(bufs, n);
        expect(Buffer.concat(rest).equals(all.subarray(n))).toBe(true);
        // (a write of nothing is never asked for: the list is empty or starts with a byte)
        expect(rest.length === 0 || rest[0].length > 0).toBe(true);
        for (const b of rest) expect(bufs.some((o) => o.buffer === b.buffer)).toBe(true);
      }),
    );
  });
});

describe('stdout into a pipe or a file (written from the thread pool)', () => {
  const dump = generated('mysql', 'extended', '4MB');
  const expected = join(scratch, 'stdout-expected.sql');
  const veil = `node ${q(VEIL_BIN)} ${RULES} -i ${q(dump.path)} --seed s -q`;

  beforeAll(async () => {
    expect(bash(`${veil} -o ${q(expected)}`).status).toBe(0);
    // the reference: a stdout that is a socket goes through process.stdout, no buffer reused
    const viaSocket = await runVeil([RULES, '-i', dump.path, '--seed', 's', '-q']);
    expect(viaSocket.stdout.equals(readFileSync(expected))).toBe(true);
  });

  it('a pipe to a slow reader gets exactly the -o output', () => {
    const out = join(scratch, 'stdout-pipe.sql');
    // the reader starts late: the 64 KiB pipe is full long before, so the writes wait on it
    const r = bash(`${veil} | (sleep 0.3; cat > ${q(out)})`);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out).equals(readFileSync(expected))).toBe(true);
  });

  it('a stdout already made non-blocking goes on through process.stdout: nothing lost', () => {
    // --import touches process.stdout before veil-stream runs: libuv makes the piped fd 1 non-blocking,
    // so the pool's write fails with EAGAIN once the pipe is full
    const touch = `data:text/javascript,${encodeURIComponent('process.stdout.columns;')}`;
    const out = join(scratch, 'stdout-nonblocking.sql');
    const r = bash(`node --import ${q(touch)} ${q(VEIL_BIN)} ${RULES} -i ${q(dump.path)} --seed s -q | (sleep 0.3; cat > ${q(out)})`);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out).equals(readFileSync(expected))).toBe(true);
    // and a reader that goes away is still the quiet exit 141 there
    const gone = spawnSync('bash', ['-c', `node --import ${q(touch)} ${q(VEIL_BIN)} ${RULES} -i ${q(dump.path)} --seed s | head -c 100000 > /dev/null; echo "status \${PIPESTATUS[0]}" >&2`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(gone.stderr).toContain('status 141');
    expect(gone.stderr).toContain('veil-stream: error IO_BROKEN_PIPE');
    expect(gone.stderr).not.toMatch(/\n\s+at /);
  });

  it('> FILE gets the -o output, and >> FILE appends it after what the file held', () => {
    const out = join(scratch, 'stdout-redirect.sql');
    expect(bash(`${veil} > ${q(out)}`).status).toBe(0);
    expect(readFileSync(out).equals(readFileSync(expected))).toBe(true);
    const appended = file('stdout-append.sql', '-- kept\n');
    expect(bash(`${veil} >> ${q(appended)}`).status).toBe(0);
    expect(readFileSync(appended).equals(Buffer.concat([Buffer.from('-- kept\n'), readFileSync(expected)]))).toBe(true);
  });
});
