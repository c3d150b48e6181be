import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { formatChange } from "../../shared/diff/rule-book-diff";
import { BUDGET_FIELDS, missingBudgetColumns, type BudgetField } from "../../shared/publish/budget-table";
import { formatIssue } from "../../shared/rules/issues";
import { setRuleBook, type LoadedRuleBook } from "../runtime/rule-book-store";
import { NoDataError } from "../excel/find-data";
import { ErrorBox, problemOf, type Problem } from "./error-box";
import { FileTexts } from "./file-texts";
import { SaveInWorkbook } from "./save-in-workbook";
import {
  locateBudgetTable,
  previewPublish,
  putChangedFiles,
  type BudgetTable,
  type Preview,
} from "./publish-flow";
import { etagsOf, rememberEtags, storedText } from "./rule-book-source";
import { recordApplied } from "./revision-marks";

const LABELS: Record<BudgetField, string> = {
  costCenter: "Cost center",
  period: "Period",
  amount: "Amount",
  spent: "Spent",
  committed: "Committed",
  action: "Action",
  currency: "Currency",
  name: "Name",
  owner: "Owner",
  categories: "Categories",
};

/**
 * Publish budgets: map the analyst's budget table, build and validate the finance section, show
 * what would change in words, and save it: PUT to the rule book's URL with If-Match (a concurrent
 * edit is never overwritten), store it in the workbook, or take the files away (download, copy, or
 * select the text by hand).
 */
export function PublishPanel({ loaded }: { loaded: LoadedRuleBook | null }) {
  const [table, setTable] = useState<BudgetTable | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  // A preview belongs to the rule book it was built from: another one loaded makes it stale.
  useEffect(() => setPreview(null), [loaded]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    setNote("");
    try {
      await work();
    } catch (e) {
      setProblem(
        e instanceof NoDataError
          ? { what: "No budget table found.", todo: e.message }
          : problemOf(e, "That did not work"),
      );
    } finally {
      setBusy(false);
    }
  };

  const find = () =>
    run(async () => {
      setPreview(null);
      setTable(await locateBudgetTable());
    });

  const build = () =>
    run(async () => {
      if (!loaded || !table) return;
      setPreview(null);
      const missing = missingBudgetColumns(table.mapping);
      if (missing.length > 0) {
        setProblem({
          what: `No ${missing.join(", ")} column in ${table.region.address}.`,
          todo: "Pick the columns below, or select a cell in your budget table and find it again.",
        });
        return;
      }
      const r = await previewPublish(loaded, table);
      if (r.ok) {
        setPreview(r.value);
        return;
      }
      setProblem({
        what:
          r.rowErrors.length > 0
            ? `${r.rowErrors.length} cell${r.rowErrors.length === 1 ? "" : "s"} in the budget table cannot be published.`
            : "The budgets would make the rule book invalid; nothing was changed.",
        todo: "Correct the cells named below and preview again.",
        details: [
          ...r.rowErrors.map((e) => `Row ${e.row}${e.column ? `, ${e.column}` : ""}: ${e.message}`),
          ...r.issues.map((i) =>
            i.row !== undefined ? `Row ${i.row}: ${i.path}: ${i.message}` : formatIssue(i),
          ),
        ],
      });
    });

  const fileText = () => (preview ? preview.files.filter((f) => preview.changed.includes(f.name)) : []);

  const put = () =>
    run(async () => {
      if (!preview || !loaded) return;
      const r = await putChangedFiles(preview);
      if (!r.ok) {
        setProblem({
          what: r.conflict ? "Someone else changed the rule book." : "Not saved.",
          todo: r.message,
        });
        return;
      }
      const origin =
        loaded.origin.kind === "url"
          ? { ...loaded.origin, etag: r.etags[loaded.origin.url] ?? loaded.origin.etag }
          : loaded.origin;
      const etags = new Map(etagsOf(loaded));
      for (const [name, etag] of Object.entries(r.etags)) etags.set(name, etag);
      const saved = rememberEtags(
        { book: preview.book, origin, files: preview.files, loadedAt: Date.now() },
        etags,
      );
      // The published revision is the highest from this URL now: an older copy is never taken back.
      recordApplied(saved);
      setRuleBook(saved);
      setPreview(null);
      setNote(
        `Saved as revision ${preview.book.meta.revision}. Everyone who refreshes gets the new budgets.`,
      );
    });

  /** The preview as the copy stored in this workbook. */
  const workbookCopy = (): LoadedRuleBook | null =>
    preview && {
      book: preview.book,
      origin: { kind: "workbook" },
      files: preview.files,
      loadedAt: Date.now(),
    };
  const storedInWorkbook = () => {
    const next = workbookCopy();
    if (!next) return;
    setRuleBook(next);
    setPreview(null);
    setNote("Stored in this workbook and now in use here. Save the workbook to keep it.");
  };

  return (
    <div>
      <p class="muted">
        Select a cell in your budget table (cost center, period, amount, spent, committed, action), then find
        it.
      </p>
      <div class="row">
        <button type="button" onClick={find} disabled={busy} data-testid="budget-find">
          Find budget table
        </button>
        <button
          type="button"
          class="primary"
          onClick={build}
          disabled={busy || !table || !loaded}
          data-testid="budget-preview"
        >
          Preview changes
        </button>
      </div>
      {!loaded && <p class="muted">Load the rule book to publish into first.</p>}
      {table && (
        <details open={!preview}>
          <summary>
            Columns of <span data-testid="budget-address">{table.region.address}</span>
          </summary>
          <div class="mapping">
            {BUDGET_FIELDS.map((field) => (
              <Fragment key={field}>
                <label for={`bmap-${field}`}>{LABELS[field]}</label>
                <select
                  id={`bmap-${field}`}
                  value={table.mapping[field] === undefined ? "" : String(table.mapping[field])}
                  onChange={(e) => {
                    const v = (e.target as HTMLSelectElement).value;
                    const mapping = { ...table.mapping };
                    if (v === "") delete mapping[field];
                    else mapping[field] = Number(v);
                    setTable({ ...table, mapping });
                    setPreview(null);
                  }}
                  data-testid={`bmap-${field}`}
                >
                  <option value="">(none)</option>
                  {table.region.headers.map((h, i) => (
                    <option key={i} value={String(i)}>
                      {h === "" ? `(column ${i + 1})` : h}
                    </option>
                  ))}
                </select>
              </Fragment>
            ))}
          </div>
        </details>
      )}
      {problem && <ErrorBox problem={problem} testId="publish-error" />}
      {preview && (
        <div data-testid="publish-preview">
          <h3>What would change</h3>
          {preview.changes.length === 0 ? (
            <p class="muted" data-testid="diff-none">
              Nothing: the budgets in the sheet are the rule book's.
            </p>
          ) : (
            <ul class="diff" data-testid="diff">
              {preview.changes.map((c, i) => (
                <li key={i}>{formatChange(c)}</li>
              ))}
            </ul>
          )}
          <p class="muted">
            Changes {preview.changed.join(", ")}; the rest of the rule book is untouched.
            {preview.revision &&
              ` The revision goes from ${preview.revision.from} to ${preview.revision.to} (in ${preview.revision.file}), so every client takes it as newer.`}
          </p>
          <div class="row">
            {loaded?.origin.kind === "url" && (
              <button type="button" class="primary" onClick={put} disabled={busy} data-testid="publish-put">
                Save to URL
              </button>
            )}
            <SaveInWorkbook
              text={() => storedText(workbookCopy()!)}
              book={preview.book}
              disabled={busy || !loaded}
              onSaved={storedInWorkbook}
              testId="publish-workbook"
            />
          </div>
          {/* Download and copy, per file: a clipboard holds one file, and either may not work here. */}
          <FileTexts files={fileText()} disabled={busy} />
        </div>
      )}
      {note && (
        <p role="status" class="muted" data-testid="publish-note">
          {note}
        </p>
      )}
    </div>
  );
}
