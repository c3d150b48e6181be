import "./jitless";
import { render } from "preact";
import { getRuleBookState } from "../runtime/rule-book-store";
import { App } from "./app";
import { applyStoredRuleBookAtStart } from "./stored-rule-book";
import { installStyles } from "./styles";
import { applyOfficeTheme } from "./theme";

/**
 * Entry of the task pane: once Office is ready, style the page after the host's theme, render, and
 * put the workbook's own rule book into use when it carries one.
 */
function start(): void {
  installStyles();
  applyOfficeTheme();
  const root = document.getElementById("app");
  if (root) render(<App />, root);
  if (getRuleBookState().current === null) void applyStoredRuleBookAtStart();
}

if (typeof Office !== "undefined") void Office.onReady(start);
else start();
