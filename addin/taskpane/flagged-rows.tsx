import type { BatchResult, PurchaseInput } from "../../shared/engine/types";

/** Rows listed at most; the sheet's status column holds them all. */
const MAX_LISTED = 200;
const RANK = { block: 0, warn: 1, info: 2, ok: 3 } as const;

/**
 * The flagged rows, worst first (then in sheet order), each a button that selects the row in the
 * sheet. `firstRow` is the sheet row number of the first data row; `rowOf[i]` is the data row of the
 * batch's row i (blank rows were not checked), and `onSelect` gets that data row.
 */
export function FlaggedRows({
  result,
  purchases,
  rowOf,
  firstRow,
  onSelect,
}: {
  result: BatchResult;
  purchases: readonly PurchaseInput[];
  rowOf: readonly number[];
  firstRow: number;
  onSelect: (row: number) => void;
}) {
  const flagged: number[] = [];
  for (let i = 0; i < result.rows; i++) {
    const s = result.statusOf(i);
    if (s === "block" || s === "warn") flagged.push(i);
  }
  flagged.sort((a, b) => RANK[result.statusOf(a)] - RANK[result.statusOf(b)] || a - b);
  const shown = flagged.slice(0, MAX_LISTED);
  return (
    <div>
      <h3>
        Flagged rows <span class="muted">({flagged.length.toLocaleString("en-US")} blocked or warned)</span>
      </h3>
      {flagged.length === 0 ? (
        <p class="muted">Nothing blocked or warned.</p>
      ) : (
        <ul class="flagged" data-testid="flagged">
          {shown.map((i) => {
            const status = result.statusOf(i);
            const first = result.findingsOf(i)[0];
            const ref = purchases[i]?.ref;
            const row = rowOf[i]!;
            return (
              <li key={i}>
                <button
                  type="button"
                  onClick={() => onSelect(row)}
                  data-testid="flagged-row"
                  data-row={firstRow + row}
                >
                  <span class={`badge ${status}`}>{status}</span>
                  Row {firstRow + row}
                  {ref ? ` · ${ref}` : ""}
                  {first && <span class="clip muted">{first.message}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {flagged.length > MAX_LISTED && (
        <p class="muted">
          …and {(flagged.length - MAX_LISTED).toLocaleString("en-US")} more: filter the Headroom status
          column.
        </p>
      )}
    </div>
  );
}
