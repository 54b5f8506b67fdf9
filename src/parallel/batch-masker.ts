import type { FieldCodec } from '../core/row.js';
import { RowFields } from '../core/row.js';
import { VeilError } from '../errors.js';
import { implicitColumnRules } from '../rules/implicit.js';
import { validateRules } from '../rules/load.js';
import type { ColumnRule } from '../rules/ruleset.js';
import { TablePlan, type PlanColumn } from '../rules/table-plan.js';
import { Keyring } from '../seed/keyring.js';
import { bindRule } from '../transformers/bind.js';
import type { CodecSpec } from '../core/row.js';
import { codecFromSpec } from './codecs.js';
import { SlotSink } from './slot-sink.js';
import { ROW_HEAD, type PlanSpec, type WorkerError, type WorkerInit } from './protocol.js';

/** A Row of a batch failed: which one, and the error as plain data. */
export class BatchError extends Error {
  constructor(readonly error: WorkerError) {
    super(error.message);
  }
}

/**
 * The worker side of parallel masking: rebuilds the main thread's plans and codecs from their specs
 * and rewrites the Rows of a batch. Pure and synchronous (the worker entry only wires messages), so
 * it is tested in-thread too. Same rules + same key → the same fakes as the main thread.
 */
export class BatchMasker {
  private readonly rules: Map<string, ColumnRule>;
  private readonly keyring: Keyring;
  private readonly plans = new Map<number, { plan: TablePlan; ruled: number[] }>();
  private readonly codecs = new Map<number, FieldCodec>();
  private readonly row = new RowFields();

  constructor(private readonly init: WorkerInit) {
    const set = validateRules(init.rules);
    this.rules = new Map();
    for (const t of set.tables.values()) for (const c of t.columns.values()) this.rules.set(c.path, c);
    for (const c of implicitColumnRules(set)) this.rules.set(c.path, c);
    this.keyring = new Keyring({ master: init.master });
  }

  definePlan(id: number, spec: PlanSpec): void {
    const ruled: PlanColumn[] = spec.ruled.map((c) => {
      const rule = this.rules.get(c.path);
      if (!rule) throw new Error(`internal: worker has no rule at ${c.path}`);
      const bound = bindRule(rule, c.info, { keyring: this.keyring, dialect: this.init.dialect, table: spec.table });
      return { index: c.index, name: c.name, bound, info: c.info, maxLength: c.maxLength, masked: 0 };
    });
    const plan = new TablePlan(spec.table, spec.columns, ruled, false);
    this.plans.set(id, { plan, ruled: ruled.map((c) => c.index) });
  }

  defineCodec(id: number, spec: CodecSpec): void {
    this.codecs.set(id, codecFromSpec(spec));
  }

  /**
   * Rewrite the Rows of buf[0, len) (see protocol.ts) and return the output, with the values masked
   * per plan column as [planId, ruled position, count] triples and the switch cases that matched
   * their first row. Throws BatchError naming the Row.
   */
  run(
    buf: Buffer,
    len: number,
    rows: Int32Array,
    rowCount: number,
    target: Buffer,
  ): { outLen: number; overflow: Buffer[]; counts: number[]; hits: [number, number, string][]; unmatched: [number, number, string, string][] } {
    const sink = new SlotSink(target);
    const row = this.row;
    row.buf = buf;
    let pos = 0;
    let k = 0;
    const used = new Set<number>();
    for (let r = 0; r < rowCount; r++) {
      const planId = rows[k];
      const entry = this.plans.get(planId)!;
      const codec = this.codecs.get(rows[k + 1])!;
      row.rowStart = rows[k + 2];
      row.rowEnd = rows[k + 3];
      const count = rows[k + 4];
      k += ROW_HEAD;
      row.reset();
      for (let f = 0; f < count; f++, k += 2) row.add(rows[k], rows[k + 1]);
      sink.push(buf, pos, row.rowStart);
      pos = row.rowEnd;
      used.add(planId);
      try {
        codec.bind?.(row, entry.plan.columns, entry.ruled);
        entry.plan.writeRow(row, codec, sink);
      } catch (e) {
        throw new BatchError(plainError(e, r));
      }
    }
    sink.push(buf, pos, len);
    sink.flush();
    const counts: number[] = [];
    const hits: [number, number, string][] = [];
    const unmatched: [number, number, string, string][] = [];
    for (const id of used) {
      const { plan } = this.plans.get(id)!;
      plan.ruled.forEach((c, i) => {
        if (c.masked > 0) counts.push(id, i, c.masked);
        c.masked = 0;
        const got = c.bound.choices?.collect();
        for (const path of got?.hits ?? []) hits.push([id, i, path]);
        for (const [key, value] of got?.unmatched ?? []) unmatched.push([id, i, key, value]);
      });
    }
    return { outLen: sink.slotLength, overflow: sink.overflow, counts, hits, unmatched };
  }
}

/** An error as plain data for the main thread (row: the failing Row's index in its batch, or -1). */
export function plainError(e: unknown, row: number): WorkerError {
  if (e instanceof VeilError) return { row, code: e.code, message: e.message, details: { ...e.details } };
  return { row, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
