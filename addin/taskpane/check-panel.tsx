import { useState } from "preact/hooks";
import type { ExcelDateSystem } from "../../shared/dates/excel-serial";
import { setWorkbookDateSystem } from "../runtime/workbook-date-system";
import { missingColumns } from "../../shared/engine/columns";
import { findResultColumns } from "../../shared/sheet/result-columns";
import type { LoadedRuleBook } from "../runtime/rule-book-store";
import { NoDataError } from "../excel/find-data";
import { goToRow } from "../excel/workbook";
import { BudgetSummary } from "./budget-summary";
import { locate, rememberMapping, runCheck, type CheckOutcome, type Located, type Phase } from "./check-flow";
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
  // The analyst's answer when this Excel cannot say which date system the workbook uses.
  const [pickedDates, setPickedDates] = useState<ExcelDateSystem | null>(null);

  const withPickedDates = (l: Located, picked = pickedDates): Located =>
    l.dateSystem.assumed && picked ? { ...l, dateSystem: { system: picked, assumed: true } } : l;

  const pickDates = (system: ExcelDateSystem) => {
    setPickedDates(system);
    // The HEADROOM functions read serials the same way.
    setWorkbookDateSystem(system);
    if (located) setLocated(withPickedDates(located, system));
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

  const check = async () => {
    if (!loaded) return;
    setBusy(true);
    setOutcome(null);
    try {
      // The sheet may have changed since it was last found (rows added or deleted): find it again
      // every time, keeping the analyst's corrections through the mapping the workbook remembers.
      if (located) await rememberMapping(located.region, located.mapping);
      const l = await find();
      if (!l) return;
      const missing = missingColumns(l.mapping);
      if (missing.length > 0) {
        setProblem({
          what: `No ${missing.join(" or ")} column in ${l.region.address}.`,
          todo: "Pick the column in the mapping below, or name its header (Supplier, Vendor ID, Amount…).",
        });
        return;
      }
      setProblem(null);
      await rememberMapping(l.region, l.mapping);
      // Progress comes once per chunk (a few dozen times for 100,000 rows), so every report renders.
      const outcome = await runCheck(loaded.book, l, (phase, done, total) =>
        setProgress({ phase, done, total }),
      );
      setOutcome(outcome);
      setLocated({ ...l, region: outcome.region });
    } catch (e) {
      setProblem(
        problemOf(
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
    goToRow(outcome.region, row).catch((e: unknown) => setProblem(problemOf(e, "Could not select the row")));
  };

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
      {located &&
        (located.dateSystem.assumed ? (
          <p>
            <label>
              Dates:{" "}
              <select
                data-testid="date-system"
                value={located.dateSystem.system}
                onChange={(e) => pickDates((e.target as HTMLSelectElement).value as ExcelDateSystem)}
              >
                <option value="1900">1900 date system</option>
                <option value="1904">1904 date system</option>
              </select>
            </label>{" "}
            <span class="muted">
              This Excel cannot say which one the workbook uses. 1900 is every workbook from Windows, the web
              and Mac since Excel 2016; older Mac workbooks may use 1904 (Excel's options: Advanced, "Use 1904
              date system").
            </span>
          </p>
        ) : (
          <p class="muted">Dates: {located.dateSystem.system} date system.</p>
        ))}
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
          </p>
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
          <FlaggedRows
            result={outcome.result}
            purchases={outcome.purchases}
            rowOf={outcome.rowOf}
            firstRow={outcome.region.rowIndex + 2}
            onSelect={select}
          />
          <BudgetSummary budgets={s.budgets} />
        </div>
      )}
    </div>
  );
}
