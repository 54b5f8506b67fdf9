import type { DialectName } from '../model.js';
import { plural } from '../plural.js';
import { EVENT_TABLE } from '../rules/implicit.js';
import { listNames } from '../rules/name-tally.js';
import { validateRules } from '../rules/load.js';
import { draftRules, type Draft } from '../scan/draft.js';
import { readDump } from './check-command.js';
import { noDumpOnTerminal, openDump, readSchemaFile } from './input.js';
import { AtomicFile, refuseOverwrite } from './output.js';
import { EXIT, renderDiagnostic } from './report.js';
import { failure, onStopSignals, reportFailure, writeStdout } from './run.js';

export interface ScanCommand {
  input?: string;
  output?: string;
  dialect?: DialectName;
  /** A schema-only dump read before the dump. */
  schema?: string;
  /** MySQL: the database of unqualified table names until the first USE. */
  database?: string;
  /** MySQL: the dump's character set until a SET NAMES. */
  charset?: string;
  sampleRows: number;
  report?: string;
  progress?: boolean;
  quiet: boolean;
  showHelp(): void;
}

const EMPTY_RULES = validateRules({ tables: {} });

/**
 * `veil-stream scan [-i DUMP] [-o rules.json]`: draft rules from a dump's schema and the first rows of
 * every table. Writes the rules (stdout or -o), and on stderr why each column got its rule.
 */
export async function runScan(cmd: ScanCommand): Promise<number> {
  const noDump = noDumpOnTerminal(cmd.input, cmd, 'pg_dump db | veil-stream scan -o rules.json, or pass -i FILE');
  if (noDump !== undefined) return noDump;
  let out: AtomicFile | undefined;
  let reportFile: AtomicFile | undefined;
  const signals = onStopSignals(() => {
    out?.abandon();
    reportFile?.abandon();
  }, cmd.output);
  try {
    refuseOverwrite(
      [
        ['-o', cmd.output],
        ['--report', cmd.report],
      ],
      [
        ['-i', cmd.input],
        ['--schema', cmd.schema],
      ],
    );
    // -o first: a path that cannot be written fails before the dump is read
    if (cmd.output !== undefined) out = new AtomicFile(cmd.output);
    if (cmd.report !== undefined) reportFile = new AtomicFile(cmd.report, '--report', 0o666);
    const input = await openDump(cmd.input);
    const t0 = process.hrtime.bigint();
    const summary = await readDump(input, { rules: EMPTY_RULES, dialect: cmd.dialect, schema: readSchemaFile(cmd.schema), database: cmd.database, charset: cmd.charset, sampleRows: cmd.sampleRows, sampleAll: true, collectViolations: true }, cmd.progress, cmd.quiet);
    const planner = summary.planner;
    const { count: enabled, names } = planner.events.enabled;
    const extras = {
      largeObjects: planner.largeObjects,
      events: { enabled, names, table: planner.seen.has(EVENT_TABLE) },
      links: { found: planner.links.found.count, names: planner.links.found.names },
      rolePasswords: { count: planner.rolePasswords.roles.count, roles: planner.rolePasswords.roles.names },
    };
    const draft = draftRules(summary.coverage, summary.dialect, (t, c) => planner.columnsOf(t.ref).find((x) => x.name === c), extras);
    // The draft must load as a rules file: a scan that writes rules veil-stream refuses is a bug.
    validateRules(draft.rules);
    const text = `${JSON.stringify(draft.rules, null, 2)}\n`;
    if (out !== undefined) {
      out.end(text);
      await new Promise<void>((resolve, reject) => out!.once('finish', resolve).once('error', reject));
      out.commit();
    } else await writeStdout(text);
    if (!cmd.quiet) {
      for (const d of summary.diagnostics) if (d.code === 'DDL_UNPARSED' || d.code === 'DUMP_ENCODING_ASSUMED') process.stderr.write(`${renderDiagnostic(d)}\n`);
      process.stderr.write(renderDraft(draft, cmd.output));
    }
    if (reportFile !== undefined) {
      const report = {
        version: 1,
        dialect: summary.dialect,
        bytes: summary.bytesIn,
        seconds: Math.round(Number(process.hrtime.bigint() - t0) / 1e6) / 1000,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
        sampleRows: cmd.sampleRows,
        suggestions: draft.suggestions,
      };
      try {
        reportFile.writeAndCommit(`${JSON.stringify(report, null, 2)}\n`);
      } catch (e) {
        return reportFailure(e, cmd.report!, cmd.output, 'rules draft');
      }
    }
    return EXIT.ok;
  } catch (e) {
    out?.abandon();
    reportFile?.abandon();
    return failure(e, cmd.output, false);
  } finally {
    signals.off();
  }
}

/** What the draft suggests and why, for stderr. */
export function renderDraft(d: Draft, output: string | undefined): string {
  const lines = [`veil-stream scan: ${d.tables} tables, ${d.columns} columns: ${d.suggestions.length} rules suggested, ${d.kept} columns kept${output ? ` → ${output}` : ''}`];
  let table = '';
  for (const s of d.suggestions) {
    if (s.table !== table) {
      table = s.table;
      lines.push(`  ${table}`);
    }
    if (typeof s.rule !== 'string' && 'truncate' in s.rule) {
      lines.push(`    all rows → truncate: ${s.reasons.join('; ')}`);
      continue;
    }
    if (s.column === '*') {
      lines.push(`    all rows → kept: ${s.reasons.join('; ')}`);
      continue;
    }
    const rule = typeof s.rule === 'string' ? s.rule : s.rule.transformer;
    if (typeof s.rule !== 'string' && rule === 'switch') {
      // a key-value settings table: one line per setting
      lines.push(`    ${s.column} → switch on ${String(s.rule.column)}, per row:`);
      for (const r of s.reasons) lines.push(`      ${r}`);
    } else lines.push(`    ${s.column} → ${rule}: ${s.reasons.join('; ')}`);
  }
  if (d.largeObjects) {
    const { objects, bytes } = d.largeObjects;
    lines.push(`  large objects → empty: ${plural(objects, 'large object')} hold ${bytes} bytes no column rule reaches ("largeObjects": "keep" copies them)`);
  }
  if (d.events) {
    const { enabled, names, table } = d.events;
    const what = [enabled > 0 ? `${plural(enabled, 'enabled event')} (${listNames(names, enabled)})` : '', table ? `the rows of ${EVENT_TABLE}` : ''].filter(Boolean).join(' and ');
    lines.push(`  events → disable: ${what} would run on production's schedule in the copy ("events": "keep" keeps them enabled)`);
  }
  if (d.links) {
    const { found, names } = d.links;
    lines.push(`  links → cut: ${plural(found, 'link')} to other servers (${listNames(names, found)}) the copy would follow back to production ("links": "keep" copies them)`);
  }
  if (d.rolePasswords) {
    const { count, roles } = d.rolePasswords;
    lines.push(`  role passwords → drop: ${plural(count, 'role')} (${listNames(roles, count)}) would accept production's passwords in the copy ("rolePasswords": "keep" keeps them)`);
  }
  lines.push('Review the draft: every other column is "keep", and "strict": true makes new columns an error until they have a rule.');
  return `${lines.join('\n')}\n`;
}
