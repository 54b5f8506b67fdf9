import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Masker, type MaskOptions, type MaskSummary } from '../mask.js';
import type { DialectName } from '../model.js';
import { loadRulesFile } from '../rules/load.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Planner } from '../rules/plan.js';
import { noDumpOnTerminal, openDump, readSchemaFile, type DumpInput } from './input.js';
import { InsertSkipper } from '../scan/insert-skip.js';
import { Progress } from './progress.js';
import { EXIT, renderDiagnostic, renderError } from './report.js';
import { failure, onStopSignals, writeStdout } from './run.js';

export interface CheckCommand {
  rules: string;
  input?: string;
  dialect?: DialectName;
  /** A schema-only dump read before the dump. */
  schema?: string;
  /** MySQL: the database of unqualified table names until the first USE. */
  database?: string;
  /** MySQL: the dump's character set until a SET NAMES. */
  charset?: string;
  strict?: boolean;
  json: boolean;
  allowUnusedRules?: boolean;
  sampleRows: number;
  progress?: boolean;
  quiet: boolean;
  showHelp(): void;
}

/**
 * Read a dump without writing it, through the same scanner and Planner as a masking run (dry run:
 * no rule applied, nothing written, data of tables without sampling streamed past).
 */
export async function readDump(
  input: DumpInput,
  options: Omit<MaskOptions, 'dryRun'>,
  progressFlag: boolean | undefined,
  quiet: boolean,
): Promise<MaskSummary & { planner: Planner }> {
  await Masker.prepare(options.rules);
  input.counter.guard?.settle();
  const masker = new Masker({ ...options, dryRun: true }, () => {});
  let summary: MaskSummary | undefined;
  const progress = Progress.wanted(progressFlag, quiet)
    ? new Progress(process.stderr, { bytes: () => input.counter.bytes, table: () => masker.currentTable() }, input.size).start()
    : undefined;
  // mysqldump output: INSERT lines of tables the run is finished with are skipped before the scanner
  let skipper: InsertSkipper | null | undefined;
  let plainBytes = 0;
  const feedScanner = (part: Buffer): void => masker.feed(part);
  const feed = (chunk: Buffer): void => {
    plainBytes += chunk.length;
    if (skipper === undefined) {
      skipper = options.dialect !== 'postgres' && InsertSkipper.applies(chunk) ? new InsertSkipper((name) => masker.planState?.finishedWith(name) ?? false) : null;
    }
    if (skipper) skipper.push(chunk, feedScanner);
    else masker.feed(chunk);
  };
  const sink = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _enc, cb) {
      try {
        feed(chunk);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    final(cb) {
      try {
        summary = masker.end();
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
  try {
    await pipeline([input.source, ...input.stages, sink]);
  } finally {
    progress?.stop();
  }
  // the bytes of the dump, not only those the scanner had to read
  return Object.assign(summary!, { bytesIn: plainBytes, planner: masker.planState! });
}

const SHOWN_IN_REPORT = new Set(['COLUMN_UNCOVERED', 'COLUMN_PII_SUSPECT', 'RULE_TYPE_MISMATCH', 'RULES_UNUSED_TABLE', 'RULES_UNUSED_COLUMN', 'RULES_UNUSED_CASE', 'SETTING_PII_SUSPECT', 'TABLE_OPERATIONAL_KEPT', 'TRUNCATE_BREAKS_REFERENCE']);

/** `veil-stream check RULES.json [-i DUMP]`: do the rules fit the dump? Exit 0 or 1. */
export async function runCheck(cmd: CheckCommand): Promise<number> {
  const noDump = noDumpOnTerminal(cmd.input, cmd, 'pg_dump db | veil-stream check rules.json, or pass -i FILE');
  if (noDump !== undefined) return noDump;
  const signals = onStopSignals(() => {}, undefined);
  try {
    const rules = loadRulesFile(cmd.rules);
    const strict = cmd.strict === true || rules.strict;
    const input = await openDump(cmd.input);
    const t0 = process.hrtime.bigint();
    const summary = await readDump(
      input,
      { rules, dialect: cmd.dialect, schema: readSchemaFile(cmd.schema), database: cmd.database, charset: cmd.charset, unusedRules: cmd.allowUnusedRules ? 'warn' : 'error', strict, sampleRows: cmd.sampleRows, collectViolations: true },
      cmd.progress,
      cmd.quiet,
    );
    const ok = summary.violation === undefined;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await writeStdout(cmd.json ? `${JSON.stringify(checkJson(summary, strict, ok, seconds), null, 2)}\n` : renderCoverage(summary, rules, strict));
    if (!cmd.quiet) {
      // coverage findings are in the report; the rest (unparsed DDL, assumed encodings) go to stderr
      for (const d of summary.diagnostics) if (!SHOWN_IN_REPORT.has(d.code)) process.stderr.write(`${renderDiagnostic(d)}\n`);
    }
    if (summary.violation) {
      process.stderr.write(`${renderError(summary.violation)}\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } catch (e) {
    return failure(e, undefined, false);
  } finally {
    signals.off();
  }
}

function checkJson(summary: MaskSummary, strict: boolean, ok: boolean, seconds: number) {
  const v = summary.violation;
  return {
    ok,
    strict,
    dialect: summary.dialect,
    bytes: summary.bytesIn,
    seconds: Math.round(seconds * 1000) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    tables: summary.coverage.map((t) => ({
      table: t.table,
      declared: t.declared,
      data: t.data,
      rows: summary.tables.find((s) => s.table === t.table)?.rows ?? null,
      rules: t.rules,
      truncated: t.truncated,
      columns: t.columns,
    })),
    rules: summary.rules,
    diagnostics: summary.diagnostics,
    error: v ? { code: v.code, message: v.message, issues: v.details.issues ?? [], hint: v.details.hint } : null,
  };
}

/** The human coverage report: per table, columns by status, and PII suspects. */
export function renderCoverage(summary: MaskSummary, rules: RuleSet, strict: boolean): string {
  const lines: string[] = [];
  const rows = new Map(summary.tables.map((t) => [t.table, t.rows]));
  let uncoveredTotal = 0;
  let suspects = 0;
  for (const t of summary.coverage) {
    const n = rows.get(t.table);
    const what = [t.truncated ? 'truncated' : undefined, !t.data ? 'no data' : n === null || n === undefined ? undefined : `${n} rows`, t.rules.length ? `rules: ${t.rules.join(', ')}` : 'no rules']
      .filter(Boolean)
      .join('; ');
    lines.push(`${t.table}  (${what})`);
    const by = (s: string) => t.columns.filter((c) => c.status === s);
    const ruled = by('rule');
    if (ruled.length) lines.push(`  rule       ${ruled.map((c) => `${c.column} → ${c.transformer}${c.fit ? ' (!)' : ''}`).join(', ')}`);
    const kept = by('keep');
    if (kept.length) lines.push(`  keep       ${kept.map((c) => c.column).join(', ')}`);
    const gen = by('generated');
    if (gen.length) lines.push(`  generated  ${gen.map((c) => c.column).join(', ')}`);
    const open = by('uncovered');
    uncoveredTotal += open.length;
    if (open.length) lines.push(`  uncovered  ${open.map((c) => c.column).join(', ')}`);
    for (const c of open) {
      if (c.pii.length === 0) continue;
      suspects++;
      lines.push(`  ! PII?     ${c.column}: ${c.pii.map((g) => g.reason).join('; ')}`);
    }
    for (const c of ruled) if (c.fit) lines.push(`  ! fit      ${c.column}: ${c.fit}`);
    const breaks = summary.diagnostics.find((d) => d.code === 'TRUNCATE_BREAKS_REFERENCE' && d.table === t.table);
    if (breaks) lines.push(`  ! breaks   ${(breaks.data?.referencedBy as string[]).join(', ')} keep rows that reference it by a foreign key`);
    if (t.operational && summary.diagnostics.some((d) => d.code === 'TABLE_OPERATIONAL_KEPT' && d.table === t.table)) {
      lines.push(`  ! copied   ${t.operational.reason} (add "truncate": true, or "truncate": false once reviewed)`);
    }
  }
  const verdict = summary.violation ? `FAIL (${summary.violation.message})` : 'ok';
  const ruleCount = [...rules.tables.values()].reduce((k, t) => k + 1 + t.columns.size, 0);
  lines.push('');
  lines.push(
    `${summary.coverage.length} tables; ${ruleCount} rules, ${summary.rules.unused.length} unused; ${uncoveredTotal} columns without a rule${suspects ? ` (${suspects} PII suspects)` : ''}${strict ? '; strict' : ''}: ${verdict}`,
  );
  return `${lines.join('\n')}\n`;
}

