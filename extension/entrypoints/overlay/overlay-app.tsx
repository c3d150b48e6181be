import { useCallback, useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { isToPagesMessage } from "../../protocol/content-guards";
import { dismiss, fetchView, setCostCenter, type ViewState } from "./background-api";
import { VerdictPanel } from "./verdict-panel";

/**
 * The overlay page, framed by the content script inside a supplier's tab. It asks the background for
 * the tab's verdict and asks again whenever the background says something changed. Everything it shows
 * is text from that verdict; nothing from the supplier's page reaches it except through the background.
 */
export function OverlayApp() {
  const [state, setState] = useState<ViewState>({ kind: "loading" });

  const load = useCallback(() => {
    void fetchView().then(setState);
  }, []);

  useEffect(() => {
    load();
    const listener = (message: unknown, sender: { id?: string }): undefined => {
      if (sender.id !== browser.runtime.id) return undefined;
      if (isToPagesMessage(message)) load();
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [load]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") void dismiss();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const chooseCostCenter = (id: string) => {
    void setCostCenter(id).then(load);
  };

  if (state.kind === "loading") return <p class="quiet">Checking this supplier…</p>;
  if (state.kind === "error") {
    return (
      <p class="quiet" role="alert">
        Headroom could not reach its background: {state.message}
      </p>
    );
  }
  if (state.kind === "none") return <p class="quiet">This site is not a supplier in the rule book.</p>;
  return <VerdictPanel view={state.view} onDismiss={() => void dismiss()} onCostCenter={chooseCostCenter} />;
}
