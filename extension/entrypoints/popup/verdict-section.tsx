import type { SupplierVerdictView } from "../../protocol/views";

const LEVEL_TEXT = { ok: "Good to buy here", warn: "Check before buying", block: "Do not buy here" } as const;

/** The current tab's supplier: status, terms, budget headroom, checks and alternatives, as text. */
export function VerdictSection({
  verdict,
  onCostCenter,
}: {
  verdict: SupplierVerdictView;
  onCostCenter: (id: string) => void;
}) {
  const { supplier, headroom } = verdict;
  return (
    <section data-testid="popup-verdict" aria-labelledby="verdict-heading">
      <h1 id="verdict-heading">{supplier.name}</h1>
      <p class={`level-${verdict.level}`}>
        <span class="status-word">{supplier.status}</span> · {LEVEL_TEXT[verdict.level]}
      </p>
      {supplier.termsText && <p>Negotiated terms: {supplier.termsText}</p>}
      {supplier.contractNote && <p>{supplier.contractNote}</p>}
      <label for="cost-center">Cost center</label>{" "}
      <select
        id="cost-center"
        data-testid="popup-cost-center"
        value={headroom?.costCenter ?? ""}
        onChange={(e) => onCostCenter(e.currentTarget.value)}
      >
        {!headroom && <option value="">Choose…</option>}
        {verdict.costCenters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.id}
            {c.name ? ` – ${c.name}` : ""}
          </option>
        ))}
      </select>
      {headroom && (
        <div>
          <p class="figure">
            {headroom.remaining.text} left of {headroom.budget.text} ({headroom.period})
          </p>
          <div
            class="bar"
            role="meter"
            aria-label="Budget used"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={headroom.usedPercent}
          >
            <span style={{ width: `${headroom.usedPercent}%` }} />
          </div>
        </div>
      )}
      {verdict.price && (
        <p class="figure">
          {verdict.price.kind === "cart" ? "Cart total" : "Price"} on this page: {verdict.price.text}
          {verdict.afterPurchase && `; afterwards ${verdict.afterPurchase.text} left`}
        </p>
      )}
      {verdict.findings.length > 0 && (
        <ul>
          {verdict.findings.map((f) => (
            <li key={f.code} class={`level-${f.severity === "info" ? "ok" : f.severity}`}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
      {verdict.alternatives.length > 0 && (
        <p>
          Preferred instead:{" "}
          {verdict.alternatives.map((a, i) => (
            <span key={a.id}>
              {i > 0 && ", "}
              {a.name}
              {a.domain && ` (${a.domain})`}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
