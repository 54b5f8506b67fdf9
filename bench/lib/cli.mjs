// Tiny shared helpers for bench scripts: argv parsing and size parsing (MB = 1e6 bytes).

/** Parses `--key value`, `--key=value`, `-o value` and bare `--flag` into an object. */
export function parseArgs(argv, { aliases = {}, flags = [] } = {}) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    if (!a.startsWith('-') || a === '-') { out._.push(a); continue; }
    a = a.replace(/^--?/, '');
    let val;
    const eq = a.indexOf('=');
    if (eq >= 0) { val = a.slice(eq + 1); a = a.slice(0, eq); }
    a = aliases[a] ?? a;
    if (val === undefined) val = flags.includes(a) ? true : argv[++i];
    if (val === undefined) throw new Error(`missing value for --${a}`);
    out[a] = val;
  }
  return out;
}

const UNITS = { '': 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3, K: 1e3, M: 1e6, G: 1e9 };

/** "1GB" → 1e9, "100MB" → 1e8, "512MiB" → 536870912, "1.2GB" → 1.2e9. */
export function parseSize(s) {
  const m = /^\s*([\d.]+)\s*([a-zA-Z]*)\s*$/.exec(String(s));
  const unit = m && UNITS[m[2].toUpperCase()];
  if (!m || unit === undefined) throw new Error(`bad size "${s}" (use e.g. 100MB, 1GB, 1.2GB, 512MiB)`);
  return Math.round(parseFloat(m[1]) * unit);
}

/** Inverse-ish of parseSize for file names: 1e9 → "1g", 1.2e9 → "1.2g", 1e8 → "100m". */
export function sizeTag(bytes) {
  if (bytes >= 1e9) return `${+(bytes / 1e9).toFixed(2)}g`;
  if (bytes >= 1e6) return `${+(bytes / 1e6).toFixed(1)}m`;
  return `${+(bytes / 1e3).toFixed(1)}k`;
}
