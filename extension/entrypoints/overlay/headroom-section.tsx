import type { SupplierVerdictView } from "../../protocol/views";

type Props = { view: SupplierVerdictView; onCostCenter: (id: string) => void };

/** The chosen cost center's headroom (amount and bar), and what is left after the page's price. */
export function HeadroomSection({ view, onCostCenter }: Props) {
  const { headroom, price, afterPurchase } = view;
  const used = headroom === null ? 0 : Math.min(100, Math.max(0, headroom.usedPercent));
  const over = headroom !== null && headroom.remaining.minor < 0;
  return (
    <section class="headroom" aria-label="Budget headroom">
      <label class="cost-center">
        <span>Cost center</span>
        <select
          data-testid="headroom-cost-center"
          value={headroom?.costCenter ?? ""}
          onChange={(e) => onCostCenter((e.currentTarget as HTMLSelectElement).value)}
        >
          {headroom === null && <option value="">Choose…</option>}
          {view.costCenters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name === null ? c.id : `${c.id} · ${c.name}`}
            </option>
          ))}
        </select>
      </label>

      {headroom === null ? (
        <p class="quiet" data-testid="headroom-remaining">
          No budget to show: choose a cost center with a budget for today.
        </p>
      ) : (
        <>
          <p class={`remaining${over ? " over" : ""}`} data-testid="headroom-remaining">
            <strong>{headroom.remaining.text}</strong> left of {headroom.budget.text}
            <span class="quiet"> ({headroom.period})</span>
          </p>
          <div
            class={`bar${over ? " over" : ""}`}
            role="meter"
            aria-label="Budget used"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(used)}
            aria-valuetext={`${Math.round(used)} % of the budget spent or committed`}
          >
            <div class="fill" style={{ width: `${used}%` }} />
          </div>
        </>
      )}

      {price !== null && (
        <p class="after" data-testid="headroom-after-purchase">
          {price.kind === "cart" ? "Cart total" : "Price"} {price.text}
          {afterPurchase !== null && (
            <>
              {" → "}
              <strong class={afterPurchase.minor < 0 ? "over" : ""}>{afterPurchase.text}</strong> left after
              it
            </>
          )}
        </p>
      )}
    </section>
  );
}
