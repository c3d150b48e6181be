import { RULE_FILES_TIMEOUT_MS } from "../../shared/sync/fetch-rule-files";
import { PART_NAMESPACES } from "../excel/document-store";
import { BACKGROUND_DELAYS_MS, describeFailure, withRetry, type RetryNotice } from "../excel/retry";
import { loadSetting, saveSetting, SETTING_KEYS } from "../excel/settings";
import { loadFromWorkbook } from "../excel/workbook";
import {
  getRuleBookState,
  setRuleBook,
  setRuleBookError,
  setRuleBookRefusal,
  subscribeRuleBook,
  type LoadedRuleBook,
} from "../runtime/rule-book-store";
import {
  getCellsBasis,
  getStartState,
  basisKey,
  ruleBookBasisOf,
  ruleBookKeyOf,
  setCellsBasis,
  updateStartState,
  type RememberedUrl,
  type StartStep,
} from "../runtime/start-state";
import { judgeLoaded, recordApplied } from "./revision-marks";
import { etagsOf, fromStoredText, loadFromUrl, rememberEtags } from "./rule-book-source";

/**
 * The rule book a workbook carries with it: the copy stored in it ("Save in workbook") and the URL
 * it was last loaded from (kept in the workbook's settings), both put into use when the workbook
 * opens, before anyone opens the pane, so its HEADROOM.* formulas answer.
 */

/**
 * Puts the rule book stored in the workbook into use. Returns false when the workbook has none;
 * a damaged or invalid copy is reported as a load error (the rule book in use stays).
 */
export async function applyStoredRuleBook(): Promise<boolean> {
  const text = await loadFromWorkbook(PART_NAMESPACES.ruleBook);
  if (text === null) return false;
  const r = fromStoredText(text);
  if (r.ok) setRuleBook(r.value);
  else setRuleBookError(r.error.message, r.error.issues);
  return true;
}

/** A remembered URL as the settings hold it, or null for anything else. */
export function parseRemembered(value: unknown): RememberedUrl | null {
  if (typeof value === "string" && value !== "") return { url: value, withCookies: false };
  const v = value as Partial<RememberedUrl> | null;
  if (typeof v !== "object" || v === null || typeof v.url !== "string" || v.url === "") return null;
  return {
    url: v.url,
    withCookies: v.withCookies === true,
    ...(Number.isInteger(v.revision) ? { revision: v.revision } : {}),
    ...(typeof v.fingerprint === "string" ? { fingerprint: v.fingerprint } : {}),
  };
}

/** What the workbook remembers for a rule book loaded from a URL (with its basis, see `ruleBookBasisOf`). */
function rememberedOf(loaded: LoadedRuleBook): RememberedUrl | null {
  if (loaded.origin.kind !== "url") return null;
  return {
    url: loaded.origin.url,
    withCookies: loaded.origin.withCookies === true,
    ...ruleBookBasisOf(loaded),
  };
}

const sameRemembered = (a: RememberedUrl | null, b: RememberedUrl) =>
  a !== null &&
  a.url === b.url &&
  a.withCookies === b.withCookies &&
  a.revision === b.revision &&
  a.fingerprint === b.fingerprint;

/**
 * Keeps the URL of every rule book loaded from one (and whether sign-in cookies go with it) in the
 * workbook's settings, saved with the file, so the workbook loads it again when it opens. A workbook
 * that cannot be changed (open for viewing) keeps nothing; the pane says so.
 */
export function rememberUrlOfLoads(save: (value: RememberedUrl) => Promise<void> = defaultSave): () => void {
  let chain = Promise.resolve();
  return subscribeRuleBook((state) => {
    const next = state.current ? rememberedOf(state.current) : null;
    if (next === null || sameRemembered(getStartState().remembered, next)) return;
    updateStartState({ remembered: next });
    chain = chain.then(async () => {
      try {
        await save(next);
        updateStartState({ rememberError: null });
      } catch (e) {
        updateStartState({ rememberError: describeFailure(e) });
      }
    });
  });
}

const defaultSave = async (value: RememberedUrl) => {
  await saveSetting(SETTING_KEYS.ruleBookUrl, value);
  await loadWhenWorkbookOpens();
};

/**
 * Asks Office to load the add-in as soon as this workbook opens, from then on (a setting kept in the
 * document; SharedRuntime 1.1), so the rule book it carries is loaded, and its HEADROOM cells can
 * answer, before anyone opens the pane. Without it Office loads the add-in only when the pane opens
 * or Excel calculates one of its functions.
 * https://learn.microsoft.com/en-us/office/dev/add-ins/develop/run-code-on-document-open
 * A host without `Office.addin` (the simulator) is left as it is.
 */
export async function loadWhenWorkbookOpens(): Promise<void> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.addin?.setStartupBehavior || !office.StartupBehavior) return;
  try {
    if ((await office.addin.getStartupBehavior()) === office.StartupBehavior.load) return;
    await office.addin.setStartupBehavior(office.StartupBehavior.load);
  } catch (e) {
    console.warn("Headroom: could not ask Office to load the add-in when this workbook opens", e);
  }
}

/** Waits before each new try at the remembered URL (a server restarting, a VPN coming up). */
export const URL_RETRY_DELAYS_MS: readonly number[] = [10_000, 60_000, 300_000];

export type OpenOptions = {
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Where the remembered URL is kept; the workbook's settings unless a test says otherwise. */
  saveRemembered?: (value: RememberedUrl) => Promise<void>;
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * What opening the workbook does about its rule book: first the copy stored in it (fast, offline),
 * then a refresh from the URL it remembers. Excel's failures that pass (a cell being edited on a host
 * that ignores `delayForCellEdit`, Excel busy) are retried with growing waits; a failed refresh keeps
 * the rule book in use and is shown, and is tried again a few times. Every step is in the start
 * state, which the pane shows and the functions' #N/A explains. A rule book the analyst loads in the
 * meantime is never replaced.
 */
export async function openWorkbookRuleBook(options: OpenOptions = {}): Promise<void> {
  const sleep = options.sleep ?? wait;
  const now = options.now ?? Date.now;
  rememberUrlOfLoads(options.saveRemembered);
  const retrying =
    (step: "stored" | "url") =>
    ({ attempt, error, delayMs }: RetryNotice) =>
      updateStartState({
        [step]: { status: "retrying", error: describeFailure(error), attempt, nextAt: now() + delayMs },
      });

  updateStartState({ stored: { status: "running" } });
  let stored: LoadedRuleBook | null = null;
  try {
    const text = await withRetry(() => loadFromWorkbook(PART_NAMESPACES.ruleBook), {
      delaysMs: BACKGROUND_DELAYS_MS,
      sleep,
      onRetry: retrying("stored"),
    });
    const r = text === null ? null : fromStoredText(text);
    if (r === null) updateStartState({ stored: { status: "none" } });
    else if (!r.ok) {
      setRuleBookError(r.error.message, r.error.issues);
      updateStartState({ stored: { status: "failed", error: r.error.message } });
    } else {
      stored = r.value;
      if (getRuleBookState().current === null) {
        // A saved workbook's HEADROOM cells were computed with the rule book saved in it: putting it
        // back into use changes no answer, so it asks for no recalculation.
        if (getCellsBasis() === null) setCellsBasis(ruleBookKeyOf(r.value));
        setRuleBook(r.value);
      }
      updateStartState({ stored: { status: "done" } });
    }
  } catch (e) {
    updateStartState({ stored: { status: "failed", error: describeFailure(e) } });
  }

  let remembered: RememberedUrl | null = null;
  try {
    remembered = parseRemembered(
      await withRetry(() => loadSetting(SETTING_KEYS.ruleBookUrl), {
        delaysMs: BACKGROUND_DELAYS_MS,
        sleep,
      }),
    );
  } catch (e) {
    // No settings in this Excel (before ExcelApi 1.4): nothing can have been remembered.
    console.warn("Headroom: could not read the workbook's settings", e);
  }
  if (stored !== null || remembered !== null) void loadWhenWorkbookOpens();
  if (remembered === null) {
    updateStartState({ url: { status: "none" } });
    return;
  }
  updateStartState({ remembered });
  if (
    stored === null &&
    getCellsBasis() === null &&
    remembered.revision !== undefined &&
    remembered.fingerprint
  )
    setCellsBasis(basisKey({ revision: remembered.revision, fingerprint: remembered.fingerprint }));
  await refreshFromRemembered(remembered, options.fetchImpl ?? fetch, sleep, now);
}

async function refreshFromRemembered(
  remembered: RememberedUrl,
  fetchImpl: typeof fetch,
  sleep: (ms: number) => Promise<void>,
  now: () => number,
): Promise<void> {
  const before = getRuleBookState().current;
  updateStartState({ url: { status: "running" } });
  for (let attempt = 1; ; attempt++) {
    const r = await loadFromUrl(remembered.url, fetchImpl, RULE_FILES_TIMEOUT_MS, {
      withCookies: remembered.withCookies,
    });
    if (getRuleBookState().current !== before) {
      // The analyst loaded a rule book meanwhile: theirs stays.
      updateStartState({ url: { status: "done" } });
      return;
    }
    if (r.ok) {
      updateStartState({ url: take(r.value) });
      return;
    }
    setRuleBookError(r.error.message, r.error.issues, now(), r.error.details ?? []);
    const error = r.error.issues[0]?.message ?? r.error.message;
    const delayMs = URL_RETRY_DELAYS_MS[attempt - 1];
    if (delayMs === undefined) {
      updateStartState({ url: { status: "failed", error } });
      return;
    }
    updateStartState({ url: { status: "retrying", error, attempt, nextAt: now() + delayMs } });
    await sleep(delayMs);
    if (getRuleBookState().current !== before) {
      updateStartState({ url: { status: "done" } });
      return;
    }
    updateStartState({ url: { status: "running" } });
  }
}

/** Puts a rule book from the remembered URL into use, by the same revision rule as the pane's loads. */
function take(loaded: LoadedRuleBook): StartStep {
  const decision = judgeLoaded(loaded, getRuleBookState().current);
  if (decision?.action === "refuse") {
    setRuleBookRefusal(decision.message, decision.details);
    return { status: "failed", error: decision.message };
  }
  const next = decision?.warning
    ? rememberEtags({ ...loaded, revisionWarning: decision.warning }, etagsOf(loaded))
    : loaded;
  recordApplied(next);
  setRuleBook(next);
  return { status: "done" };
}
