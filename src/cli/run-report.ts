import { writeFileSync } from 'node:fs';
import type { MaskSummary } from '../mask.js';

/** The JSON written by --report: what one run read, wrote and masked. */
export interface RunReport {
  version: 1;
  dialect: string;
  bytesIn: number;
  bytesOut: number;
  seconds: number;
  mbPerSecond: number;
  /** Peak resident set size of the process, in bytes. */
  peakRssBytes: number;
  tables: MaskSummary['tables'];
  rules: { used: number; unused: { path: string; table: string; column?: string }[] };
  diagnostics: { code: string; severity: string; message: string; path?: string }[];
}

export function buildReport(summary: MaskSummary, seconds: number, ruleCount: number): RunReport {
  const unused = summary.diagnostics
    .filter((d) => d.code === 'RULES_UNUSED_TABLE' || d.code === 'RULES_UNUSED_COLUMN')
    .map((d) => ({ path: d.path ?? '$', table: d.table ?? '', ...(d.column !== undefined ? { column: d.column } : {}) }));
  return {
    version: 1,
    dialect: summary.dialect,
    bytesIn: summary.bytesIn,
    bytesOut: summary.bytesOut,
    seconds: Math.round(seconds * 1000) / 1000,
    mbPerSecond: seconds > 0 ? Math.round((summary.bytesIn / 1e6 / seconds) * 10) / 10 : 0,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    tables: summary.tables,
    rules: { used: ruleCount - unused.length, unused },
    diagnostics: summary.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, ...(d.path ? { path: d.path } : {}) })),
  };
}

export function writeReport(path: string, report: RunReport): void {
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** A one-screen summary for stderr. */
export function renderSummary(r: RunReport): string {
  const lines = [
    `veil-stream: ${(r.bytesIn / 1e6).toFixed(1)} MB in, ${(r.bytesOut / 1e6).toFixed(1)} MB out, ${r.seconds.toFixed(1)} s (${r.mbPerSecond} MB/s), peak RSS ${(r.peakRssBytes / 1048576).toFixed(0)} MiB`,
  ];
  for (const t of r.tables) {
    const masked = Object.entries(t.masked)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    lines.push(`  ${t.table}: ${t.truncated ? 'truncated' : `${t.rows} rows`}${masked ? `; masked ${masked}` : ''}`);
  }
  return lines.join('\n');
}
