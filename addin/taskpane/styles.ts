import { defaultThemeCss } from "./theme";

/**
 * The pane's stylesheet: a 320 px wide column, Office-like type and a visible focus ring for
 * keyboard use. It only lays out: every colour is a CSS variable that theme.ts sets from the host's
 * theme (or the light and dark defaults), each checked for contrast against the surface it is on.
 */
export const PANE_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--fg); }
body { font: 13px/1.4 "Segoe UI", system-ui, -apple-system, sans-serif; min-width: 280px; }
#app { max-width: 100%; padding: 10px 12px 24px; }
h1 { font-size: 16px; margin: 0 0 8px; font-weight: 600; }
h2 { font-size: 14px; margin: 14px 0 6px; font-weight: 600; }
h3 { font-size: 13px; margin: 10px 0 4px; font-weight: 600; }
p { margin: 4px 0; }
a { color: var(--link); }
.muted { color: var(--muted); }
section.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 8px 0; background: var(--panel); }
button, select, input, textarea {
  font: inherit; color: var(--control-fg); background: var(--control-bg); border: 1px solid var(--control-edge);
  border-radius: 4px; padding: 4px 8px; max-width: 100%; color-scheme: var(--control-scheme);
}
input::placeholder, textarea::placeholder { color: var(--control-muted); opacity: 1; }
input[type=file] { color: var(--fg); background: transparent; border: none; padding: 0; color-scheme: inherit; }
input[type=file]::file-selector-button {
  font: inherit; color: var(--control-fg); background: var(--control-bg); border: 1px solid var(--control-edge);
  border-radius: 4px; padding: 3px 8px; margin-right: 6px; color-scheme: var(--control-scheme);
}
button { cursor: pointer; }
button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); font-weight: 600; }
button:disabled { opacity: .55; cursor: default; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
summary { cursor: pointer; }
progress { width: 100%; height: 10px; accent-color: var(--accent); }
.row { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; margin: 6px 0; }
.row > input[type=url] { flex: 1 1 160px; min-width: 0; }
[role=tablist] { display: flex; gap: 2px; border-bottom: 1px solid var(--line); margin-top: 10px; }
[role=tab] { border: none; border-bottom: 2px solid transparent; border-radius: 0; background: none; color: var(--fg); padding: 6px 10px; }
[role=tab][aria-selected=true] { border-bottom-color: var(--accent); font-weight: 600; }
.error { border: 1px solid var(--edge); background: var(--bg); color: var(--fg); border-radius: 6px; padding: 6px 8px; margin: 6px 0; }
.error strong { color: var(--bad); }
.warning, .confirm { border: 1px solid var(--edge); background: var(--bg); color: var(--fg); border-radius: 6px; padding: 6px 8px; margin: 6px 0; word-break: break-word; }
.error ul { margin: 4px 0 0; padding-left: 18px; max-height: 160px; overflow: auto; word-break: break-word; }
.mapping { display: grid; grid-template-columns: 110px 1fr; gap: 4px 6px; align-items: center; }
.mapping select { width: 100%; }
.flagged { list-style: none; margin: 0; padding: 0; max-height: 360px; overflow: auto; }
.flagged > li { border-bottom: 1px solid var(--line); }
.flagged .flag-head { display: flex; align-items: stretch; }
.flagged .flag-head button { border: none; border-radius: 0; background: none; color: var(--fg); padding: 4px 2px; }
.flagged .flag-go { flex: 1 1 auto; min-width: 0; display: block; text-align: left; }
.flagged .flag-more { flex: 0 0 auto; font-size: 12px; white-space: nowrap; }
.flagged .flag-head button:hover { background: var(--panel); }
.flagged .findings { margin: 0 0 6px; padding-left: 18px; font-size: 12px; overflow-wrap: anywhere; }
.flagged .findings li { margin: 2px 0; }
.badge { display: inline-block; min-width: 40px; text-align: center; border-radius: 3px; padding: 0 4px; font-size: 11px; font-weight: 600; margin-right: 4px; background: var(--badge-bg); color: var(--badge-fg); }
.clip { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 12px; }
table.summary { width: 100%; border-collapse: collapse; font-size: 12px; table-layout: fixed; }
table.summary td:first-child .clip { white-space: normal; font-size: 11px; }
table.summary th.num { width: 40%; }
table.summary th, table.summary td { padding: 2px 3px; border-bottom: 1px solid var(--line); overflow: hidden; text-overflow: ellipsis; }
table.summary td.num, table.summary th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary tr.over td.num { color: var(--bad); font-weight: 600; }
table.summary tr.over strong { color: var(--bad); }
.diff { margin: 4px 0; padding-left: 18px; word-break: break-word; }
.file-text, .file-note { overflow-wrap: anywhere; }
.file-text textarea { display: block; width: 100%; height: 140px; font: 11px/1.35 ui-monospace, Consolas, monospace; resize: vertical; white-space: pre; }
`;

/**
 * Puts the stylesheet and the default colours into the page (the HTML shell is shared with the
 * functions and has none); `applyOfficeTheme` adds the host's colours after it.
 */
export function installStyles(doc: Document = document): void {
  const style = doc.createElement("style");
  style.textContent = `${PANE_CSS}\n${defaultThemeCss()}`;
  doc.head.appendChild(style);
}
