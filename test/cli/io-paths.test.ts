import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runVeil, VEIL_BIN } from '../integration/helpers/veil.js';

const SAMPLE = 'fixtures/pg-sample/input.sql';
const RULES = 'fixtures/pg-sample/rules.json';
const dir = mkdtempSync(join(tmpdir(), 'veil-out-'));

describe('-i and -o paths that are not plain new files', () => {
  it('reads stdin for -i - and writes stdout for -o -, as without the options', async () => {
    const plain = await runVeil([RULES, '--seed', 's'], { stdinFile: SAMPLE });
    const dashes = await runVeil([RULES, '--seed', 's', '-i', '-', '-o', '-'], { stdinFile: SAMPLE });
    expect(dashes.code).toBe(0);
    expect(dashes.stdout.length).toBeGreaterThan(1000);
    expect(dashes.stdout.equals(plain.stdout)).toBe(true);
    expect(existsSync('-')).toBe(false);
  });

  it('writes into /dev/null in place and leaves it a character device', async () => {
    const r = await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '-o', '/dev/null']);
    const device = statSync('/dev/null').isCharacterDevice();
    // a broken build replaces the machine's /dev/null: put the device back (as root) before failing
    if (!device && process.getuid?.() === 0) spawnSync('sh', ['-c', 'rm -f /dev/null && mknod -m 666 /dev/null c 1 3']);
    expect(r.code).toBe(0);
    expect(device).toBe(true);
    expect(readdirSync('/dev').filter((n) => n.includes('veil-tmp'))).toEqual([]);
  });

  it('replaces the file a symbolic link points to and keeps the link', async () => {
    const expected = (await runVeil([RULES, '-i', SAMPLE, '--seed', 's'])).stdout;
    const target = join(dir, 'target.sql');
    writeFileSync(target, 'old');
    const link = join(dir, 'link.sql');
    symlinkSync(target, link);
    const r = await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '-o', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target).equals(expected)).toBe(true);
  });

  it('creates the file a dangling symbolic link points to and keeps the link', async () => {
    const expected = (await runVeil([RULES, '-i', SAMPLE, '--seed', 's'])).stdout;
    const target = join(dir, 'not-yet.sql');
    const link = join(dir, 'dangling.sql');
    symlinkSync('not-yet.sql', link);
    const r = await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '-o', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target).equals(expected)).toBe(true);
  });

  it('keeps the mode of an OUT it replaces; a new OUT is private (0600)', async () => {
    const existing = join(dir, 'shared.sql');
    writeFileSync(existing, 'old');
    chmodSync(existing, 0o640);
    expect((await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '-o', existing])).code).toBe(0);
    expect(statSync(existing).mode & 0o7777).toBe(0o640);
    const fresh = join(dir, 'fresh.sql');
    expect((await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '-o', fresh])).code).toBe(0);
    expect(statSync(fresh).mode & 0o7777).toBe(0o600);
  });

  it('writes into a FIFO that another process reads', async () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    const got: Buffer[] = [];
    reader.stdout.on('data', (b: Buffer) => got.push(b));
    const done = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const r = await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '-o', fifo]);
    // (if veil-stream never opened the FIFO, the reader would wait forever: stop it, and the test fails below)
    const stop = setTimeout(() => reader.kill(), 10_000);
    await done;
    clearTimeout(stop);
    expect(r.code).toBe(0);
    expect(statSync(fifo).isFIFO()).toBe(true);
    const expected = (await runVeil([RULES, '-i', SAMPLE, '--seed', 's'])).stdout;
    expect(Buffer.concat(got).equals(expected)).toBe(true);
  });
});

describe('-i paths', () => {
  it('check and scan read stdin for -i -, and scan writes stdout for -o -', async () => {
    const check = await runVeil(['check', RULES, '-i', SAMPLE, '-q']);
    const checkDash = await runVeil(['check', RULES, '-i', '-', '-q'], { stdinFile: SAMPLE });
    expect(checkDash.code).toBe(check.code);
    expect(checkDash.stdout.toString('utf8')).toBe(check.stdout.toString('utf8'));
    const scan = await runVeil(['scan', '-i', SAMPLE, '-q']);
    const scanDash = await runVeil(['scan', '-i', '-', '-o', '-', '-q'], { stdinFile: SAMPLE });
    expect(scanDash.code).toBe(0);
    expect(scanDash.stdout.equals(scan.stdout)).toBe(true);
    expect(existsSync(join(REPO_ROOT, '-'))).toBe(false);
  });

  const unreadable = join(dir, 'unreadable.sql');
  writeFileSync(unreadable, readFileSync(join(REPO_ROOT, SAMPLE)));
  chmodSync(unreadable, 0o000);
  const cases: [string, string, string][] = [
    ['a directory', dir, 'is a directory'],
    ['a missing file', join(dir, 'no-such-dump.sql'), 'ENOENT'],
  ];
  // (root reads a mode 000 file: there the case does not apply)
  if (process.getuid?.() !== 0) cases.push(['an unreadable file', unreadable, 'EACCES']);
  it.each(cases)('-i %s: exit 1, IO_READ with a hint, for mask, check and scan', async (_what, path, why) => {
    for (const args of [[RULES, '--seed', 's'], ['check', RULES], ['scan']]) {
      const r = await runVeil([...args, '-i', path]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^error IO_READ\\n {2}.*${why}.*\\n {2}hint: check the -i path`));
      expect(r.stdout.length).toBe(0);
    }
  });
});

describe('-o equal to -i (masking in place)', () => {
  it('reads the whole original, then replaces it with the masked dump; a failed run leaves the original', async () => {
    const expected = (await runVeil([RULES, '-i', SAMPLE, '--seed', 's'])).stdout;
    const dump = join(dir, 'in-place.sql');
    writeFileSync(dump, readFileSync(join(REPO_ROOT, SAMPLE)));
    const r = await runVeil([RULES, '-i', dump, '--seed', 's', '-o', dump]);
    expect(r.code).toBe(0);
    expect(readFileSync(dump).equals(expected)).toBe(true);
    const cut = readFileSync(join(REPO_ROOT, SAMPLE)).subarray(0, 3000);
    writeFileSync(dump, cut);
    const bad = await runVeil([RULES, '-i', dump, '--seed', 's', '-o', dump]);
    expect(bad.code).toBe(1);
    expect(readFileSync(dump).equals(cut)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.includes('veil-tmp'))).toEqual([]);
  });
});

describe('-o failures leave nothing behind', () => {
  it('a rename that fails at the end removes the temporary file and says IO_WRITE', async () => {
    const sub = mkdtempSync(join(dir, 'rename-'));
    const fifo = join(sub, 'in.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const out = join(sub, 'out.sql');
    const child = spawn(process.execPath, [VEIL_BIN, RULES, '-i', fifo, '-o', out, '--seed', 's', '-q'], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const writer = createWriteStream(fifo);
    const dump = readFileSync(join(REPO_ROOT, SAMPLE));
    writer.write(dump.subarray(0, 100));
    // the temporary file exists once the run has started; then OUT becomes a directory
    const deadline = Date.now() + 20_000;
    while (!readdirSync(sub).some((n) => n.includes('veil-tmp')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    mkdirSync(out);
    writer.end(dump.subarray(100));
    expect(await closed).toBe(1);
    expect(stderr).toContain('error IO_WRITE');
    expect(stderr).toContain(`cannot write ${out}`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(statSync(out).isDirectory()).toBe(true);
    expect(readdirSync(sub).filter((n) => n.includes('veil-tmp'))).toEqual([]);
  });
});

describe('-o paths that cannot be written fail before the dump is read', () => {
  const cases: [string, () => string, string][] = [
    ['in a directory that does not exist', () => join(dir, 'no-such-dir', 'out.sql'), 'does not exist'],
    ['that is a directory', () => mkdtempSync(join(dir, 'is-dir-')), 'is a directory'],
    ['that ends in / (a directory)', () => `${join(dir, 'new-dir')}/`, 'names a directory'],
  ];
  // (root writes into read-only directories: there the case does not apply)
  if (process.getuid?.() !== 0) {
    cases.push([
      'in a read-only directory',
      () => {
        const ro = mkdtempSync(join(dir, 'ro-'));
        chmodSync(ro, 0o555);
        return join(ro, 'out.sql');
      },
      'is not writable',
    ]);
  }
  it.each(cases)('-o %s: exit 1, IO_WRITE naming OUT, nothing created', async (_what, outPath, why) => {
    const out = outPath();
    const before = readdirSync(dir).sort();
    const r = await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error IO_WRITE\\n  cannot write ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*${why}`));
    expect(r.stderr).toContain('hint: ');
    expect(r.stderr).not.toContain('veil-tmp');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('-o "" is a usage error', async () => {
    const r = await runVeil([RULES, '-i', SAMPLE, '--seed', 's', '-o', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error CLI_USAGE');
    expect(readdirSync(REPO_ROOT).filter((n) => n.includes('veil-tmp'))).toEqual([]);
  });
});

describe('scan -o', () => {
  it('a path that cannot be written fails before the dump is read', async () => {
    // (read to its end, this cut dump would fail with its own error)
    const cut = join(dir, 'cut-for-scan.sql');
    writeFileSync(cut, readFileSync(join(REPO_ROOT, SAMPLE)).subarray(0, 3000));
    const out = join(dir, 'no-such-dir', 'rules.json');
    const r = await runVeil(['scan', '-i', cut, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error IO_WRITE\n {2}cannot write .*rules\.json: the directory .* does not exist/);
    expect(r.stderr).not.toContain('DUMP_');
  });
});

describe('outputs that would overwrite an input or each other', () => {
  it.each([
    ['mask --report equal to -o', SAMPLE, (v: string) => [RULES, '-i', SAMPLE, '--seed', 's', '-o', v, '--report', v]],
    ['mask --report equal to -i', SAMPLE, (v: string) => [RULES, '-i', v, '--seed', 's', '--report', v]],
    ['mask -o equal to the rules file', RULES, (v: string) => [v, '-i', SAMPLE, '--seed', 's', '-o', v]],
    ['scan -o equal to -i', SAMPLE, (v: string) => ['scan', '-i', v, '-o', v]],
    ['scan --report equal to -o', SAMPLE, (v: string) => ['scan', '-i', SAMPLE, '-o', v, '--report', v]],
  ])('%s: a usage error, nothing written', async (what, source, args) => {
    const original = readFileSync(join(REPO_ROOT, source));
    const victim = join(dir, `victim-${what.replace(/\W+/g, '-')}`);
    writeFileSync(victim, original);
    const before = readdirSync(dir).sort();
    const r = await runVeil(args(victim));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error CLI_USAGE\n {2}.* would be overwritten/);
    expect(r.stdout.length).toBe(0);
    expect(readFileSync(victim).equals(original)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});
