import type { SupplierVerdictView } from "../../protocol/views";
import { HeadroomSection } from "./headroom-section";
import { Findings } from "./findings";
import { RuleBookLine } from "./rule-book-line";

type Props = {
  view: SupplierVerdictView;
  onDismiss: () => void;
  onCostCenter: (id: string) => void;
};

const STATUS_LABEL: Record<SupplierVerdictView["supplier"]["status"], string> = {
  preferred: "Preferred supplier",
  approved: "Approved supplier",
  restricted: "Restricted supplier",
  blocked: "Blocked supplier",
  "not in the rule book": "Supplier not in the rule book",
};

/** The whole panel for one supplier tab: status, terms, headroom, the purchase's checks, alternatives. */
export function VerdictPanel({ view, onDismiss, onCostCenter }: Props) {
  const { supplier } = view;
  return (
    <main class={`panel level-${view.level}`} aria-labelledby="supplier-name">
      <header class="head">
        <h1 id="supplier-name">{supplier.name}</h1>
        <p
          class={`status status-${supplier.status.replace(/ /g, "-")}`}
          data-testid="headroom-supplier-status"
        >
          <span class="dot" aria-hidden="true" />
          {STATUS_LABEL[supplier.status]} <span class="word">({supplier.status})</span>
        </p>
      </header>

      {(supplier.termsText !== null || supplier.contractEnds !== null) && (
        <dl class="terms" data-testid="headroom-terms">
          {supplier.termsText !== null && (
            <>
              <dt>Terms</dt>
              <dd>{supplier.termsText}</dd>
            </>
          )}
          {supplier.contractEnds !== null && (
            <>
              <dt>Contract ends</dt>
              <dd>
                {supplier.contractEnds}
                {supplier.contractNote !== null && <span class="note"> · {supplier.contractNote}</span>}
              </dd>
            </>
          )}
        </dl>
      )}

      <HeadroomSection view={view} onCostCenter={onCostCenter} />
      <Findings view={view} />

      {view.alternatives.length > 0 && (
        <section class="alternatives" data-testid="headroom-alternatives" aria-label="Preferred alternatives">
          <h2>Preferred for this category</h2>
          <ul>
            {view.alternatives.map((a) => (
              <li key={a.id}>
                {a.name}
                {a.domain !== null && <span class="quiet"> · {a.domain}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <footer class="foot">
        <RuleBookLine ruleBook={view.ruleBook} />
        <button type="button" class="dismiss" data-testid="headroom-dismiss" onClick={onDismiss}>
          Hide on this site for a day
        </button>
      </footer>
    </main>
  );
}
