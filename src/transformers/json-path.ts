/**
 * The JSONPath subset of json rules: $ (root), .key, ['key'] / ["key"], [n], [*], .*, and ..key / ..*
 * (any depth). Paths are compiled once; matching runs while the document is scanned.
 */
export type Seg =
  | { t: 'key'; key: string }
  | { t: 'index'; index: number }
  | { t: 'any' }
  | { t: 'deep'; inner: { t: 'key'; key: string } | { t: 'any' } };

/** Parse a path; throws an Error with the character position on bad syntax. */
export function parseJsonPath(path: string): Seg[] {
  if (!path.startsWith('$')) throw new Error('a JSON path starts with "$", e.g. "$.user.email"');
  const segs: Seg[] = [];
  let i = 1;
  const ident = /^[^.[\]\s'"*]+/;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      const deep = path[i + 1] === '.';
      const j = deep ? i + 2 : i + 1;
      let inner: { t: 'key'; key: string } | { t: 'any' };
      let next: number;
      if (path[j] === '*') {
        inner = { t: 'any' };
        next = j + 1;
      } else if (path[j] === '[' && deep) {
        // $..['key'] / $..[*]
        const [seg, end] = bracket(path, j);
        if (seg.t === 'index') throw new Error(`"..[n]" is not supported (character ${j + 1})`);
        inner = seg;
        next = end;
      } else {
        const m = ident.exec(path.slice(j));
        if (!m) throw new Error(`expected a key name after "${deep ? '..' : '.'}" at character ${j + 1}`);
        inner = { t: 'key', key: m[0] };
        next = j + m[0].length;
      }
      segs.push(deep ? { t: 'deep', inner } : inner);
      i = next;
    } else if (c === '[') {
      const [seg, end] = bracket(path, i);
      segs.push(seg);
      i = end;
    } else {
      throw new Error(`unexpected "${c}" at character ${i + 1} (use .key, ['key'], [0] or [*])`);
    }
  }
  return segs;
}

function bracket(path: string, i: number): [{ t: 'key'; key: string } | { t: 'index'; index: number } | { t: 'any' }, number] {
  const q = path[i + 1];
  if (q === '*' && path[i + 2] === ']') return [{ t: 'any' }, i + 3];
  if (q === "'" || q === '"') {
    let j = i + 2;
    let key = '';
    while (j < path.length && path[j] !== q) {
      if (path[j] === '\\' && j + 1 < path.length) j++;
      key += path[j++];
    }
    if (path[j] !== q || path[j + 1] !== ']') throw new Error(`unclosed [${q}…${q}] at character ${i + 1}`);
    return [{ t: 'key', key }, j + 2];
  }
  const m = /^(\d+)\]/.exec(path.slice(i + 1));
  if (!m) throw new Error(`expected [n], [*] or ['key'] at character ${i + 1}`);
  return [{ t: 'index', index: Number(m[1]) }, i + 1 + m[0].length];
}

/**
 * Match states: pairs (pattern, position) packed as pattern * 64 + position. A document's scanner holds
 * a States at each level and steps it across each child (a key or an index).
 */
export class States {
  /**
   * Children already stepped into: key → the states below and the pattern the child completes.
   * Documents of one column repeat their keys, so most steps are one Map lookup (at most MEMO_STEPS
   * are kept per PathSet: keys may be data, e.g. ids).
   */
  readonly below = new Map<string | number, Step>();
  /** The same steps for up to BYTE_KEYS keys, by their UTF-8 (stepBytes: no key decoded). */
  readonly keyBytes: Uint8Array[] = [];
  readonly keySteps: Step[] = [];
  /** No pattern can match below: the scanner only validates. */
  readonly none: boolean;

  constructor(readonly ids: readonly number[]) {
    this.none = ids.length === 0;
  }
}

interface Step {
  next: States;
  match: number;
}

/** Keys per level matched by their bytes: a document's own keys, not data used as keys (ids). */
const BYTE_KEYS = 16;

export class PathSet {
  private readonly rootStates: States;
  private memoSize = 0;

  constructor(readonly paths: Seg[][]) {
    for (const p of paths) if (p.length >= 64) throw new Error('JSON paths are limited to 63 steps');
    this.rootStates = new States(paths.map((_, i) => i * 64));
  }

  /** The states at the root (the same object every time), and which pattern (if any) matches the root itself ("$"). */
  root(): States {
    return this.rootStates;
  }

  rootMatch(): number {
    return this.paths.findIndex((p) => p.length === 0);
  }

  /** The pattern the last step() completed (the first one listed), or -1. */
  match = -1;

  /** States after descending into child `key` (string) or `index` (number); the completed pattern, if any, in `match`. */
  step(states: States, key: string | number): States {
    const known = states.below.get(key);
    if (known !== undefined) {
      this.match = known.match;
      return known.next;
    }
    const next = new States(this.compute(states.ids, key));
    if (this.memoSize < MEMO_STEPS) {
      states.below.set(key, { next, match: this.match });
      this.memoSize++;
    }
    return next;
  }

  /**
   * step() for an object key given as its UTF-8 buf[a, b) (no escapes): a key seen before at this
   * level is matched on its bytes; another is decoded by `decode` and stepped into.
   */
  stepBytes(states: States, buf: Uint8Array, a: number, b: number, decode: (buf: Uint8Array, a: number, b: number) => string): States {
    const known = states.keyBytes;
    const len = b - a;
    for (let k = 0; k < known.length; k++) {
      const x = known[k];
      if (x.length !== len) continue;
      let j = 0;
      while (j < len && x[j] === buf[a + j]) j++;
      if (j === len) {
        const st = states.keySteps[k];
        this.match = st.match;
        return st.next;
      }
    }
    const key = decode(buf, a, b);
    const next = this.step(states, key);
    const st = states.below.get(key);
    if (st !== undefined && known.length < BYTE_KEYS) {
      // a copy: buf may be a Buffer (slice() would be a view) over memory the next field overwrites
      // (a codec's unescape scratch, a worker's batch slot)
      known.push(Uint8Array.from(buf.subarray(a, b)));
      states.keySteps.push(st);
    }
    return next;
  }

  private compute(states: readonly number[], key: string | number): number[] {
    const next: number[] = [];
    let match = -1;
    for (let i = 0; i < states.length; i++) {
      const st = states[i];
      const p = st >> 6;
      const pos = st & 63;
      const pat = this.paths[p];
      const seg = pat[pos];
      if (!seg) continue;
      if (seg.t === 'deep') {
        next.push(st); // keep looking deeper
        if (hit(seg.inner, key)) {
          if (pos + 1 === pat.length) match = match < 0 || p < match ? p : match;
          else next.push(st + 1);
        }
      } else if (hit(seg, key)) {
        if (pos + 1 === pat.length) match = match < 0 || p < match ? p : match;
        else next.push(st + 1);
      }
    }
    this.match = match;
    return next;
  }
}

const MEMO_STEPS = 4096;

function hit(s: Seg, key: string | number): boolean {
  return s.t === 'any' ? true : s.t === 'key' ? typeof key === 'string' && key === s.key : s.t === 'index' ? key === s.index : false;
}
