import type { DateOrderFinding, DayMonthOrder } from "../../shared/dates/date-text";

const ORDER_WORDS: Record<DayMonthOrder, string> = {
  dmy: "day first (21/11/2026)",
  mdy: "month first (11/21/2026)",
};

/**
 * How invoice dates written as text (not as Excel dates) were read, under the check's result: day or
 * month first is decided for the whole column by the first date with a day over 12, as
 * `headroom check` decides it. When no date decides it, those rows were reported as unreadable and
 * the analyst picks the order here, which checks again. Nothing is said for a column of real dates.
 */
export function DateOrderLine({
  found,
  busy,
  onPick,
}: {
  found: DateOrderFinding | { kind: "given"; order: DayMonthOrder };
  busy: boolean;
  onPick: (order: DayMonthOrder) => void;
}) {
  if (found.kind === "not-needed") return null;
  const picker = (value: DayMonthOrder | "") => (
    <select
      data-testid="date-order-pick"
      value={value}
      disabled={busy}
      onChange={(e) => {
        const v = (e.target as HTMLSelectElement).value;
        if (v === "dmy" || v === "mdy") onPick(v);
      }}
    >
      {value === "" && <option value="">Choose…</option>}
      <option value="dmy">{ORDER_WORDS.dmy}</option>
      <option value="mdy">{ORDER_WORDS.mdy}</option>
    </select>
  );
  if (found.kind === "ambiguous") {
    const shown = found.examples
      .slice(0, 3)
      .map((e) => `"${e.text}" (row ${e.line})`)
      .join(", ");
    return (
      <div class="warning" role="status" data-testid="date-order">
        <p>
          Invoice dates written as text read either way, day first or month first, and none has a day over 12
          to tell which: {shown}. Those rows were reported as unreadable dates.
        </p>
        <label>Read them {picker("")}</label>
      </div>
    );
  }
  if (found.kind === "decided") {
    return (
      <p class="muted" data-testid="date-order">
        Invoice dates written as text were read {ORDER_WORDS[found.order]}: "{found.by.text}" in row{" "}
        {found.by.line} can only be read that way.
      </p>
    );
  }
  return (
    <p class="muted" data-testid="date-order">
      <label>Invoice dates written as text were read, as you chose, {picker(found.order)}</label>
    </p>
  );
}
