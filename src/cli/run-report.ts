import type { MaskSummary } from '../mask.js';
import type { TableCoverage } from '../policy/coverage.js';
import { plural } from '../plural.js';
import { formatBytes } from './progress.js';

/** The JSON written by --report: what one run read, wrote and masked, and what it found. */
export interface RunReport {
  version: 1;
  dialect: string;
  /** Bytes of the dump as read (compressed when the input was), and of plain SQL after decompression. */
  inputBytes: number;
  bytesIn: number;
  bytesOut: number;
  /** Bytes written to -o (compressed when it ends in .gz/.zst); null when writing to stdout. */
  outputBytes: number | null;
  compression: { input: string | null; output: string | null };
  seconds: number;
  /** Plain SQL megabytes (10^6) per second. */
  mbPerSecond: number;
  /** Peak resident set size of the process, in bytes. */
  peakRssBytes: number;
  /** Worker threads that masked rows (0: none were started, e.g. a small dump or --threads 0). */
  threads: number;
  /** Per table: rows seen (null where not counted: tables without rules in INSERT statements), values masked per column. */
  tables: MaskSummary['tables'];
  rules: MaskSummary['rules'];
  /** Per table: which columns a rule rewrites, which are kept, which nothing covers, PII suspects. */
  coverage: {
    table: string;
    rule: string[];
    keep: string[];
    uncovered: string[];
    truncated: boolean;
    piiSuspects: { column: string; kind: string; reason: string }[];
  }[];
  warnings: ReportDiagnostic[];
  diagnostics: ReportDiagnostic[];
}

interface ReportDiagnostic {
  code: string;
  severity: string;
  message: string;
  path?: string;
  table?: string;
  column?: string;
}

export interface RunFacts {
  seconds: number;
  inputBytes: number;
  outputBytes: number | null;
  inputCompression?: string;
  outputCompression?: string;
}

export function buildReport(summary: MaskSummary, facts: RunFacts): RunReport {
  const diagnostics = summary.diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.path ? { path: d.path } : {}),
    ...(d.table ? { table: d.table } : {}),
    ...(d.column ? { column: d.column } : {}),
  }));
  const seconds = facts.seconds;
  return {
    version: 1,
    dialect: summary.dialect,
    inputBytes: facts.inputBytes,
    bytesIn: summary.bytesIn,
    bytesOut: summary.bytesOut,
    outputBytes: facts.outputBytes,
    compression: { input: facts.inputCompression ?? null, output: facts.outputCompression ?? null },
    seconds: Math.round(seconds * 1000) / 1000,
    mbPerSecond: seconds > 0 ? Math.round((summary.bytesIn / 1e6 / seconds) * 10) / 10 : 0,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    threads: summary.threads,
    tables: summary.tables,
    rules: summary.rules,
    coverage: summary.coverage.map(compactCoverage),
    warnings: diagnostics.filter((d) => d.severity === 'warning' || d.severity === 'error'),
    diagnostics,
  };
}

function compactCoverage(t: TableCoverage): RunReport['coverage'][number] {
  const pick = (s: string) => t.columns.filter((c) => c.status === s).map((c) => c.column);
  return {
    table: t.table,
    rule: pick('rule'),
    keep: pick('keep'),
    uncovered: pick('uncovered'),
    truncated: t.truncated,
    piiSuspects: t.columns
      .filter((c) => c.status === 'uncovered')
      .flatMap((c) => c.pii.map((g) => ({ column: c.column, kind: g.kind, reason: g.reason }))),
  };
}

export function reportText(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** A one-screen summary for stderr. */
export function renderSummary(r: RunReport): string {
  const lines = [
    `veil-stream: ${formatBytes(r.bytesIn)} in, ${formatBytes(r.bytesOut)} out${r.compression.output ? ` (${formatBytes(r.outputBytes ?? 0)} ${r.compression.output})` : ''}, ${r.seconds.toFixed(1)} s (${r.mbPerSecond} MB/s), peak RSS ${(r.peakRssBytes / 1048576).toFixed(0)} MiB${r.threads > 0 ? `, ${plural(r.threads, 'worker thread')}` : ''}`,
  ];
  const shown = r.tables.slice(0, 20);
  for (const t of shown) {
    const masked = Object.entries(t.masked)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    const rows = t.rows === null ? 'rows not counted' : `${t.rows} rows`;
    lines.push(`  ${t.table}: ${t.truncated ? `truncated (${rows})` : rows}${masked ? `; masked ${masked}` : ''}`);
  }
  if (r.tables.length > shown.length) lines.push(`  … and ${r.tables.length - shown.length} more tables (see --report)`);
  const uncovered = r.coverage.reduce((n, t) => n + t.uncovered.length, 0);
  const suspects = r.coverage.reduce((n, t) => n + t.piiSuspects.length, 0);
  lines.push(`  rules: ${r.rules.hit.length} matched, ${r.rules.unused.length} unused; ${plural(uncovered, 'column')} without a rule${suspects > 0 ? `, ${suspects} of them look like personal data` : ''}`);
  return lines.join('\n');
}
