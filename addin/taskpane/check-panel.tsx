import { useState } from "preact/hooks";
import type { DateSystemInfo } from "../excel/date-system";
import { missingColumns } from "../../shared/engine/columns";
import { findResultColumns } from "../../shared/sheet/result-columns";
import type { LoadedRuleBook } from "../runtime/rule-book-store";
import { NoDataError } from "../excel/find-data";
import { goToRow } from "../excel/workbook";
import { BudgetSummary } from "./budget-summary";
import { DateSystemLine } from "./date-system-line";
import { RegionChangedError } from "../excel/region-guard";
import {
  carryMapping,
  locate,
  rememberMapping,
  runCheck,
  type CheckOutcome,
  type Located,
  type MappingSave,
  type Phase,
} from "./check-flow";
import { summaryNotes } from "../../shared/engine/summary-words";
import type { RowsAre } from "../../shared/engine/types";
import type { DayMonthOrder } from "../../shared/dates/date-text";
import { DateOrderLine } from "./date-order-line";
import { ErrorBox, problemOf, type Problem } from "./error-box";
import { FlaggedRows } from "./flagged-rows";
import { MappingEditor } from "./mapping-editor";
import { ProgressBar } from "./progress-bar";

/**
 * Check purchases: find the register (table under the selection, first table, or used range),
 * show and let the analyst correct the column mapping (remembered in the workbook), check every
 * row, and show the flagged rows and the per-cost-center summary.
 */
export function CheckPanel({ loaded }: { loaded: LoadedRuleBook | null }) {
  const [located, setLocated] = useState<Located | null>(null);
  const [progress, setProgress] = useState<{ phase: Phase; done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // Whether the last check could keep the analyst's column choices in the workbook.
  const [mappingSave, setMappingSave] = useState<MappingSave | null>(null);
  // Rows against budgets whose figures carry no date: new purchases, or already in spent/committed.
  const [rowsAre, setRowsAre] = useState<RowsAre>("new");
  // Day or month first for dates written as text, when the analyst had to say (see DateOrderLine).
  const [dateOrder, setDateOrder] = useState<DayMonthOrder | undefined>(undefined);
  // The analyst's answer when this Excel cannot say which date system the workbook uses.
  const [pickedDates, setPickedDates] = useState<DateSystemInfo | null>(null);

  const withPickedDates = (l: Located, picked = pickedDates): Located =>
    l.dateSystem.source !== "excel" && picked ? { ...l, dateSystem: picked } : l;

  const pickDates = (info: DateSystemInfo) => {
    setPickedDates(info);
    if (located) setLocated(withPickedDates(located, info));
  };

  const find = async (): Promise<Located | null> => {
    setProblem(null);
    try {
      const l = withPickedDates(await locate());
      setLocated(l);
      return l;
    } catch (e) {
      setProblem(
        e instanceof NoDataError
          ? { what: "No purchases found.", todo: e.message }
          : problemOf(e, "Could not read the workbook"),
      );
      return null;
    }
  };

  const check = async (order = dateOrder) => {
    if (!loaded) return;
    setBusy(true);
    setOutcome(null);
    setMappingSave(null);
    try {
      // The sheet may have changed since it was last found (rows added or deleted): find it again
      // every time, keeping the analyst's column choices made in the pane (saved or not).
      const before = located;
      const found = await find();
      if (!found) return;
      const l = carryMapping(before, found);
      setLocated(l);
      const missing = missingColumns(l.mapping);
      if (missing.length > 0) {
        setProblem({
          what: `No ${missing.join(" or ")} column in ${l.region.address}.`,
          todo: "Pick the column in the mapping below, or name its header (Supplier, Vendor ID, Amount…).",
        });
        return;
      }
      setProblem(null);
      // Saved only when changed; a workbook that refuses it (read-only) still gets its check.
      setMappingSave(await rememberMapping(l.region, l.mapping));
      // Progress comes once per chunk (a few dozen times for 100,000 rows), so every report renders.
      const outcome = await runCheck(
        loaded.book,
        l,
        (phase, done, total) => setProgress({ phase, done, total }),
        undefined,
        rowsAre,
        order,
      );
      setOutcome(outcome);
      setLocated({ ...l, region: outcome.region });
    } catch (e) {
      setProblem(
        e instanceof RegionChangedError
          ? {
              what: "The register changed while it was being checked (rows were sorted, added or removed, or a co-author edited it); nothing was written.",
              todo: "Check again: click Check purchases.",
              details: e.changes,
            }
          : problemOf(
              e,
              "The check stopped",
              "Your cells are unchanged except Headroom's two columns. Check again; for a very large sheet, close other workbooks first.",
            ),
      );
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const select = (row: number) => {
    if (!outcome) return;
    const expected = outcome.keyOf(row);
    goToRow(outcome.region, row, expected)
      .then((r) => {
        if (r.selected) return setProblem(null);
        const sheetRow = outcome.region.rowIndex + 2 + row;
        const text = (cells: readonly unknown[]) =>
          cells.map((c) => (c === "" ? "(empty)" : String(c))).join(", ");
        setProblem({
          what: `Row ${sheetRow} of sheet ${outcome.region.sheet} holds another purchase now (${text(r.found)}; at the check it held ${text(expected.cells)}), so it was not selected.`,
          todo: "The register was sorted, or rows were added or removed, since the check. Check again to list the rows where they are now.",
        });
      })
      .catch((e: unknown) => setProblem(problemOf(e, "Could not select the row")));
  };

  // Where the results go, said before the check when Excel told us (a protected sheet), and after.
  const notWritten = outcome && !outcome.write.written ? outcome.write.why : null;
  const writeNote =
    notWritten === "read-only"
      ? "This workbook is open read-only (on the web: in Viewing mode), so Excel refused the status columns: the results are shown here only, nothing was written to the sheet. Switch to Editing, or save a copy you can edit, to get the status columns."
      : notWritten === "protected" || (!outcome && located?.region.sheetProtected)
        ? `Sheet ${(outcome ?? located)!.region.sheet} is protected: results are shown here only, not written to the sheet. Unprotect it (Review > Unprotect Sheet) to get the status columns.`
        : null;
  const own = located ? findResultColumns(located.region.headers) : null;
  const excluded = new Set<number>(own ? [own.status, own.details] : []);
  const s = outcome?.result.summary;
  return (
    <div>
      <div class="row">
        <button type="button" onClick={() => void find()} disabled={busy} data-testid="find-data">
          Find data
        </button>
        <button
          type="button"
          class="primary"
          onClick={() => void check()}
          disabled={busy || !loaded}
          data-testid="check"
        >
          Check purchases
        </button>
      </div>
      {!loaded && <p class="muted">Load a rule book first.</p>}
      {located && (
        <details open={!outcome}>
          <summary>
            Columns of <span data-testid="data-address">{located.region.address}</span> (
            {located.region.dataRows.toLocaleString("en-US")} rows)
          </summary>
          <MappingEditor
            headers={located.region.headers}
            excluded={excluded}
            mapping={located.mapping}
            onChange={(mapping) => setLocated({ ...located, mapping })}
          />
        </details>
      )}
      {/* Outside the folded mapping: when it has to be asked, the answer changes every date. */}
      {located && <DateSystemLine info={located.dateSystem} onPicked={pickDates} />}
      {located && loaded && loaded.book.budgets.some((b) => b.figuresAsOf === undefined) && (
        <p>
          <label>
            Rows are:{" "}
            <select
              data-testid="rows-are"
              value={rowsAre}
              onChange={(e) => setRowsAre((e.target as HTMLSelectElement).value as RowsAre)}
            >
              <option value="new">new purchases (a PO log)</option>
              <option value="counted">already in spent and committed (posted invoices)</option>
            </select>
          </label>{" "}
          <span class="muted">
            For budgets whose figures carry no date. A budget that says when its figures were taken counts the
            rows dated up to then as already in them, whatever you choose here.
          </span>
        </p>
      )}
      {writeNote && (
        <p class="warning" data-testid="write-note">
          {writeNote}
        </p>
      )}
      {mappingSave?.status === "failed" && (
        <p class="muted" data-testid="mapping-note">
          Your column choices could not be saved in this workbook (
          {mappingSave.readOnly ? "it is read-only" : `Excel said: ${mappingSave.message}`}); they apply to
          this check only.
        </p>
      )}
      {progress && <ProgressBar {...progress} />}
      {problem && <ErrorBox problem={problem} testId="check-error" />}
      {outcome && s && (
        <div data-testid="check-result">
          <p role="status" data-testid="check-status">
            Checked {s.rows.toLocaleString("en-US")} rows as of <span data-testid="as-of">{s.asOf}</span>:{" "}
            {s.byStatus.block} blocked, {s.byStatus.warn} warnings, {s.byStatus.info} notes, {s.byStatus.ok}{" "}
            ok.
            {outcome.blankRows > 0 &&
              ` ${outcome.blankRows.toLocaleString("en-US")} blank row${outcome.blankRows === 1 ? "" : "s"} left without a status.`}
            {outcome.write.written
              ? ` Statuses written to the Headroom status and details columns of sheet ${outcome.region.sheet}.`
              : ` Shown in this pane only: nothing was written to sheet ${outcome.region.sheet}.`}
          </p>
          <DateOrderLine
            found={outcome.dateOrder}
            busy={busy}
            onPick={(order) => {
              setDateOrder(order);
              void check(order);
            }}
          />
          {summaryNotes(s).length > 0 && (
            <ul class="notes" data-testid="check-notes">
              {summaryNotes(s).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          {/* Figures for whoever supports the add-in, folded away from the analyst's reading. */}
          <details data-testid="io-details">
            <summary class="muted">Technical details</summary>
            <p
              class="muted"
              data-testid="io-stats"
              data-syncs={outcome.io.syncs}
              data-largest={outcome.io.largestRequestBytes}
            >
              {outcome.io.syncs} Excel requests, largest{" "}
              {(outcome.io.largestRequestBytes / 1024 / 1024).toFixed(2)} MB; read{" "}
              {Math.round(outcome.timings.readMs)} ms, check {Math.round(outcome.timings.engineMs)} ms, write{" "}
              {Math.round(outcome.timings.writeMs)} ms.
            </p>
          </details>
          <FlaggedRows
            result={outcome.result}
            purchases={outcome.purchases}
            rowOf={outcome.rowOf}
            firstRow={outcome.region.rowIndex + 2}
            onSelect={select}
            written={outcome.write.written}
          />
          <BudgetSummary budgets={s.budgets} />
        </div>
      )}
    </div>
  );
}
