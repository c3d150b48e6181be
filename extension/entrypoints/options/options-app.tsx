import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { isCovered, rulesUrlPattern } from "../../../shared/permissions/match-patterns";
import { formatAge } from "../../../shared/dates/age-text";
import type { StatusView, UiError } from "../../protocol/replies";
import { ask } from "../../ui/background-client";
import { GrantButton } from "../../ui/grant-button";
import { RevisionWarning, RuleBookError } from "../../ui/rule-book-status";
import { ResetRevision } from "./reset-revision";
import { useStatus } from "../../ui/use-status";

type Form = { rulesUrl: string; refreshMinutes: string; defaultCostCenter: string };

const formOf = (s: StatusView): Form => ({
  rulesUrl: s.settings.rulesUrl ?? "",
  refreshMinutes: String(s.settings.refreshMinutes),
  defaultCostCenter: s.settings.defaultCostCenter ?? "",
});

/** The options page: where the rule book comes from, how often it is checked, site access. */
export function OptionsApp() {
  const { status, setStatus, reload, now } = useStatus();
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: UiError } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (status && form === null) setForm(formOf(status));
  }, [status, form]);

  if (!status || !form) return <main aria-busy="true">Loading…</main>;
  const { settings, ruleBook, permissions } = status;
  const managed = settings.managed;
  const managedNames = [
    managed.rulesUrl && "the rules URL",
    managed.refreshMinutes && "the refresh interval",
    managed.defaultCostCenter && "the default cost center",
  ].filter((x): x is string => typeof x === "string");

  const done = (reply: { ok: true; status: StatusView } | { ok: false; error: UiError }, okText: string) => {
    if (reply.ok) {
      setStatus(reply.status);
      setForm(formOf(reply.status));
      setMessage({ text: okText });
    } else setMessage({ text: reply.error.message, error: reply.error });
  };

  const save = (event: Event) => {
    event.preventDefault();
    const url = form.rulesUrl.trim();
    // Ask for the rules server's host inside the click (Firefox allows the prompt only there).
    const pattern = url === "" || managed.rulesUrl ? null : rulesUrlPattern(url);
    const asking =
      pattern !== null && !isCovered(pattern, permissions.granted ?? [])
        ? browser.permissions.request({ origins: [pattern] }).catch(() => false)
        : Promise.resolve(true);
    setBusy(true);
    void asking
      .then(() =>
        ask({
          kind: "ui/set-settings",
          ...(managed.rulesUrl ? {} : { rulesUrl: url }),
          ...(managed.refreshMinutes ? {} : { refreshMinutes: Number(form.refreshMinutes) }),
          ...(managed.defaultCostCenter ? {} : { defaultCostCenter: form.defaultCostCenter.trim() || null }),
        }),
      )
      .then((reply) => done(reply, "Settings saved."))
      .catch((e: unknown) => setMessage({ text: `Could not save: ${String(e)}` }))
      .finally(() => setBusy(false));
  };

  const refresh = () => {
    setBusy(true);
    void ask({ kind: "ui/refresh" })
      .then((s) => {
        setStatus(s);
        setMessage(null);
      })
      .finally(() => setBusy(false));
  };

  const importFile = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    void file
      .text()
      .then((text) => ask({ kind: "ui/import-rules", fileName: file.name, text }))
      .then((reply) => done(reply, `Imported ${file.name}.`))
      .finally(() => {
        input.value = "";
        setBusy(false);
      });
  };

  const minutesValid =
    /^\d+$/.test(form.refreshMinutes) && +form.refreshMinutes >= 5 && +form.refreshMinutes <= 1440;

  return (
    <main>
      <h1>Headroom options</h1>

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">Rule book in use</h2>
        <dl data-testid="rules-status">
          <dt>Source</dt>
          <dd>{ruleBook.source ?? "none yet"}</dd>
          <dt>Organisation</dt>
          <dd>{ruleBook.organisation ?? "–"}</dd>
          <dt>Revision</dt>
          <dd data-testid="rules-revision">{ruleBook.revision ?? "–"}</dd>
          <dt>Updated</dt>
          <dd>{ruleBook.loadedAt !== null ? formatAge(ruleBook.loadedAt, now) : "never"}</dd>
          <dt>Last checked</dt>
          <dd>
            {ruleBook.checkedAt !== null ? formatAge(ruleBook.checkedAt, now) : "never"}
            {ruleBook.stale && " (out of date: the server has not confirmed it for a while)"}
          </dd>
        </dl>
        <RuleBookError status={ruleBook} testId="rules-error" now={now} />
        <RevisionWarning status={ruleBook} testId="rules-revision-warning" />
        <ResetRevision
          status={ruleBook}
          busy={busy}
          onReset={(source) => {
            setBusy(true);
            void ask({ kind: "ui/reset-revision", source })
              .then((reply) => done(reply, "The highest revision was reset."))
              .finally(() => setBusy(false));
          }}
        />
        <div class="row">
          <button
            type="button"
            data-testid="refresh-rules"
            onClick={refresh}
            disabled={busy || settings.rulesUrl === null}
          >
            Check for a new rule book now
          </button>
        </div>
      </section>

      <section aria-labelledby="source-heading">
        <h2 id="source-heading">Where the rule book comes from</h2>
        {managedNames.length > 0 && (
          <p class="note" data-testid="managed-note">
            Your administrator set {managedNames.join(", ")}; {managedNames.length === 1 ? "it" : "they"}{" "}
            cannot be changed here.
          </p>
        )}
        <form onSubmit={save}>
          <label for="rules-url">Rules URL</label>
          <input
            id="rules-url"
            type="url"
            data-testid="rules-url"
            placeholder="https://intranet.example.com/procurement/rules.json"
            value={form.rulesUrl}
            readOnly={managed.rulesUrl}
            aria-describedby="rules-url-help"
            onInput={(e) => setForm({ ...form, rulesUrl: e.currentTarget.value })}
          />
          <p id="rules-url-help" class="note">
            The rule book's JSON file over https (http only for localhost); it may include team files kept
            next to it. Leave empty to use an imported file.
          </p>

          <label for="refresh-minutes">Check for changes every (minutes)</label>
          <input
            id="refresh-minutes"
            type="number"
            min={5}
            max={1440}
            value={form.refreshMinutes}
            readOnly={managed.refreshMinutes}
            aria-invalid={!minutesValid}
            onInput={(e) => setForm({ ...form, refreshMinutes: e.currentTarget.value })}
          />

          <label for="default-cost-center">Default cost center</label>
          <input
            id="default-cost-center"
            data-testid="default-cost-center"
            value={form.defaultCostCenter}
            placeholder="e.g. IT-HW"
            readOnly={managed.defaultCostCenter}
            aria-describedby="cost-center-help"
            onInput={(e) => setForm({ ...form, defaultCostCenter: e.currentTarget.value })}
          />
          <p id="cost-center-help" class="note">
            Used on a supplier's site until you pick a cost center there; Headroom remembers your pick per
            supplier.
          </p>

          <div class="row">
            <button type="submit" data-testid="save-settings" disabled={busy || !minutesValid}>
              Save
            </button>
          </div>
        </form>
        {message && (
          <div
            class={message.error ? "error" : "note"}
            role={message.error ? "alert" : "status"}
            data-testid="settings-message"
          >
            <p>{message.text}</p>
            {message.error && message.error.details.length > 0 && (
              <ul>
                {message.error.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </div>
        )}

        <label for="import-file">Or import a rule-book file</label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          data-testid="import-file"
          disabled={busy || managed.rulesUrl}
          onChange={importFile}
        />
      </section>

      <section aria-labelledby="access-heading">
        <h2 id="access-heading">Site access</h2>
        <p class="note">
          Headroom runs only on the supplier sites the rule book names, and only after you allow it.
          {permissions.missing.length === 0 && permissions.wanted.length > 0 && " All of them are allowed."}
        </p>
        <GrantButton permissions={permissions} onDone={reload} />
      </section>
    </main>
  );
}
