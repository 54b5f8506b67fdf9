import type { FieldCodec, RowFields } from '../core/row.js';
import type { Sink } from '../core/sink.js';
import type { ColumnInfo, TableRef } from '../model.js';
import { TablePlan, type PlanColumn } from '../rules/table-plan.js';

/**
 * Reads decoded values of some columns of the first rows of a table (PII by values, `scan`).
 * One per table (shared by every column list the table's data uses).
 */
export interface TableSampler {
  /** Still wants rows; once false the plan stops reading values and the Planner stops sampling. */
  wants(): boolean;
  /** Column names to read. */
  readonly columns: ReadonlySet<string>;
  /** A decoded value (null for SQL NULL) of one sampled column of the current row. */
  take(column: string, value: string | null): void;
  endRow(): void;
}

/**
 * A TablePlan that also hands the decoded values of sampled columns to a TableSampler while it wants
 * rows. `sampleOnly` plans have no ruled column: they write every row unchanged, and the scanner may
 * go back to streaming the table through once sampling is done (see PgScanner, copy-rows).
 */
export class SamplingPlan extends TablePlan {
  private readonly sampled: { index: number; name: string }[];

  constructor(
    table: TableRef,
    columns: ColumnInfo[],
    ruled: PlanColumn[],
    truncate: boolean,
    readonly sampler: TableSampler,
  ) {
    super(table, columns, ruled, truncate);
    this.sampled = [];
    columns.forEach((c, index) => {
      if (sampler.columns.has(c.name)) this.sampled.push({ index, name: c.name });
    });
  }

  /** No ruled column and no truncation: rows pass unchanged. */
  get sampleOnly(): boolean {
    return this.ruled.length === 0 && !this.truncate;
  }

  get sampling(): boolean {
    return this.sampled.length > 0 && this.sampler.wants();
  }

  override writeRow(row: RowFields, codec: FieldCodec, sink: Sink): void {
    if (this.sampled.length > 0 && this.sampler.wants()) {
      for (const { index, name } of this.sampled) {
        if (index >= row.count) continue;
        const v = codec.decode(row.buf, row.starts[index], row.ends[index]);
        if (v !== undefined) this.sampler.take(name, v);
      }
      this.sampler.endRow();
    }
    super.writeRow(row, codec, sink);
  }
}

/** A plan that only samples and has nothing left to sample: the scanner may stream the rest through. */
export function samplingDone(plan: TablePlan | null): boolean {
  return plan instanceof SamplingPlan && plan.sampleOnly && !plan.sampling;
}

/** A plan with no rule to apply (its rows pass unchanged): it must not make the scan fail where a plain stream-through would not. */
export function isSampleOnly(plan: TablePlan | null): boolean {
  return plan instanceof SamplingPlan && plan.sampleOnly;
}
