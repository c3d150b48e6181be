import type { BatchResult, BatchSummary, Finding, RowStatus, Severity } from "./types";

const STATUS_BY_RANK: readonly RowStatus[] = ["ok", "info", "warn", "block"];

/**
 * A batch's outcome kept as two columns: a byte per row for its status, and a number per row for
 * its findings. A number n ≥ 0 is the rule book's shared list n (list 0 is the empty one); n < 0 is
 * the batch's own list −n − 1, for the few rows whose findings are not one shared list. A million
 * rows take 5 MB this way, with no object and no pointer per row for the garbage collector to trace.
 */
export class BatchColumns implements BatchResult {
  constructor(
    private readonly ranks: Uint8Array,
    private readonly refs: Int32Array,
    /** The rule book's shared lists (`PreparedRules.sharedLists`); it only grows, so ids stay valid. */
    private readonly sharedLists: readonly (readonly Finding[])[],
    private readonly ownLists: readonly (readonly Finding[])[],
    readonly summary: BatchSummary,
  ) {}

  get rows(): number {
    return this.ranks.length;
  }

  statusOf(row: number): RowStatus {
    this.checkRow(row);
    return STATUS_BY_RANK[this.ranks[row]!]!;
  }

  findingsOf(row: number): readonly Finding[] {
    this.checkRow(row);
    const ref = this.refs[row]!;
    return ref >= 0 ? this.sharedLists[ref]! : this.ownLists[-ref - 1]!;
  }

  private checkRow(row: number): void {
    if (!(Number.isInteger(row) && row >= 0 && row < this.ranks.length)) {
      throw new RangeError(`row ${row} is not in this batch (rows 0 to ${this.ranks.length - 1})`);
    }
  }
}

/** A severity's rank: 1 info, 2 warn, 3 block (0 is "ok", no finding). */
export function severityRank(severity: Severity): number {
  return severity === "info" ? 1 : severity === "warn" ? 2 : 3;
}

/** Severity rank (0 ok … 3 block) as a status word. */
export function statusOfRank(rank: number): RowStatus {
  return STATUS_BY_RANK[rank]!;
}
