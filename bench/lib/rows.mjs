// Row writers: for one codec, closures that write one encoded row (fields joined by the codec's
// separator, no framing) straight into a ByteOut. Pools are pre-encoded to bytes once, so the hot
// path is byte copies and digit writes (string building + UTF-8 encoding ran at ~100 MB/s; this ~3x).
import { mix32 } from './prng.mjs';
import { FIRST_NAMES, LAST_NAMES, DOMAINS, ACTIONS, USER_AGENTS, slug } from './data.mjs';
import { enc, put, putUint, putPad, putHex16 } from './bytes.mjs';

const EPOCH = Date.UTC(2019, 0, 1);
const DAYS = Array.from({ length: 4096 }, (_, i) => enc(new Date(EPOCH + i * 86400000).toISOString().slice(0, 10)));
const FIRST_SLUG = FIRST_NAMES.map((s) => enc(slug(s)));
const LAST_SLUG = LAST_NAMES.map((s) => enc(slug(s)));
const DOMAIN = DOMAINS.map((s) => enc('@' + s));
const B_SHOP = enc('+shop');
const B_NULL_JSON = enc('null');
const B_TRUE = enc('true');
const B_FALSE = enc('false');
const B_V6 = enc('2001:db8:');
const B_P1 = enc('+1 ');
const B_P44 = enc('+44 20 ');
const B_P49 = enc('+49 30 ');
const B_P41 = enc('+41 44 ');
const B_SKU = enc('SKU-');
const SKU_LETTER = enc('ABCDEFGHJK');

/**
 * @param codec  from makeCodec()
 * @param pools  from buildPools()
 * @param rng    the main PRNG (row content)
 * @param seedHash  number mixed into per-user hashing (emails are a pure function of user id)
 */
export function makeRowWriters(codec, pools, rng, seedHash) {
  const { pg } = codec;
  const L = (s) => enc(codec.lit(s));
  const E = (s) => enc(codec.esc(s));
  const next = rng.next;
  const u = () => next() / 4294967296;
  const QC = codec.q ? codec.q.charCodeAt(0) : 0;
  const S0 = codec.sep.charCodeAt(0);
  const S1 = codec.sep.length > 1 ? codec.sep.charCodeAt(1) : 0;
  const NUL = enc(codec.NULL);
  const T = enc(codec.T);
  const F = enc(codec.F);
  const EMPTY = enc(codec.lit(''));
  const FIRST = FIRST_NAMES.map(L);
  const LAST = LAST_NAMES.map(L);
  const BIOS = pools.bios.map(L);
  const NOTES = pools.notes.map(L);
  const DESCS = pools.descriptions.map(L);
  const PNAMES = pools.productNames.map(L);
  const BIRTH = pools.birthDates.map((d) => enc(codec.q + d + codec.q));
  const ACT = ACTIONS.map(L);
  const UA = USER_AGENTS.map(E);
  const SHIP = pools.addresses.map((a) => L(`${a.street}\n${a.zip} ${a.city}\n${a.country}`));
  const js = JSON.stringify;
  // jsonb prints keys ordered by (length, bytes) with ", " / ": "; MariaDB keeps the text as inserted.
  const ADDR_JSON = pools.addresses.map((a) => E(pg
    ? `{"zip": ${js(a.zip)}, "city": ${js(a.city)}, "street": ${js(a.street)}, "country": ${js(a.country)}}`
    : `{"street":${js(a.street)},"city":${js(a.city)},"zip":${js(a.zip)},"country":${js(a.country)}}`));
  const DQ = E('"');
  const P_EMAIL = E(pg ? '{"email": "' : '{"email":"');
  const P_PHONE = E(pg ? '", "phone": ' : '","phone":');
  const P_ADDR = E(pg ? ', "address": ' : ',"address":');
  const P_NEWS = E(pg ? ', "newsletter": ' : ',"newsletter":');
  const TAGS = (pg
    ? ['{}', '{vip}', '{beta,newsletter}', '{"early adopter",vip}', '{"say \\"hi\\"",test}', '{b2b}']
    : ['', 'vip', 'beta,newsletter', 'early adopter,vip', 'say "hi",test', 'b2b']).map(L);
  const A_IP = E('{"ip":"');
  const A_UA = E('","ua":"');
  const A_EMAIL = E('","email":"');
  const A_CHANGES = E(',"changes":{"phone":["');
  const A_MID = E('","');
  const A_END = E('"]}');
  const TZ = enc('+00');

  const sep = (b, o) => { b[o++] = S0; if (S1) b[o++] = S1; return o; };
  const quote = (b, o) => { if (QC) b[o++] = QC; return o; };
  const userHash = (uid) => mix32(uid ^ seedHash);

  /** user's email (a pure function of the id, so orders/audit_log reuse it); upper = shout the local part */
  const email = (b, o, uid, upper) => {
    const h = userHash(uid);
    const start = o;
    const f = FIRST_SLUG[h % FIRST_SLUG.length];
    const l = LAST_SLUG[(h >>> 10) % LAST_SLUG.length];
    switch (h >>> 29) {
      case 0: case 1: case 2: case 3: o = put(b, o, f); b[o++] = 46; o = put(b, o, l); break;
      case 4: case 5: b[o++] = f[0]; o = put(b, o, l); break;
      case 6: o = put(b, o, l); b[o++] = 46; o = put(b, o, f); b[o++] = 46; break;
      default: o = put(b, o, f); o = put(b, o, B_SHOP);
    }
    o = putUint(b, o, uid);
    if (upper) for (let i = start; i < o; i++) if (b[i] >= 97 && b[i] <= 122) b[i] -= 32;
    return put(b, o, DOMAIN[(h >>> 20) % DOMAIN.length]);
  };
  const phone = (b, o) => {
    const s = next() >>> 29;
    if (s < 3) {
      o = put(b, o, B_P1); o = putPad(b, o, next() % 1000, 3); b[o++] = 45;
      o = putPad(b, o, next() % 1000, 3); b[o++] = 45; return putPad(b, o, next() % 10000, 4);
    }
    if (s === 3) {
      b[o++] = 40; o = putPad(b, o, next() % 1000, 3); b[o++] = 41; b[o++] = 32;
      o = putPad(b, o, next() % 1000, 3); b[o++] = 45; return putPad(b, o, next() % 10000, 4);
    }
    if (s === 4) { o = put(b, o, B_P44); o = putPad(b, o, next() % 10000, 4); b[o++] = 32; return putPad(b, o, next() % 10000, 4); }
    if (s === 5) return putPad(b, put(b, o, B_P49), next() % 100000000, 8);
    if (s === 6) {
      o = put(b, o, B_P41); o = putPad(b, o, next() % 1000, 3); b[o++] = 32;
      o = putPad(b, o, next() % 100, 2); b[o++] = 32; return putPad(b, o, next() % 100, 2);
    }
    b[o++] = 48; return putPad(b, o, next() % 1000000000, 9);
  };
  /** Timestamp literal: pg prints "+00" and trims trailing zeros of the fraction. */
  const ts = (b, o, day, micro6) => {
    o = quote(b, o);
    o = put(b, o, DAYS[day > 4095 ? 4095 : day]);
    const sec = next() % 86400;
    b[o++] = 32; o = putPad(b, o, (sec / 3600) | 0, 2);
    b[o++] = 58; o = putPad(b, o, ((sec / 60) | 0) % 60, 2);
    b[o++] = 58; o = putPad(b, o, sec % 60, 2);
    if (pg) {
      const us = next() % 1000000;
      if (us !== 0) {
        b[o++] = 46; o = putPad(b, o, us, 6);
        while (b[o - 1] === 48) o--;
      }
      o = put(b, o, TZ);
    } else if (micro6) {
      b[o++] = 46; o = putPad(b, o, next() % 1000000, 6);
    }
    return quote(b, o);
  };
  const ip = (b, o) => {
    if (next() < 429496730) {
      o = putHex16(b, put(b, o, B_V6), next() & 0xffff); b[o++] = 58; b[o++] = 58;
      return putHex16(b, o, next() & 0xffff);
    }
    o = putUint(b, o, 1 + (next() % 223)); b[o++] = 46;
    o = putUint(b, o, next() & 255); b[o++] = 46;
    o = putUint(b, o, next() & 255); b[o++] = 46;
    return putUint(b, o, 1 + (next() % 254));
  };
  const card = (b, o) => {
    o = quote(b, o);
    const s = next() % 10;
    if (s === 9) { // amex-like, 15 digits grouped 4-6-5
      b[o++] = 51; b[o++] = 55; o = putPad(b, o, next() % 100, 2); b[o++] = 32;
      o = putPad(b, o, next() % 1000000, 6); b[o++] = 32; o = putPad(b, o, next() % 100000, 5);
      return quote(b, o);
    }
    const start = o;
    if (s < 6) { b[o++] = 52; o = putPad(b, o, next() % 1000, 3); } else { b[o++] = 53; b[o++] = 49 + (next() % 5); o = putPad(b, o, next() % 100, 2); }
    o = putPad(b, o, next() % 1000000, 6); o = putPad(b, o, next() % 1000000, 6);
    if (next() % 5 === 0) { // "4111 1111 1111 1111"
      b.copyWithin(start + 15, start + 12, start + 16); b[start + 14] = 32;
      b.copyWithin(start + 10, start + 8, start + 12); b[start + 9] = 32;
      b.copyWithin(start + 5, start + 4, start + 8); b[start + 4] = 32;
      o += 3;
    }
    return quote(b, o);
  };
  const money = (b, o, max) => { o = putUint(b, o, next() % max); b[o++] = 46; return putPad(b, o, next() % 100, 2); };

  let userCount = 1;
  const pickUser = () => 1 + (next() % userCount);

  const users = (w, id) => {
    const b = w.buf;
    let o = putUint(b, w.off, id);
    o = sep(b, o);
    const r = u();
    o = quote(b, o);
    const e0 = o;
    o = email(b, o, id, r < 0.005);
    const e1 = o;
    o = quote(b, o); o = sep(b, o);
    const h = userHash(id);
    o = put(b, o, r > 0.97 ? NUL : r > 0.955 ? EMPTY : FIRST[h % FIRST.length]); o = sep(b, o);
    o = put(b, o, u() < 0.03 ? NUL : LAST[(h >>> 10) % LAST.length]); o = sep(b, o);
    const pr = u();
    let p0 = -1, p1 = -1;
    if (pr < 0.08) o = put(b, o, NUL);
    else if (pr < 0.10) { o = put(b, o, EMPTY); p0 = p1 = 0; }
    else { o = quote(b, o); p0 = o; o = phone(b, o); p1 = o; o = quote(b, o); }
    o = sep(b, o);
    o = put(b, o, u() < 0.06 ? NUL : BIRTH[next() & 4095]); o = sep(b, o);
    const br = u();
    const bio = br < 0.05 ? NUL : br < 0.08 ? EMPTY : BIOS[next() & 4095];
    const hasProfile = u() >= 0.1;
    o = ts(b, o, (id / 300) | 0, true); o = sep(b, o);
    o = put(b, o, bio); o = sep(b, o);
    if (hasProfile) {
      o = quote(b, o); o = put(b, o, P_EMAIL);
      b.copyWithin(o, e0, e1); o += e1 - e0;
      o = put(b, o, P_PHONE);
      if (p0 < 0) o = put(b, o, B_NULL_JSON);
      else { o = put(b, o, DQ); b.copyWithin(o, p0, p1); o += p1 - p0; o = put(b, o, DQ); }
      o = put(b, o, P_ADDR); o = put(b, o, ADDR_JSON[next() & 2047]);
      o = put(b, o, P_NEWS); o = put(b, o, next() & 1 ? B_TRUE : B_FALSE);
      b[o++] = 125; o = quote(b, o);
    } else o = put(b, o, NUL);
    o = sep(b, o);
    o = put(b, o, next() % 10 ? T : F); o = sep(b, o);
    const tr = next() % 10;
    w.off = put(b, o, tr < 4 ? NUL : TAGS[tr % TAGS.length]);
  };

  const orders = (w, id) => {
    const b = w.buf;
    let o = putUint(b, w.off, id);
    o = sep(b, o);
    const uid = pickUser();
    o = putUint(b, o, uid); o = sep(b, o);
    const er = u();
    if (er < 0.05) o = put(b, o, NUL);
    else if (er < 0.07) o = put(b, o, EMPTY);
    else { o = quote(b, o); o = email(b, o, er < 0.15 ? pickUser() : uid, false); o = quote(b, o); }
    o = sep(b, o);
    o = money(b, o, 5000); o = sep(b, o);
    o = u() < 0.05 ? put(b, o, NUL) : card(b, o); o = sep(b, o);
    o = put(b, o, u() < 0.04 ? NUL : SHIP[next() & 2047]); o = sep(b, o);
    if (u() < 0.05) o = put(b, o, NUL); else { o = quote(b, o); o = ip(b, o); o = quote(b, o); }
    o = sep(b, o);
    const nr = u();
    o = put(b, o, nr < 0.45 ? NUL : nr < 0.55 ? EMPTY : NOTES[next() & 1023]); o = sep(b, o);
    o = put(b, o, next() % 4 ? T : F); o = sep(b, o);
    w.off = ts(b, o, (id / 900) | 0, false);
  };

  const products = (w, id) => {
    const b = w.buf;
    let o = putUint(b, w.off, id);
    o = sep(b, o);
    o = quote(b, o); o = put(b, o, B_SKU); o = putPad(b, o, id % 1000000, 6); b[o++] = 45;
    b[o++] = SKU_LETTER[id % 10]; o = putUint(b, o, (id / 1000000) | 0); o = quote(b, o); o = sep(b, o);
    o = put(b, o, PNAMES[next() & 511]); o = sep(b, o);
    o = put(b, o, u() < 0.08 ? NUL : DESCS[next() & 1023]); o = sep(b, o);
    w.off = money(b, o, 2000);
  };

  const audit_log = (w, id) => {
    const b = w.buf;
    let o = putUint(b, w.off, id);
    o = sep(b, o);
    const uid = u() < 0.1 ? 0 : pickUser();
    o = uid ? putUint(b, o, uid) : put(b, o, NUL); o = sep(b, o);
    o = put(b, o, ACT[next() % ACT.length]); o = sep(b, o);
    const pr = u();
    if (pr < 0.05) o = put(b, o, NUL);
    else {
      o = quote(b, o); o = put(b, o, A_IP); o = ip(b, o); o = put(b, o, A_UA); o = put(b, o, UA[next() % UA.length]);
      if (uid && pr < 0.6) { o = put(b, o, A_EMAIL); o = email(b, o, uid, false); }
      o = put(b, o, DQ);
      if (pr > 0.85) {
        o = put(b, o, A_CHANGES); o = phone(b, o); o = put(b, o, A_MID); o = phone(b, o); o = put(b, o, A_END);
      }
      b[o++] = 125; o = quote(b, o);
    }
    o = sep(b, o);
    w.off = ts(b, o, (id / 1500) | 0, false);
  };

  return {
    rows: { users, orders, products, audit_log },
    setUserCount: (n) => { userCount = Math.max(1, n); },
  };
}
