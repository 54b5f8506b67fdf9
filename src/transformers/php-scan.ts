import type { PathSet, States } from './json-path.js';

/**
 * A scanner for PHP's serialize() format, as WordPress and its plugins store settings and metadata:
 *   N;  b:1;  i:-5;  d:0.5;  s:5:"hello";  a:2:{i:0;s:1:"x";s:3:"key";i:7;}  O:8:"stdClass":1:{s:1:"a";N;}
 * plus E:…:"Enum:Case"; (PHP 8.1), C:…:"Class":n:{…} (custom, opaque) and r:n; / R:n; (references).
 * String lengths count bytes (UTF-8 here), not characters. Scalars selected by a PathSet (keys of
 * arrays and properties of objects, as JSON paths: $.key, [0], [*], ..key) are reported with the
 * extent of their whole token, so a rule can replace them; nothing else is touched.
 */
export type PhpKind = 'string' | 'int' | 'float' | 'bool' | 'null';

/**
 * A selected scalar: pattern index, kind, its token value[start, end) (e.g. `s:3:"abc";`), its text,
 * and the keys that lead to it from the root (valid during the call only).
 */
export type PhpMatch = (pattern: number, kind: PhpKind, start: number, end: number, text: string, keys: readonly (string | number)[]) => void;

export class PhpSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 64;

export class PhpScanner {
  private s = '';
  private i = 0;
  private onMatch: PhpMatch = () => {};
  private readonly keys: (string | number)[] = [];

  constructor(private readonly paths: PathSet) {}

  /** Scan a whole value; throws PhpSyntaxError (with the character position) when it is not serialize() output. */
  scan(value: string, onMatch: PhpMatch): void {
    this.s = value;
    this.i = 0;
    this.onMatch = onMatch;
    this.keys.length = 0;
    this.value(this.paths.root(), this.paths.rootMatch(), 0);
    if (this.i !== value.length) throw new PhpSyntaxError('text after the serialized value', this.i);
  }

  private value(states: States, match: number, depth: number): void {
    if (depth > MAX_DEPTH) throw new PhpSyntaxError('nested too deeply', this.i);
    const s = this.s;
    const start = this.i;
    const t = s[start];
    if (t === 'N') {
      this.expect('N;');
      if (match >= 0) this.onMatch(match, 'null', start, this.i, '', this.keys);
      return;
    }
    if (s[start + 1] !== ':') throw new PhpSyntaxError(`expected a serialized value (N; b: i: d: s: a: O: …), found "${s.slice(start, start + 10)}"`, start);
    this.i = start + 2;
    switch (t) {
      case 'b':
      case 'i':
      case 'd': {
        const end = s.indexOf(';', this.i);
        if (end < 0) throw new PhpSyntaxError('unterminated number', start);
        const text = s.slice(this.i, end);
        const ok = t === 'b' ? text === '0' || text === '1' : t === 'i' ? /^[+-]?\d+$/.test(text) : /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NAN)$/.test(text);
        if (!ok) throw new PhpSyntaxError(`bad ${t === 'b' ? 'boolean' : t === 'i' ? 'integer' : 'float'} "${text}"`, this.i);
        this.i = end + 1;
        if (match >= 0) this.onMatch(match, t === 'b' ? 'bool' : t === 'i' ? 'int' : 'float', start, this.i, text, this.keys);
        return;
      }
      case 's': {
        const text = this.string();
        this.expect(';');
        if (match >= 0) this.onMatch(match, 'string', start, this.i, text, this.keys);
        return;
      }
      case 'E': {
        this.string();
        this.expect(';');
        return;
      }
      case 'r':
      case 'R': {
        const end = s.indexOf(';', this.i);
        if (end < 0 || !/^\d+$/.test(s.slice(this.i, end))) throw new PhpSyntaxError('bad reference', start);
        this.i = end + 1;
        return;
      }
      case 'a':
        this.entries(this.count(), states, depth);
        return;
      case 'O': {
        this.string();
        this.expect(':');
        this.entries(this.count(), states, depth);
        return;
      }
      case 'C': {
        this.string();
        this.expect(':');
        const n = this.count();
        // opaque data of n bytes between braces
        this.i = this.skipBytes(this.i, n);
        this.expect('}');
        return;
      }
      default:
        throw new PhpSyntaxError(`unknown type "${t}"`, start);
    }
  }

  /** `n:{` → n (the ':' before n is consumed already). */
  private count(): number {
    const s = this.s;
    const colon = s.indexOf(':', this.i);
    if (colon < 0 || !/^\d+$/.test(s.slice(this.i, colon)) || s[colon + 1] !== '{') throw new PhpSyntaxError('bad element count', this.i);
    const n = Number(s.slice(this.i, colon));
    this.i = colon + 2;
    return n;
  }

  /** n key/value pairs, then `}`; keys are `i:n;` or `s:len:"name";` (object properties may carry \0…\0 visibility prefixes). */
  private entries(n: number, states: States, depth: number): void {
    for (let k = 0; k < n; k++) {
      const t = this.s[this.i];
      let key: string | number;
      if (t === 'i' && this.s[this.i + 1] === ':') {
        const end = this.s.indexOf(';', this.i);
        const text = this.s.slice(this.i + 2, end);
        if (end < 0 || !/^[+-]?\d+$/.test(text)) throw new PhpSyntaxError('bad integer key', this.i);
        key = Number(text);
        this.i = end + 1;
      } else if (t === 's' && this.s[this.i + 1] === ':') {
        this.i += 2;
        const name = this.string();
        this.expect(';');
        key = name.slice(name.lastIndexOf('\u0000') + 1);
      } else throw new PhpSyntaxError('expected an array key (i: or s:)', this.i);
      const next = this.paths.step(states, key);
      this.keys.push(key);
      this.value(next, this.paths.match, depth + 1);
      this.keys.pop();
    }
    this.expect('}');
  }

  /** `len:"…"` (after `s:`): the text of `len` UTF-8 bytes between the quotes. */
  private string(): string {
    const s = this.s;
    const colon = s.indexOf(':', this.i);
    if (colon < 0 || !/^\d+$/.test(s.slice(this.i, colon)) || s[colon + 1] !== '"') throw new PhpSyntaxError('bad string length', this.i);
    const len = Number(s.slice(this.i, colon));
    const from = colon + 2;
    const to = this.skipBytes(from, len);
    if (s[to] !== '"') throw new PhpSyntaxError(`a string of ${len} bytes does not end with '"' (its length is wrong)`, to);
    this.i = to + 1;
    return s.slice(from, to);
  }

  /** The index after `bytes` UTF-8 bytes from `from`. */
  private skipBytes(from: number, bytes: number): number {
    const s = this.s;
    let i = from;
    let left = bytes;
    while (left > 0) {
      if (i >= s.length) throw new PhpSyntaxError('a string runs past the end of the value', from);
      const c = s.charCodeAt(i);
      if (c < 0x80) left -= 1;
      else if (c < 0x800) left -= 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        left -= 4;
        i++;
      } else left -= 3;
      i++;
    }
    if (left < 0) throw new PhpSyntaxError(`a string length of ${bytes} bytes ends inside a character`, from);
    return i;
  }

  private expect(text: string): void {
    if (!this.s.startsWith(text, this.i)) throw new PhpSyntaxError(`expected "${text}"`, this.i);
    this.i += text.length;
  }
}

/** The serialized token for a string. */
export function phpString(text: string): string {
  return `s:${Buffer.byteLength(text, 'utf8')}:"${text}";`;
}
