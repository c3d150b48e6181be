import { useCallback, useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import type { SupplierSearchView, SupplierVerdictView } from "../../protocol/views";
import { ask, onBackgroundChange } from "../../ui/background-client";
import { GrantButton } from "../../ui/grant-button";
import { RevisionWarning, RuleBookError, ruleBookSummary } from "../../ui/rule-book-status";
import { useStatus } from "../../ui/use-status";
import { VerdictSection } from "./verdict-section";

/** The tab the popup is about: the active tab, or `?tabId=` when the popup is opened as a page (tests). */
async function currentTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get("tabId"));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export function PopupApp() {
  const { status, setStatus, reload, now } = useStatus();
  const [verdict, setVerdict] = useState<SupplierVerdictView | null | undefined>(undefined);
  const [tabId, setTabId] = useState<number | null>(null);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<SupplierSearchView>([]);
  const [busy, setBusy] = useState(false);

  const loadVerdict = useCallback(() => {
    if (tabId === null) return;
    void ask({ kind: "ui/tab-verdict", tabId }).then(setVerdict);
  }, [tabId]);

  useEffect(() => {
    void currentTabId().then((id) => {
      setTabId(id);
      if (id === null) setVerdict(null);
    });
  }, []);
  useEffect(() => {
    loadVerdict();
    return onBackgroundChange(loadVerdict);
  }, [loadVerdict]);
  useEffect(() => {
    let current = true;
    void ask({ kind: "ui/search-suppliers", query }).then((r) => current && setHits(r));
    return () => {
      current = false;
    };
  }, [query, status?.ruleBook.revision]);

  const chooseCostCenter = (costCenter: string) => {
    if (!verdict || costCenter === "") return;
    void ask({ kind: "ui/set-cost-center", supplierId: verdict.supplier.id, costCenter }).then(loadVerdict);
  };
  const refresh = () => {
    setBusy(true);
    void ask({ kind: "ui/refresh" })
      .then(setStatus)
      .finally(() => setBusy(false));
  };

  return (
    <main>
      {verdict === undefined ? (
        <p aria-busy="true">Loading…</p>
      ) : verdict ? (
        <VerdictSection verdict={verdict} onCostCenter={chooseCostCenter} />
      ) : (
        <section data-testid="popup-verdict">
          <p class="muted">
            This page is not on a supplier site in the rule book (or Headroom may not access it).
          </p>
        </section>
      )}

      <section aria-labelledby="search-label">
        <label id="search-label" for="search">
          Find a supplier
        </label>
        <input
          id="search"
          type="search"
          data-testid="popup-search"
          placeholder="Name, website or category"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <ul data-testid="popup-search-results" aria-live="polite">
          {hits.map((h) => (
            <li key={h.id}>
              {h.name} – <span class="status-word">{h.status}</span>
              {h.domains[0] && <span class="muted"> ({h.domains[0]})</span>}
            </li>
          ))}
        </ul>
      </section>

      {status && (
        <section aria-label="Rule book">
          <p data-testid="popup-rules-age">{ruleBookSummary(status.ruleBook, now)}</p>
          <RuleBookError status={status.ruleBook} testId="popup-error" now={now} />
          <RevisionWarning status={status.ruleBook} testId="popup-revision-warning" />
          <div class="row">
            <button
              type="button"
              data-testid="popup-refresh"
              onClick={refresh}
              disabled={busy || status.settings.rulesUrl === null}
            >
              Refresh rule book
            </button>
            <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
              Options
            </button>
          </div>
          <GrantButton permissions={status.permissions} onDone={reload} />
        </section>
      )}
    </main>
  );
}
