import type { SupplierVerdictView } from "../../protocol/views";

const SEVERITY_WORD = { block: "Stop", warn: "Check", info: "Note" } as const;

/** The checks the purchase would trip (over budget, approval needed, supplier status…). */
export function Findings({ view }: { view: SupplierVerdictView }) {
  if (view.findings.length === 0) {
    return (
      <p class="quiet findings-none" data-testid="headroom-findings">
        No checks tripped.
      </p>
    );
  }
  return (
    <section aria-label="Checks">
      <ul class="findings" data-testid="headroom-findings">
        {view.findings.map((f, i) => (
          <li key={`${f.code}-${i}`} class={`finding sev-${f.severity}`} data-code={f.code}>
            <span class="sev">{SEVERITY_WORD[f.severity]}</span> {f.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
