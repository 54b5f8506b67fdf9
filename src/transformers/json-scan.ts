import { decodeText } from '../core/text.js';
import type { PathSet, States } from './json-path.js';

/**
 * A validating JSON scanner that finds the values a PathSet selects, without building a tree.
 * It reports each selected value as (pattern, kind, start, end) through `onMatch`; all other bytes
 * are left alone, so a rewrite keeps key order, whitespace and number spelling exactly.
 * It reads code units: a string's UTF-16 units (scan: positions are string indices) or UTF-8 bytes
 * (scanBytes: positions are byte offsets). JSON's syntax is ASCII and UTF-8 never puts a byte below
 * 0x80 inside a multi-byte character, so one scanner serves both.
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
/** Largest UTF-16 buffer (bytes) kept for the next scan(); longer texts get a buffer of their own. */
const KEEP_UNITS = 1 << 20;

export class JsonScanner {
  /** The code units scanned, [i, end). */
  private s: Uint16Array | Uint8Array = new Uint16Array(0);
  private end = 0;
  /** The text for keys: the string (scan), or the UTF-8 buffer (scanBytes). */
  private text = '';
  private buf: Buffer | null = null;
  /** UTF-16 units of scan()'s string, kept between calls. */
  private units = Buffer.alloc(1024);
  private i = 0;
  private depth = 0;
  /** Whether the last string scanned held escapes. */
  private escaped = false;
  private onMatch: OnMatch = () => {};

  constructor(private readonly paths: PathSet) {}

  scan(text: string, onMatch: OnMatch): void {
    const bytes = text.length * 2;
    if (bytes > this.units.length && bytes <= KEEP_UNITS) this.units = Buffer.alloc(Math.max(bytes, this.units.length * 2));
    const units = bytes <= this.units.length ? this.units : Buffer.alloc(bytes);
    units.write(text, 'utf16le'); // little-endian, as Uint16Array on the platforms Node runs on
    this.s = new Uint16Array(units.buffer, units.byteOffset, text.length);
    this.text = text;
    this.buf = null;
    this.run(0, text.length, onMatch);
  }

  /** Scan the UTF-8 bytes buf[start, end); positions reported are offsets into buf. */
  scanBytes(buf: Buffer, start: number, end: number, onMatch: OnMatch): void {
    this.s = buf;
    this.buf = buf;
    this.run(start, end, onMatch);
  }

  private run(start: number, end: number, onMatch: OnMatch): void {
    this.end = end;
    this.i = start;
    this.depth = 0;
    this.onMatch = onMatch;
    this.ws();
    const rootMatch = this.paths.rootMatch();
    const at = this.i;
    const kind = this.value(rootMatch >= 0 ? null : this.paths.root());
    if (rootMatch >= 0) this.onMatch(rootMatch, kind, at, this.i, this.escaped);
    this.ws();
    if (this.i < end) this.fail('unexpected text after the JSON value');
  }

  /** The code unit at i, or -1 past the end (the buffer of scanBytes goes on after the value). */
  private at(i: number): number {
    return i < this.end ? this.s[i] : -1;
  }

  /** A key string [k0, k1) (with its quotes) as text. */
  private key(k0: number, k1: number, escaped: boolean): string {
    if (escaped) return JSON.parse(this.buf === null ? this.text.slice(k0, k1) : decodeText(this.buf, k0, k1, 'utf8')) as string;
    if (this.buf === null) return this.text.slice(k0 + 1, k1 - 1);
    return this.keyBytes(this.buf, k0 + 1, k1 - 1);
  }

  /**
   * Recent short ASCII keys of scanBytes, by an FNV-1a hash of their bytes (two slots per hash): no
   * decoding for repeated keys.
   */
  private readonly keys: (string | undefined)[] = new Array<string | undefined>(KEY_SLOTS + 1).fill(undefined);

  /** keyBytes for PathSet.stepBytes (bound once). */
  private readonly decodeKey = (buf: Uint8Array, a: number, b: number): string => this.keyBytes(buf as Buffer, a, b);

  private keyBytes(buf: Buffer, a: number, b: number): string {
    const len = b - a;
    if (len > 32) return decodeText(buf, a, b, 'utf8');
    let h = 0x811c9dc5;
    let or = 0;
    for (let i = a; i < b; i++) {
      const c = buf[i];
      h = Math.imul(h ^ c, 0x01000193);
      or |= c;
    }
    if (or >= 0x80) return decodeText(buf, a, b, 'utf8');
    const slot = (h ^ (h >>> 15)) & (KEY_SLOTS - 1);
    const first = this.keys[slot];
    if (first !== undefined && sameAscii(first, buf, a, len)) return first;
    const second = this.keys[slot + 1];
    if (second !== undefined && sameAscii(second, buf, a, len)) return second;
    const key = decodeText(buf, a, b, 'latin1');
    this.keys[first === undefined || second !== undefined ? slot : slot + 1] = key;
    return key;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.i);
  }

  private ws(): void {
    const s = this.s;
    let i = this.i;
    while (i < this.end) {
      const c = s[i];
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  /** Scan one value; `states` null means nothing below can match (validate only). */
  private value(states: States | null): JsonKind {
    const s = this.s;
    if (this.i >= this.end) this.fail('unexpected end of the JSON text');
    const c = s[this.i];
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
    this.fail(`unexpected character ${JSON.stringify(String.fromCharCode(c))}`);
  }

  private word(w: 'true' | 'false' | 'null'): JsonKind {
    const s = this.s;
    for (let k = 0; k < w.length; k++) if (this.i + k >= this.end || s[this.i + k] !== w.charCodeAt(k)) this.fail(`expected ${w}`);
    this.i += w.length;
    return w;
  }

  private number(): void {
    const s = this.s;
    let i = this.i;
    if (this.at(i) === 45) i++;
    const d0 = i;
    if (this.at(i) === 48) i++;
    else while (i < this.end && s[i] >= 48 && s[i] <= 57) i++;
    if (i === d0) this.fail('expected a digit');
    if (this.at(i) === 46) {
      i++;
      const f0 = i;
      while (i < this.end && s[i] >= 48 && s[i] <= 57) i++;
      if (i === f0) {
        this.i = i;
        this.fail('expected a digit after the decimal point');
      }
    }
    const e = this.at(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = this.at(i);
      if (sign === 43 || sign === 45) i++;
      const e0 = i;
      while (i < this.end && s[i] >= 48 && s[i] <= 57) i++;
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
    const end = this.end;
    let i = this.i + 1;
    let escaped = false;
    for (;;) {
      if (i >= end) {
        this.i = i;
        this.fail('unterminated string');
      }
      const c = s[i];
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        const n = this.at(i + 1);
        if (n === 117) {
          if (!(isHex(this.at(i + 2)) && isHex(this.at(i + 3)) && isHex(this.at(i + 4)) && isHex(this.at(i + 5)))) {
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

  private object(states: States | null): JsonKind {
    this.enter();
    const s = this.s;
    this.i++;
    this.ws();
    if (this.at(this.i) === 125) {
      this.i++;
      this.depth--;
      return 'object';
    }
    for (;;) {
      this.ws();
      if (this.at(this.i) !== 34) this.fail('expected a key string');
      const k0 = this.i;
      const escaped = this.string();
      const k1 = this.i;
      this.ws();
      if (this.at(this.i) !== 58) this.fail('expected ":"');
      this.i++;
      this.ws();
      if (states === null || states.none) this.value(null);
      else if (this.buf !== null && !escaped) this.childAt(this.paths.stepBytes(states, this.buf, k0 + 1, k1 - 1, this.decodeKey));
      else this.child(states, this.key(k0, k1, escaped));
      this.ws();
      const c = this.at(this.i);
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

  private array(states: States | null): JsonKind {
    this.enter();
    const s = this.s;
    this.i++;
    this.ws();
    if (this.at(this.i) === 93) {
      this.i++;
      this.depth--;
      return 'array';
    }
    for (let index = 0; ; index++) {
      this.ws();
      if (states === null || states.none) this.value(null);
      else this.child(states, index);
      this.ws();
      const c = this.at(this.i);
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

  private child(states: States, key: string | number): void {
    this.childAt(this.paths.step(states, key));
  }

  /** The value of a child whose step was taken: `next` below it, and the pattern it completes in paths.match. */
  private childAt(next: States): void {
    const match = this.paths.match;
    const start = this.i;
    const kind = this.value(match >= 0 ? null : next);
    if (match >= 0) this.onMatch(match, kind, start, this.i, this.escaped);
  }
}

const KEY_SLOTS = 512;

function sameAscii(key: string, buf: Buffer, a: number, len: number): boolean {
  if (key.length !== len) return false;
  for (let i = 0; i < len; i++) if (key.charCodeAt(i) !== buf[a + i]) return false;
  return true;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
