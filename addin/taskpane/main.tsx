import "./jitless";
import { render } from "preact";
import { registerStartUp, startOnce } from "../runtime/start-state";
import { App } from "./app";
import { openWorkbookRuleBook } from "./stored-rule-book";
import { installStyles } from "./styles";
import { applyOfficeTheme } from "./theme";

// What opening the workbook does about its rule book, run once per page by whichever of the two
// bundles is ready first (see `registerStartUp`).
registerStartUp(() => openWorkbookRuleBook());

/**
 * Entry of the task pane: once Office is ready, style the page after the host's theme, render, and
 * put the rule book the workbook carries into use (its stored copy, then its remembered URL), unless
 * the functions' runtime has started that already.
 */
function start(): void {
  installStyles();
  applyOfficeTheme();
  const root = document.getElementById("app");
  if (root) render(<App />, root);
  void startOnce();
}

if (typeof Office !== "undefined") void Office.onReady(start);
else start();
