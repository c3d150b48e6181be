import { useEffect, useState } from "preact/hooks";
import { formatIsoDate } from "../../shared/dates/plain-date";
import {
  setRuleBook,
  setRuleBookError,
  setRuleBookRefusal,
  type LoadedRuleBook,
  type RuleBookStoreState,
} from "../runtime/rule-book-store";
import { SaveInWorkbook } from "./save-in-workbook";
import { formatAge } from "../../shared/dates/age-text";
import { ErrorBox, problemOf, type Problem } from "./error-box";
import { applyStoredRuleBook } from "./stored-rule-book";
import {
  judgeLoaded,
  labelOfKey,
  readMark,
  recordApplied,
  resetRevisionMark,
  revisionKeyOf,
} from "./revision-marks";
import {
  etagsOf,
  issueLines,
  loadFromFiles,
  loadFromUrl,
  rememberEtags,
  storedText,
  crossOrigin,
  type LoadFailure,
} from "./rule-book-source";
import { RULE_FILES_TIMEOUT_MS } from "../../shared/sync/fetch-rule-files";

/** The host of an address, or the address itself when it does not parse. */
function hostOf(address: string): string {
  try {
    return new URL(address).host || address;
  } catch {
    return address;
  }
}

/**
 * A rule book's address as the analyst reads it in the main view: its file and host
 * ("rules.json on intranet.example.com"); the whole address is behind a disclosure.
 */
function shortAddress(address: string): string {
  try {
    const u = new URL(address);
    const file = u.pathname.split("/").filter(Boolean).pop();
    return file && u.host ? `${decodeURIComponent(file)} on ${u.host}` : address;
  } catch {
    return address;
  }
}

/**
 * Which rule book is in use (source, revision, age) and its last load error; loads one from a URL
 * (refreshing with ETags), from files, or from the copy stored in the workbook, and stores it
 * there. A failed load never replaces the rule book in use.
 */
export function RuleBookPanel({ state }: { state: RuleBookStoreState }) {
  const current = state.current;
  const [url, setUrl] = useState(current?.origin.kind === "url" ? current.origin.url : "");
  // Sign-in cookies go to the server only when the analyst says so (see credentialsFor).
  const [withCookies, setWithCookies] = useState(
    current?.origin.kind === "url" && current.origin.withCookies === true,
  );
  // A rule book loaded from a URL without the analyst typing it (the workbook's remembered URL, at
  // open) fills the empty field, so Refresh is one click away.
  const loadedUrl = current?.origin.kind === "url" ? current.origin : null;
  useEffect(() => {
    if (!loadedUrl) return;
    setUrl((typed) => (typed.trim() === "" ? loadedUrl.url : typed));
    if (loadedUrl.withCookies) setWithCookies(true);
  }, [loadedUrl?.url]);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // The source whose older revision was just refused (its mark is the one to offer for reset).
  const [refusedKey, setRefusedKey] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);

  const fail = (failure: LoadFailure) => {
    setRuleBookError(failure.message, failure.issues, Date.now(), failure.details);
    setNote("");
  };
  /** Takes a valid rule book into use unless the revision rule refuses it (an older revision). */
  const take = (loaded: LoadedRuleBook) => {
    setNote("");
    const decision = judgeLoaded(loaded, current);
    if (decision?.action === "refuse") {
      setRuleBookRefusal(decision.message, decision.details);
      setRefusedKey(revisionKeyOf(loaded.origin));
      return;
    }
    const next = decision?.warning
      ? rememberEtags({ ...loaded, revisionWarning: decision.warning }, etagsOf(loaded))
      : loaded;
    recordApplied(next);
    setRuleBook(next);
    setRefusedKey(null);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (e) {
      setProblem(problemOf(e, "That did not work"));
    } finally {
      setBusy(false);
    }
  };

  const fromUrl = (address = url.trim()) =>
    run(async () => {
      const r = await loadFromUrl(address, fetch, RULE_FILES_TIMEOUT_MS, { withCookies });
      if (!r.ok) return fail(r.error);
      const same =
        current?.origin.kind === "url" &&
        r.value.origin.kind === "url" &&
        current.origin.url === r.value.origin.url;
      if (r.unchanged && same && current) {
        // The same rule book, now with the cookie setting this load used.
        const refreshed = { ...current, origin: r.value.origin, loadedAt: Date.now() };
        setRuleBook(rememberEtags(refreshed, etagsOf(r.value)));
        setNote("Unchanged since the last load.");
        return;
      }
      take(r.value);
    });
  const fromFiles = (input: HTMLInputElement) =>
    run(async () => {
      const files = [...(input.files ?? [])].map((f) => ({ name: f.name, text: () => f.text() }));
      input.value = "";
      const r = await loadFromFiles(files);
      if (!r.ok) return fail(r.error);
      take(r.value);
    });
  const fromWorkbook = () =>
    run(async () => {
      setNote("");
      if (!(await applyStoredRuleBook())) {
        setProblem({
          what: "This workbook has no rule book stored in it.",
          todo: "Load one from a URL or a file, then choose Save in workbook.",
        });
      }
    });
  const savedInWorkbook = () =>
    setNote("Stored in this workbook: it checks on any machine, even offline. Save the workbook to keep it.");

  const markKey = refusedKey ?? (current ? revisionKeyOf(current.origin) : null);
  const mark = markKey !== null ? readMark(markKey) : null;
  const resetMark = () => {
    if (markKey === null) return;
    setConfirmReset(false);
    resetRevisionMark(markKey);
    setRefusedKey(null);
    if (markKey.startsWith("url:")) {
      const address = markKey.slice(4);
      setUrl(address);
      void fromUrl(address);
    } else setNote("Reset: pick the files again to load them, whatever their revision.");
  };

  const origin = current?.origin;
  const source =
    origin?.kind === "url"
      ? shortAddress(origin.url)
      : origin?.kind === "file"
        ? `file ${origin.fileName}`
        : origin
          ? "the copy stored in this workbook"
          : "";
  // A file without an ETag the pane can read: Refresh cannot ask for changes only, Save to URL is refused.
  const noEtag =
    origin?.kind === "url" && current !== null && [...etagsOf(current).values()].some((e) => e === null);
  return (
    <section class="card" aria-labelledby="rb-title">
      <h2 id="rb-title">Rule book</h2>
      {current ? (
        <div data-testid="rule-book-info">
          <p>
            <strong data-testid="rule-org">{current.book.meta.organisation}</strong>, revision{" "}
            <span data-testid="rule-revision">{current.book.meta.revision}</span> (effective{" "}
            {formatIsoDate(current.book.meta.effectiveDate)})
          </p>
          <p class="muted clip" data-testid="rule-source">
            From {source}
          </p>
          {origin?.kind === "url" && (
            <details class="muted" data-testid="rule-source-details">
              <summary>Address</summary>
              <p style={{ wordBreak: "break-all" }} data-testid="rule-source-url">
                {origin.url}
              </p>
              <p>{origin.withCookies ? "Loaded with your sign-in cookies." : "Loaded without cookies."}</p>
            </details>
          )}
          <p class="muted" data-testid="rule-age">
            Loaded {formatAge(current.loadedAt, now)}
          </p>
        </div>
      ) : (
        <p class="muted" data-testid="rule-none">
          No rule book loaded yet: load one from its URL or a file.
        </p>
      )}
      {noEtag && origin?.kind === "url" && (
        <p class="warning" role="status" data-testid="rule-no-etag">
          The server at {hostOf(origin.url)} gave no ETag the add-in can read, so Refresh cannot ask for
          changes only (nor tell you that nothing changed), and Save to URL is refused (it could overwrite
          someone else&apos;s edit).
          {crossOrigin(origin.url)
            ? " For IT: send an ETag with each file and list it in Access-Control-Expose-Headers."
            : " For IT: send an ETag with each file."}
        </p>
      )}
      {current?.revisionWarning && (
        <p class="warning" role="status" data-testid="rule-revision-warning">
          {current.revisionWarning}
        </p>
      )}
      {state.lastError && (
        <div data-testid="rule-errors">
          <ErrorBox
            problem={{
              what: state.lastError.message,
              todo: current
                ? "The rule book above stays in use until a good one loads."
                : "Fix the file (or ask its owner) and load it again.",
              details: [...issueLines(state.lastError.issues), ...(state.lastError.details ?? [])],
            }}
          />
        </div>
      )}
      {markKey !== null && mark !== null && (
        <div data-testid="rule-highest">
          <p class="muted">
            {mark.revision === 0
              ? `Highest revision from ${labelOfKey(markKey)}: reset, so the next load takes whatever revision it has.`
              : `Highest revision taken from ${labelOfKey(markKey)}: ${mark.revision}. An older one is never loaded from there on its own.`}
          </p>
          {mark.revision > 0 &&
            (confirmReset ? (
              <div class="confirm" role="alertdialog" aria-labelledby="reset-question">
                <p id="reset-question">
                  Forget that revision {mark.revision} is the highest taken from {labelOfKey(markKey)}? The
                  next load from there is taken whatever its revision, an older one included.
                </p>
                <div class="row">
                  <button type="button" disabled={busy} onClick={resetMark} data-testid="rules-reset-confirm">
                    Reset highest revision
                  </button>
                  <button
                    type="button"
                    onClick={() => setConfirmReset(false)}
                    data-testid="rules-reset-cancel"
                  >
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <div class="row">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => setConfirmReset(true)}
                  data-testid="rules-reset-revision"
                >
                  Reset highest revision…
                </button>
              </div>
            ))}
        </div>
      )}
      <div class="row">
        <label for="rules-url" class="muted">
          URL
        </label>
        <input
          id="rules-url"
          type="url"
          value={url}
          placeholder="https://…/rules.json"
          onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => e.key === "Enter" && url.trim() && void fromUrl()}
          data-testid="rules-url"
        />
        <button
          type="button"
          disabled={busy || !url.trim()}
          onClick={() => void fromUrl()}
          data-testid="rules-url-load"
        >
          {current?.origin.kind === "url" && current.origin.url === url.trim() ? "Refresh" : "Load"}
        </button>
      </div>
      <div class="row">
        <label class="muted">
          <input
            type="checkbox"
            checked={withCookies}
            disabled={busy}
            onChange={(e) => setWithCookies((e.target as HTMLInputElement).checked)}
            data-testid="rules-url-cookies"
          />{" "}
          Send my sign-in cookies to this server
        </label>
      </div>
      <div class="row">
        <label class="muted" for="rules-file">
          Files
        </label>
        <input
          id="rules-file"
          type="file"
          accept=".json,application/json"
          multiple
          disabled={busy}
          onChange={(e) => void fromFiles(e.target as HTMLInputElement)}
          data-testid="rules-file"
        />
      </div>
      <div class="row">
        {current ? (
          <SaveInWorkbook
            text={() => storedText(current)}
            book={current.book}
            disabled={busy}
            onSaved={savedInWorkbook}
          />
        ) : (
          <button type="button" disabled data-testid="rules-save-workbook">
            Save in workbook…
          </button>
        )}
        <button type="button" disabled={busy} onClick={fromWorkbook} data-testid="rules-load-workbook">
          Load from workbook
        </button>
      </div>
      {note && (
        <p class="muted" role="status" data-testid="rule-note">
          {note}
        </p>
      )}
      {problem && <ErrorBox problem={problem} />}
    </section>
  );
}
