import { useEffect, useState } from "preact/hooks";
import { getRuleBookState, subscribeRuleBook } from "../runtime/rule-book-store";
import { CheckPanel } from "./check-panel";
import { PublishPanel } from "./publish-panel";
import { RuleBookPanel } from "./rule-book-panel";
import { StartUpStatus } from "./start-up-status";

type Tab = "check" | "publish";

/** The task pane: the rule book on top, then Check purchases and Publish budgets as tabs (arrow keys move between them). */
export function App() {
  const [state, setState] = useState(getRuleBookState());
  const [tab, setTab] = useState<Tab>("check");
  useEffect(() => {
    const stop = subscribeRuleBook(setState);
    // A rule book set between the first render and this effect (the workbook's own, read at opening).
    setState(getRuleBookState());
    return stop;
  }, []);
  const tabs: [Tab, string][] = [
    ["check", "Check purchases"],
    ["publish", "Publish budgets"],
  ];
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const next: Tab = tab === "check" ? "publish" : "check";
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <main>
      <h1>Headroom</h1>
      <RuleBookPanel state={state} />
      <StartUpStatus />
      <div role="tablist" aria-label="Headroom" onKeyDown={onKey}>
        {tabs.map(([id, label]) => (
          <button
            key={id}
            id={`tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            data-testid={`tab-${id}`}
          >
            {label}
          </button>
        ))}
      </div>
      <div id="panel-check" role="tabpanel" aria-labelledby="tab-check" hidden={tab !== "check"}>
        <CheckPanel loaded={state.current} />
      </div>
      <div id="panel-publish" role="tabpanel" aria-labelledby="tab-publish" hidden={tab !== "publish"}>
        <PublishPanel loaded={state.current} />
      </div>
    </main>
  );
}
