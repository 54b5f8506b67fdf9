import { describe, expect, it } from 'vitest';
import { OrderedOutput } from '../../src/parallel/ordered-output.js';

const b = (s: string): Buffer => Buffer.from(s);

describe('OrderedOutput', () => {
  it('emits ready buffers at once while nothing is pending', () => {
    const got: string[] = [];
    const o = new OrderedOutput((x) => got.push(x.toString()));
    o.push(b('a'));
    o.push(b('b'));
    expect(got).toEqual(['a', 'b']);
    expect(o.emitted).toBe(2);
  });

  it('keeps input order whatever order the slots complete in', () => {
    const got: string[] = [];
    const o = new OrderedOutput((x) => got.push(x.toString()));
    o.push(b('0'));
    const s1 = o.slot();
    o.push(b('1'));
    const s2 = o.slot();
    o.push(b('2'));
    expect(got).toEqual(['0']);
    expect(o.queuedBytes).toBe(2);
    o.complete(s2, [b('S'), b('2')]);
    expect(got).toEqual(['0']);
    o.complete(s1, [b('S1')]);
    expect(got).toEqual(['0', 'S1', '1', 'S', '2', '2']);
    expect(o.pending).toBe(0);
    expect(o.queuedBytes).toBe(0);
  });

  it('stops all output at the first failed slot, and keeps what came before it', async () => {
    const got: string[] = [];
    const o = new OrderedOutput((x) => got.push(x.toString()));
    o.push(b('before'));
    const s1 = o.slot();
    o.push(b('between'));
    const s2 = o.slot();
    const idle = o.idle();
    o.complete(s2, [b('later')]);
    o.fail(s1, new Error('row 7 is not JSON'));
    await idle;
    expect((o.failure as Error).message).toBe('row 7 is not JSON');
    o.push(b('after'));
    expect(got).toEqual(['before']);
  });

  it('until() resolves when its test holds after a slot settles', async () => {
    const o = new OrderedOutput(() => {});
    const s = o.slot();
    let done = false;
    const p = o.until(() => o.pending === 0).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    o.complete(s, [b('x')]);
    await p;
    expect(done).toBe(true);
  });
});
