import { useState } from "preact/hooks";
import type { ExcelDateSystem } from "../../shared/dates/excel-serial";
import { saveDateSystemChoice, type DateSystemInfo } from "../excel/date-system";
import { describeFailure } from "../excel/retry";
import { setWorkbookDateSystem } from "../runtime/workbook-date-system";

/**
 * Applies the analyst's answer (the HEADROOM functions read serials the same way from now on) and
 * keeps it in the workbook, so the pane and the functions use it next time without asking. A
 * workbook that cannot keep it (open for viewing, an Excel without workbook settings) still uses it
 * for this session, and the pane says so.
 */
export async function pickDateSystem(
  system: ExcelDateSystem,
  before: DateSystemInfo,
  save: (system: ExcelDateSystem) => Promise<void> = saveDateSystemChoice,
): Promise<DateSystemInfo> {
  setWorkbookDateSystem(system);
  const why = before.why !== undefined ? { why: before.why } : {};
  try {
    await save(system);
    return { system, assumed: false, source: "workbook", ...why };
  } catch (e) {
    return { system, assumed: false, source: "chosen", ...why, notSaved: describeFailure(e) };
  }
}

/** What the pane says about the date system: where it came from, and the picker when Excel could not say. */
export function dateSystemText(info: DateSystemInfo): string {
  const why = info.why ? ` (${info.why})` : "";
  switch (info.source) {
    case "excel":
      return `Dates: ${info.system} date system, from Excel.`;
    case "workbook":
      return `your choice, saved in this workbook: this Excel could not say which date system the workbook uses${why}.`;
    case "chosen":
      return `your choice, for this session only: it could not be saved in the workbook (${info.notSaved ?? "unknown reason"}).`;
    case "assumed":
      return `assumed 1900: this Excel could not say which date system the workbook uses${why}. 1900 is every workbook from Windows, the web and Mac since Excel 2016; older Mac workbooks may use 1904 (Excel's options: Advanced, "Use 1904 date system"). Your choice is saved in this workbook.`;
  }
}

/**
 * The date-system line of the check panel: "from Excel" when Excel said so; otherwise a picker,
 * with where its value came from (the analyst's saved choice, or assumed).
 */
export function DateSystemLine({
  info,
  onPicked,
}: {
  info: DateSystemInfo;
  onPicked: (info: DateSystemInfo) => void;
}) {
  const [saving, setSaving] = useState(false);
  if (info.source === "excel") {
    return (
      <p class="muted" data-testid="date-system-note" data-source={info.source}>
        {dateSystemText(info)}
      </p>
    );
  }
  const pick = async (system: ExcelDateSystem) => {
    setSaving(true);
    try {
      onPicked(await pickDateSystem(system, info));
    } finally {
      setSaving(false);
    }
  };
  return (
    <p>
      <label>
        Dates:{" "}
        <select
          data-testid="date-system"
          value={info.system}
          disabled={saving}
          onChange={(e) => void pick((e.target as HTMLSelectElement).value as ExcelDateSystem)}
        >
          <option value="1900">1900 date system</option>
          <option value="1904">1904 date system</option>
        </select>
      </label>{" "}
      <span class="muted" data-testid="date-system-note" data-source={info.source}>
        {saving ? "saving your choice in this workbook…" : dateSystemText(info)}
      </span>
    </p>
  );
}
