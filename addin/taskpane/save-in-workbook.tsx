import { useState } from "preact/hooks";
import type { RuleBook } from "../../shared/rules/rule-book";
import { MAX_PART_BYTES, PART_NAMESPACES, partBytes } from "../excel/document-store";
import { saveToWorkbook } from "../excel/workbook";
import { ErrorBox, problemOf, type Problem } from "./error-box";

/** What storing a rule book in the file puts there, in words an analyst can weigh before sending it on. */
export function storedContentLines(book: RuleBook, bytes: number): string[] {
  const blocked = book.suppliers.filter((s) => s.status === "blocked").length;
  const costCenters = new Set(book.budgets.map((b) => b.costCenter)).size;
  const plural = (n: number, one: string, many = `${one}s`) =>
    `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  return [
    `${plural(book.budgets.length, "budget")} of ${plural(costCenters, "cost center")}, with amounts, spent and committed`,
    `${plural(book.suppliers.length, "supplier")}${blocked > 0 ? `, ${plural(blocked, "blocked supplier")} among them` : ""}, with their terms`,
    `${plural(book.approvals.length, "approval threshold")} and the payment-term policy`,
    `${(bytes / 1_000_000).toFixed(2)} MB in all`,
  ];
}

/**
 * "Save in workbook", asked before it is done: the copy is stored invisibly in the file (a custom
 * XML part), so anyone the workbook is sent to can read every budget and every blocked supplier in
 * it, though no sheet shows them. The analyst sees what goes in and confirms; a copy too large for
 * one Excel request is refused up front, and the copy already stored stays as it was.
 */
export function SaveInWorkbook({
  text,
  book,
  disabled,
  onSaved,
  testId = "rules-save-workbook",
}: {
  /** The text to store (see `storedText`), made only when asked: it can be megabytes. */
  text: () => string;
  book: RuleBook;
  disabled: boolean;
  onSaved: () => void;
  testId?: string;
}) {
  // The text and its size while the question is open.
  const [asking, setAsking] = useState<{ text: string; bytes: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const bytes = asking?.bytes ?? 0;
  const tooLarge = bytes > MAX_PART_BYTES;

  const save = async () => {
    setSaving(true);
    setProblem(null);
    try {
      await saveToWorkbook(PART_NAMESPACES.ruleBook, asking!.text);
      setAsking(null);
      onSaved();
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      setProblem(
        code === "AccessDenied"
          ? {
              what: "This workbook cannot be changed here (it is open for viewing or protected), so the rule book was not stored in it.",
              todo: "Open it for editing (Excel on the web: Editing instead of Viewing) and save again.",
            }
          : problemOf(e, "The rule book was not stored in the workbook"),
      );
    } finally {
      setSaving(false);
    }
  };

  if (!asking) {
    return (
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          setProblem(null);
          const t = text();
          setAsking({ text: t, bytes: partBytes(PART_NAMESPACES.ruleBook, t) });
        }}
        data-testid={testId}
      >
        Save in workbook…
      </button>
    );
  }
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-labelledby="save-question"
      data-testid="save-workbook-confirm"
      style={{ flexBasis: "100%" }}
    >
      {tooLarge ? (
        <ErrorBox
          problem={{
            what: `This rule book is too large to store in the workbook: ${(bytes / 1_000_000).toFixed(1)} MB, and Excel takes at most ${(MAX_PART_BYTES / 1_000_000).toFixed(1)} MB in one request.`,
            todo: "Nothing was changed. Colleagues can load it from its URL instead.",
          }}
        />
      ) : (
        <>
          <p id="save-question">
            <strong>Store the whole rule book inside this file?</strong> No sheet shows it, but anyone who
            gets a copy of the workbook can read it:
          </p>
          <ul data-testid="save-workbook-contents">
            {storedContentLines(book, bytes).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p>Send the workbook only to people who may see these figures.</p>
        </>
      )}
      {problem && <ErrorBox problem={problem} />}
      <div class="row">
        {!tooLarge && (
          <button
            type="button"
            class="primary"
            disabled={saving}
            onClick={() => void save()}
            data-testid={`${testId}-confirm`}
          >
            Store in workbook
          </button>
        )}
        <button type="button" onClick={() => setAsking(null)} data-testid={`${testId}-cancel`}>
          Cancel
        </button>
      </div>
    </div>
  );
}
