import { createHmac, randomBytes } from 'node:crypto';
import { Rng } from './rng.js';
import { sip128, sip128Utf8, siphash, sipKeyFromBytes, type SipKey } from './siphash-wasm.js';

/**
 * Keyring: the one place the secret is turned into keys.
 * master = HMAC-SHA256(secret, "veil-stream/v1")[0..16]; each consistency domain (transformer + the
 * params that change meaning, or an explicit `consistency` name) gets its own SipHash key
 * SipHash-128(master, "domain:" + name), so per value only one SipHash-128 runs:
 * seed = SipHash-2-4-128(domainKey, utf8(value)).
 */
export class Keyring {
  private readonly master: SipKey;
  private readonly domains = new Map<string, Domain>();
  /** The single Rng every transformer draws from; re-seeded per value. */
  readonly rng = new Rng();

  constructor(secret: string | Uint8Array | { master: Uint32Array }) {
    if (typeof secret === 'object' && 'master' in secret) {
      this.master = Uint32Array.from(secret.master);
      return;
    }
    const mac = createHmac('sha256', typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret);
    mac.update('veil-stream/v1');
    this.master = sipKeyFromBytes(mac.digest());
  }

  /** The derived master key (not the secret), for worker threads that must make the same fakes. */
  exportMaster(): Uint32Array {
    return Uint32Array.from(this.master);
  }

  /** A keyring with a random per-run secret (consistent within the run only). */
  static random(): Keyring {
    return new Keyring(randomBytes(32));
  }

  domain(name: string): Domain {
    let d = this.domains.get(name);
    if (!d) {
      const bytes = Buffer.from(`domain:${name}`, 'utf8');
      const out = new Uint32Array(4);
      siphash(this.master, bytes, 0, bytes.length, out, 4);
      d = new Domain(out);
      this.domains.set(name, d);
    }
    return d;
  }
}

/** Keyed derivation for one consistency domain. */
export class Domain {
  /** The last computed 128 keyed bits (owned by this domain; copy if kept). */
  readonly seed = new Uint32Array(4);

  constructor(private readonly key: SipKey) {}

  private last: string | undefined;

  /** Compute the 128 keyed bits of `value` into `this.seed` and return them (memoized for the last value). */
  bits(value: string): Uint32Array {
    if (value === this.last) return this.seed;
    this.last = value;
    sip128Utf8(this.key, value, this.seed);
    return this.seed;
  }

  /**
   * The same bits as bits(value), hashed straight from the dump: `buf[start, end)` must be exactly the
   * UTF-8 bytes of `value` (a field that needed no unescaping). Saves re-encoding the string.
   */
  bitsRaw(value: string, buf: Uint8Array, start: number, end: number): Uint32Array {
    if (value === this.last) return this.seed;
    this.last = value;
    sip128(this.key, buf, start, end, this.seed);
    return this.seed;
  }

  /**
   * The same bits as bits(value) where `buf[start, end)` is the UTF-8 of a value that was never
   * decoded (the transformers' byte path); not memoized.
   */
  bitsBytes(buf: Uint8Array, start: number, end: number): Uint32Array {
    this.last = undefined;
    sip128(this.key, buf, start, end, this.seed);
    return this.seed;
  }

  /** Keyed bits of raw bytes (used where a value is binary). */
  bitsOfBytes(bytes: Uint8Array): Uint32Array {
    this.last = undefined;
    siphash(this.key, bytes, 0, bytes.length, this.seed, 4);
    return this.seed;
  }
}
