/**
 * The pane's stylesheet: a 320 px wide column, Office-like type, colours from CSS variables that
 * `applyOfficeTheme` sets from the host's theme (light and dark defaults otherwise), and a visible
 * focus ring for keyboard use.
 */
export const PANE_CSS = `
:root {
  --bg: #ffffff; --fg: #242424; --muted: #616161; --line: #d1d1d1; --panel: #f5f5f5;
  --accent: #0f6cbd; --accent-fg: #ffffff; --bad: #a4262c; --bad-bg: #fde7e9;
  --block: #9c0006; --block-bg: #ffc7ce; --warn: #9c5700; --warn-bg: #ffeb9c;
  --info: #1f4e78; --info-bg: #ddebf7; --ok: #006100; --ok-bg: #c6efce;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root:not([data-office-theme]) {
    --bg: #1f1f1f; --fg: #f0f0f0; --muted: #adadad; --line: #424242; --panel: #2b2b2b;
    --accent: #479ef5; --accent-fg: #000000; --bad: #ff99a4; --bad-bg: #3e1f22;
  }
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--fg); }
body { font: 13px/1.4 "Segoe UI", system-ui, -apple-system, sans-serif; min-width: 280px; }
#app { max-width: 100%; padding: 10px 12px 24px; }
h1 { font-size: 16px; margin: 0 0 8px; font-weight: 600; }
h2 { font-size: 14px; margin: 14px 0 6px; font-weight: 600; }
h3 { font-size: 13px; margin: 10px 0 4px; font-weight: 600; }
p { margin: 4px 0; }
.muted { color: var(--muted); }
section.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 8px 0; background: var(--panel); }
button, select, input[type=url], input[type=text] {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
  border-radius: 4px; padding: 4px 8px; max-width: 100%;
}
button { cursor: pointer; }
button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); font-weight: 600; }
button:disabled { opacity: .55; cursor: default; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.row { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; margin: 6px 0; }
.row > input[type=url] { flex: 1 1 160px; min-width: 0; }
[role=tablist] { display: flex; gap: 2px; border-bottom: 1px solid var(--line); margin-top: 10px; }
[role=tab] { border: none; border-bottom: 2px solid transparent; border-radius: 0; background: none; padding: 6px 10px; }
[role=tab][aria-selected=true] { border-bottom-color: var(--accent); font-weight: 600; }
.error { border: 1px solid var(--bad); background: var(--bad-bg); color: var(--fg); border-radius: 6px; padding: 6px 8px; margin: 6px 0; }
.error strong { color: var(--bad); }
.warning, .confirm { border: 1px solid var(--warn); color: var(--fg); border-radius: 6px; padding: 6px 8px; margin: 6px 0; word-break: break-word; }
.error ul { margin: 4px 0 0; padding-left: 18px; max-height: 160px; overflow: auto; word-break: break-word; }
.mapping { display: grid; grid-template-columns: 110px 1fr; gap: 4px 6px; align-items: center; }
.mapping select { width: 100%; }
progress { width: 100%; height: 10px; }
.flagged { list-style: none; margin: 0; padding: 0; max-height: 260px; overflow: auto; }
.flagged li button { display: block; width: 100%; text-align: left; border: none; border-bottom: 1px solid var(--line); border-radius: 0; padding: 4px 2px; background: none; }
.flagged li button:hover { background: var(--bg); }
.badge { display: inline-block; min-width: 40px; text-align: center; border-radius: 3px; padding: 0 4px; font-size: 11px; font-weight: 600; margin-right: 4px; }
.badge.block { background: var(--block-bg); color: var(--block); }
.badge.warn { background: var(--warn-bg); color: var(--warn); }
.badge.info { background: var(--info-bg); color: var(--info); }
.badge.ok { background: var(--ok-bg); color: var(--ok); }
.clip { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 12px; }
table.summary { width: 100%; border-collapse: collapse; font-size: 12px; table-layout: fixed; }
table.summary td:first-child .clip { white-space: normal; font-size: 11px; }
table.summary th.num { width: 40%; }
table.summary th, table.summary td { padding: 2px 3px; border-bottom: 1px solid var(--line); overflow: hidden; text-overflow: ellipsis; }
table.summary td.num, table.summary th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary tr.over td.num { color: var(--bad); font-weight: 600; }
table.summary tr.over strong { color: var(--bad); }
.diff { margin: 4px 0; padding-left: 18px; word-break: break-word; }
`;

/** Puts the stylesheet into the page (the HTML shell is shared with the functions and has none). */
export function installStyles(doc: Document = document): void {
  const style = doc.createElement("style");
  style.textContent = PANE_CSS;
  doc.head.appendChild(style);
}
