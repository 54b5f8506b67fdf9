import type { PathSet } from './json-path.js';

/**
 * A validating JSON scanner that finds the values a PathSet selects, without building a tree.
 * It reports each selected value as (pattern, kind, start, end) through `onMatch`; all other bytes
 * are left alone, so a rewrite keeps key order, whitespace and number spelling exactly.
 */
export type JsonKind = 'string' | 'number' | 'true' | 'false' | 'null' | 'object' | 'array';

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** `escaped`: a selected string holds escapes (else its text is exactly what is between the quotes). */
export type OnMatch = (pattern: number, kind: JsonKind, start: number, end: number, escaped: boolean) => void;

const MAX_DEPTH = 4096;

export class JsonScanner {
  private s = '';
  private i = 0;
  private depth = 0;
  /** Whether the last string scanned held escapes. */
  private escaped = false;
  private onMatch: OnMatch = () => {};

  constructor(private readonly paths: PathSet) {}

  scan(text: string, onMatch: OnMatch): void {
    this.s = text;
    this.i = 0;
    this.depth = 0;
    this.onMatch = onMatch;
    this.ws();
    const rootMatch = this.paths.rootMatch();
    const start = this.i;
    const kind = this.value(rootMatch >= 0 ? null : this.paths.root());
    if (rootMatch >= 0) this.onMatch(rootMatch, kind, start, this.i, this.escaped);
    this.ws();
    if (this.i < this.s.length) this.fail('unexpected text after the JSON value');
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.i);
  }

  private ws(): void {
    const s = this.s;
    let i = this.i;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  /** Scan one value; `states` null means nothing below can match (validate only). */
  private value(states: number[] | null): JsonKind {
    const s = this.s;
    if (this.i >= s.length) this.fail('unexpected end of the JSON text');
    const c = s.charCodeAt(this.i);
    if (c === 34) {
      this.string();
      return 'string';
    }
    if (c === 123) return this.object(states);
    if (c === 91) return this.array(states);
    if (c === 116) return this.word('true');
    if (c === 102) return this.word('false');
    if (c === 110) return this.word('null');
    if (c === 45 || (c >= 48 && c <= 57)) {
      this.number();
      return 'number';
    }
    this.fail(`unexpected character ${JSON.stringify(s[this.i])}`);
  }

  private word(w: 'true' | 'false' | 'null'): JsonKind {
    if (!this.s.startsWith(w, this.i)) this.fail(`expected ${w}`);
    this.i += w.length;
    return w;
  }

  private number(): void {
    const s = this.s;
    let i = this.i;
    if (s.charCodeAt(i) === 45) i++;
    const d0 = i;
    if (s.charCodeAt(i) === 48) i++;
    else while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === d0) this.fail('expected a digit');
    if (s.charCodeAt(i) === 46) {
      i++;
      const f0 = i;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === f0) {
        this.i = i;
        this.fail('expected a digit after the decimal point');
      }
    }
    const e = s.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = s.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      const e0 = i;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === e0) {
        this.i = i;
        this.fail('expected a digit in the exponent');
      }
    }
    this.i = i;
  }

  /** Scan a string starting at the quote; returns whether it had escapes. */
  private string(): boolean {
    const s = this.s;
    let i = this.i + 1;
    let escaped = false;
    for (;;) {
      if (i >= s.length) {
        this.i = i;
        this.fail('unterminated string');
      }
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        const n = s.charCodeAt(i + 1);
        if (n === 117) {
          if (!/^[0-9A-Fa-f]{4}$/.test(s.slice(i + 2, i + 6))) {
            this.i = i;
            this.fail('bad \\u escape');
          }
          i += 6;
        } else if (n === 34 || n === 92 || n === 47 || n === 98 || n === 102 || n === 110 || n === 114 || n === 116) i += 2;
        else {
          this.i = i;
          this.fail('bad escape');
        }
      } else if (c < 32) {
        this.i = i;
        this.fail('control character in a string');
      } else i++;
    }
    this.i = i + 1;
    this.escaped = escaped;
    return escaped;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
  }

  private object(states: number[] | null): JsonKind {
    this.enter();
    const s = this.s;
    this.i++;
    this.ws();
    if (s.charCodeAt(this.i) === 125) {
      this.i++;
      this.depth--;
      return 'object';
    }
    for (;;) {
      this.ws();
      if (s.charCodeAt(this.i) !== 34) this.fail('expected a key string');
      const k0 = this.i;
      const escaped = this.string();
      const k1 = this.i;
      this.ws();
      if (s.charCodeAt(this.i) !== 58) this.fail('expected ":"');
      this.i++;
      this.ws();
      if (states === null || states.length === 0) this.value(null);
      else this.child(states, escaped ? (JSON.parse(s.slice(k0, k1)) as string) : s.slice(k0 + 1, k1 - 1));
      this.ws();
      const c = s.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        continue;
      }
      if (c === 125) {
        this.i++;
        this.depth--;
        return 'object';
      }
      this.fail('expected "," or "}"');
    }
  }

  private array(states: number[] | null): JsonKind {
    this.enter();
    const s = this.s;
    this.i++;
    this.ws();
    if (s.charCodeAt(this.i) === 93) {
      this.i++;
      this.depth--;
      return 'array';
    }
    for (let index = 0; ; index++) {
      this.ws();
      if (states === null || states.length === 0) this.value(null);
      else this.child(states, index);
      this.ws();
      const c = s.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        continue;
      }
      if (c === 93) {
        this.i++;
        this.depth--;
        return 'array';
      }
      this.fail('expected "," or "]"');
    }
  }

  private child(states: number[], key: string | number): void {
    const next = this.paths.step(states, key);
    const match = this.paths.match;
    const start = this.i;
    const kind = this.value(match >= 0 ? null : next);
    if (match >= 0) this.onMatch(match, kind, start, this.i, this.escaped);
  }
}
