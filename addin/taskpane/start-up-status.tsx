import { useEffect, useState } from "preact/hooks";
import { getStartState, subscribeStartState, type StartState } from "../runtime/start-state";

/** "rules.json on intranet.example.com": a URL as the analyst reads it in the main view. */
export function shortUrl(address: string): string {
  try {
    const u = new URL(address);
    const file = u.pathname.split("/").filter(Boolean).pop();
    return file && u.host ? `${decodeURIComponent(file)} on ${u.host}` : address;
  } catch {
    return address;
  }
}

export type StartLine = { kind: "info" | "warning"; text: string };

/**
 * What opening the workbook did about its rule book, in the analyst's words: what is under way,
 * what failed and whether it is tried again, and that the workbook remembers its rule book's URL.
 * Nothing for a workbook that carries no rule book.
 */
export function startUpLines(state: StartState, now: number): StartLine[] {
  const lines: StartLine[] = [];
  const seconds = (at: number) => Math.max(1, Math.ceil((at - now) / 1000));
  const { stored, url, remembered } = state;
  const where = remembered ? shortUrl(remembered.url) : "its URL";
  if (stored.status === "running") {
    lines.push({
      kind: "info",
      text: "Reading the rule book stored in this workbook… (Excel holds this while a cell is being edited: finish the edit with Enter or Esc.)",
    });
  } else if (stored.status === "retrying") {
    lines.push({
      kind: "warning",
      text: `Could not read the rule book stored in this workbook: ${stored.error}. Trying again in ${seconds(stored.nextAt)} s (attempt ${stored.attempt + 1}).`,
    });
  } else if (stored.status === "failed") {
    lines.push({
      kind: "warning",
      text: `Could not read the rule book stored in this workbook when it opened: ${stored.error}. Try Load from workbook, or load the rule book from its URL or files.`,
    });
  }
  if (url.status === "running") {
    lines.push({ kind: "info", text: `Loading the rule book from ${where}, which this workbook remembers…` });
  } else if (url.status === "retrying") {
    lines.push({
      kind: "warning",
      text: `Could not load the rule book from ${where}, which this workbook remembers: ${url.error}. Trying again in ${seconds(url.nextAt)} s.`,
    });
  } else if (url.status === "failed") {
    lines.push({
      kind: "warning",
      text: `Could not load the rule book from ${where} when the workbook opened: ${url.error}.`,
    });
  } else if (remembered) {
    lines.push({
      kind: "info",
      text: `This workbook remembers its rule book's URL (${where}) and loads it whenever it opens${remembered.withCookies ? ", with your sign-in cookies" : ""}.`,
    });
  }
  if (state.rememberError) {
    lines.push({
      kind: "warning",
      text: `Could not remember the rule book's URL in this workbook (${state.rememberError}): it will not load by itself when the workbook opens.`,
    });
  }
  return lines;
}

/** The start-up state under the rule book (see `startUpLines`). */
export function StartUpStatus() {
  const [state, setState] = useState(getStartState());
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const stop = subscribeStartState(setState);
    setState(getStartState());
    return stop;
  }, []);
  const counting = state.stored.status === "retrying" || state.url.status === "retrying";
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [counting]);
  const lines = startUpLines(state, counting ? now : Date.now());
  if (lines.length === 0) return null;
  return (
    <div data-testid="start-up" role="status">
      {lines.map((line, i) => (
        <p key={i} class={line.kind === "warning" ? "warning" : "muted"}>
          {line.text}
        </p>
      ))}
    </div>
  );
}
