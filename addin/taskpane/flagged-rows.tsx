import { useState } from "preact/hooks";
import type { BatchResult, Finding, PurchaseInput, RowStatus } from "../../shared/engine/types";

/** Rows listed at most; the sheet's status column holds them all. */
const MAX_LISTED = 200;
const RANK = { block: 0, warn: 1, info: 2, ok: 3 } as const;

/**
 * The flagged rows, worst first (then in sheet order), each a button that selects the row in the
 * sheet, beside one that unfolds all the row's findings in full (the row shows its first one, cut
 * to one line). `firstRow` is the sheet row number of the first data row; `rowOf[i]` is the data
 * row of the batch's row i (blank rows were not checked), and `onSelect` gets that data row.
 */
export function FlaggedRows({
  result,
  purchases,
  rowOf,
  firstRow,
  onSelect,
  written = true,
}: {
  result: BatchResult;
  purchases: readonly PurchaseInput[];
  rowOf: readonly number[];
  firstRow: number;
  onSelect: (row: number) => void;
  /** Whether this check's statuses are in the sheet's status column; false: in this pane only. */
  written?: boolean;
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
        Flagged rows{" "}
        <span class="muted">
          ({flagged.length.toLocaleString("en-US")} blocked or warned
          {written ? "" : "; in this pane only, not in the sheet"})
        </span>
      </h3>
      {flagged.length === 0 ? (
        <p class="muted">Nothing blocked or warned.</p>
      ) : (
        <ul class="flagged" data-testid="flagged">
          {shown.map((i) => (
            <FlaggedRow
              key={firstRow + rowOf[i]!}
              status={result.statusOf(i)}
              findings={result.findingsOf(i)}
              reference={purchases[i]?.ref}
              sheetRow={firstRow + rowOf[i]!}
              onSelect={() => onSelect(rowOf[i]!)}
            />
          ))}
        </ul>
      )}
      {flagged.length > MAX_LISTED && (
        <p class="muted">
          …and {(flagged.length - MAX_LISTED).toLocaleString("en-US")} more:{" "}
          {written
            ? "filter the Headroom status column."
            : "the sheet has no status column from this check, so make it writable and check again to see them all."}
        </p>
      )}
    </div>
  );
}

/**
 * One flagged row: the select button (badge, row, reference, first finding on one line) and, beside
 * it rather than inside it, the disclosure button for every finding of the row, wrapped.
 */
function FlaggedRow({
  status,
  findings,
  reference,
  sheetRow,
  onSelect,
}: {
  status: RowStatus;
  findings: readonly Finding[];
  reference: string | undefined;
  sheetRow: number;
  onSelect: () => void;
}) {
  const [open, setOpen] = useState(false);
  const listId = `findings-${sheetRow}`;
  const count = findings.length;
  return (
    <li>
      <div class="flag-head">
        <button
          type="button"
          class="flag-go"
          onClick={onSelect}
          title={`Select row ${sheetRow} in the sheet`}
          data-testid="flagged-row"
          data-row={sheetRow}
        >
          <span class={`badge ${status}`}>{status}</span>
          Row {sheetRow}
          {reference ? ` · ${reference}` : ""}
          {findings[0] && <span class="clip muted">{findings[0].message}</span>}
        </button>
        {count > 0 && (
          <button
            type="button"
            class="flag-more"
            aria-expanded={open}
            aria-controls={listId}
            title={`${open ? "Hide" : "Show"} the findings of row ${sheetRow} in full`}
            onClick={() => setOpen(!open)}
            data-testid="flagged-expand"
          >
            {count === 1 ? "1 finding" : `${count} findings`}{" "}
            <span aria-hidden="true">{open ? "▴" : "▾"}</span>
          </button>
        )}
      </div>
      {open && (
        <ul class="findings" id={listId} data-testid="flagged-findings" data-row={sheetRow}>
          {findings.map((f, k) => (
            <li key={k}>
              <span class={`badge ${f.severity}`}>{f.severity}</span>
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
