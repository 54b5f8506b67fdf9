import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../src/core/buffer-pool.js';
import { SINK_BUFFER_BYTES } from '../../src/core/sink.js';
import { Masker, outputPoolKeep, type MaskOptions } from '../../src/mask.js';
import { validateRules } from '../../src/rules/load.js';
import { generated } from '../cli/helpers.js';
import { TRICKY_DUMP, TRICKY_RULES } from '../helpers/pg-dumps.js';
import { runChunks } from '../helpers/run.js';
import { runParallel } from './run-parallel.js';

const benchRules = (name: string) => validateRules(JSON.parse(readFileSync(`bench/rules/${name}.json`, 'utf8')));

await Masker.prepare(benchRules('postgres-heavy'));

/** The summary's counts, which must not depend on how many threads masked. */
const counts = (s: { tables: unknown; bytesOut: number }) => ({ tables: s.tables, bytesOut: s.bytesOut });

describe('worker threads: the same output as one thread', () => {
  const cases = [
    ['postgres', 'copy', 'postgres-heavy'],
    ['postgres', 'inserts', 'postgres-typical'],
    ['mysql', 'extended', 'mysql-heavy'],
    ['mysql', 'oneline', 'mysql-typical'],
  ] as const;

  it.each(cases)('%s %s dump, %s rules: byte-identical output and the same counts', async (dialect, layout, rulesName) => {
    const input = readFileSync(generated(dialect, layout, '3MB').path);
    const opts = { rules: benchRules(rulesName), secret: 'parallel-secret' };
    const one = runChunks(input, opts, []);
    const two = await runParallel(input, { ...opts, threads: 2 }, [100_000, 1_000_001, 2_500_000]);
    expect(two.threads).toBe(2);
    expect(two.output.equals(one.output)).toBe(true);
    expect(counts(two.summary)).toEqual(counts(one.summary));
    expect(two.summary.diagnostics).toEqual(one.summary.diagnostics);
  });

  it('an output pool keeps a few buffers for one thread, and with workers room for every batch in flight (3 per worker, 2 MiB in 256 KiB buffers)', () => {
    expect(outputPoolKeep(0, SINK_BUFFER_BYTES)).toBe(8);
    expect(outputPoolKeep(2, SINK_BUFFER_BYTES)).toBe(8 + 2 * 3 * 8);
  });

  it('with an output pool: the batches come out in its buffers, given back and taken again, with the same output', async () => {
    const dump = readFileSync(generated('mysql', 'extended', '3MB').path);
    const input = Buffer.concat([dump, dump, dump]); // enough batches that some come after others were written
    const opts = { rules: benchRules('mysql-heavy'), secret: 'parallel-secret' };
    const one = runChunks(input, opts, []);
    const pool = new BufferPool(SINK_BUFFER_BYTES, 4);
    const taken = new Set<ArrayBufferLike>();
    const take = pool.take.bind(pool);
    let takes = 0;
    pool.take = () => {
      const b = take();
      taken.add(b.buffer);
      takes++;
      return b;
    };
    const two = await runParallel(input, { ...opts, threads: 2, outputPool: pool }, [100_000, 1_000_001, 4_000_000, 7_000_000]);
    expect(two.threads).toBe(2);
    expect(two.output.equals(one.output)).toBe(true);
    // ~9 MB of output in 256 KiB buffers: dozens taken, and some of them again after they were given
    // back (a worker answers its batches in order, so its second batch comes after its first was written)
    expect(takes).toBeGreaterThan(30);
    expect(taken.size).toBeLessThan(takes);
  });

  it('fakes far longer than their originals: output past the shared slot comes back transferred, in order', async () => {
    const input = readFileSync(generated('mysql', 'extended', '3MB').path);
    // every bio and note becomes 2000 bytes: a batch's output is several times its input, more than its slot holds
    const long = { transformer: 'fixed', value: 'x'.repeat(2000) };
    const opts = { rules: validateRules({ tables: { users: { columns: { bio: long } }, orders: { columns: { notes: long } } } }), secret: 'parallel-secret', unusedRules: 'warn' as const };
    const one = runChunks(input, opts, []);
    expect(one.output.length).toBeGreaterThan(4 * input.length);
    const two = await runParallel(input, { ...opts, threads: 2 }, [100_000, 1_000_001]);
    expect(two.threads).toBe(2);
    expect(two.output.equals(one.output)).toBe(true);
    expect(counts(two.summary)).toEqual(counts(one.summary));
  });

  it('starts the workers only after `parallelAfter` bytes of ruled rows, with the same output', async () => {
    const input = readFileSync(generated('postgres', 'copy', '3MB').path);
    const opts = { rules: benchRules('postgres-typical'), secret: 'parallel-secret' };
    const one = runChunks(input, opts, []);
    const late = await runParallel(input, { ...opts, threads: 1, parallelAfter: 1_500_000 });
    expect(late.threads).toBe(1);
    expect(late.output.equals(one.output)).toBe(true);
    const never = await runParallel(input, { ...opts, threads: 1, parallelAfter: 1e12 });
    expect(never.threads).toBe(0);
    expect(never.output.equals(one.output)).toBe(true);
  });

  it('gives the same output for random cuts of a tricky dump (rows of several tables and codecs)', async () => {
    const dump = Buffer.from(TRICKY_DUMP);
    const opts = { rules: validateRules(TRICKY_RULES), secret: 'property-secret', dialect: 'postgres' as const, sampleRows: 0 };
    const ref = runChunks(dump, opts, []).output;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: dump.length - 1 }), { maxLength: 20 }), async (cuts) => {
        const { output, threads } = await runParallel(dump, { ...opts, threads: 1 }, [...cuts].sort((a, b) => a - b));
        expect(threads).toBe(1);
        expect(output.equals(ref)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});

/** The error a run in one thread stops with (undefined when it does not fail). */
function oneThreadError(input: Buffer, opts: MaskOptions): any {
  try {
    runChunks(input, opts, []);
  } catch (e) {
    return e;
  }
  return undefined;
}

/** The error a run with worker threads stops with (undefined when it does not fail). */
async function parallelError(input: Buffer, opts: MaskOptions, cuts: number[] = []): Promise<any> {
  return runParallel(input, opts, cuts).then(
    () => undefined,
    (e) => e,
  );
}

describe('worker threads: errors', () => {
  /** A generated dump with one audit_log payload that is not JSON, far into the data. */
  function brokenDump(): { input: Buffer; line: number } {
    const text = readFileSync(generated('postgres', 'copy', '3MB').path, 'latin1');
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('COPY public.audit_log '));
    const target = start + 2000;
    lines[target] = lines[target].replace(/\t\{[^\t]*\}\t/, '\t{"ip": broken\t');
    return { input: Buffer.from(lines.join('\n'), 'latin1'), line: target + 1 };
  }

  it('a value a worker rejects fails the run with the same error, line and row as one thread', async () => {
    const { input, line } = brokenDump();
    const opts = { rules: benchRules('postgres-heavy'), secret: 'parallel-secret' };
    const single = oneThreadError(input, opts);
    expect(single?.code).toBe('DUMP_VALUE_REJECTED');
    const parallel = await parallelError(input, { ...opts, threads: 2 }, [65_536, 1_000_000]);
    expect(parallel?.code).toBe(single.code);
    expect(parallel.threads).toBe(2);
    expect(parallel.message).toBe(single.message);
    expect(parallel.details.table).toBe(single.details.table);
    expect(parallel.details.row).toBe(single.details.row);
    expect(parallel.details.position.line).toBe(line);
    expect(parallel.details.position).toEqual(single.details.position);
  });

  it('an error of the scanner (a damaged dump) still stops the run, after the batches before it', async () => {
    const input = readFileSync(generated('postgres', 'copy', '3MB').path);
    const cut = input.subarray(0, input.length - 20_000); // ends inside a COPY block: no \.
    const opts = { rules: benchRules('postgres-typical'), secret: 'parallel-secret' };
    const single = oneThreadError(cut, opts);
    const parallel = await parallelError(cut, { ...opts, threads: 2 });
    expect(single?.code).toMatch(/^DUMP_/);
    expect(parallel?.code).toBe(single.code);
    expect(parallel.details.position).toEqual(single.details.position);
  });
});
