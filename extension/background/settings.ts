import { browser } from "wxt/browser";
import { z } from "zod";
import { checkRulesUrl } from "../../shared/sync/rules-response";
import { readPref, writePref } from "../storage/prefs";
import type { SettingsView } from "../protocol/views";

/** Minutes between rule-book checks when neither the user nor the administrator set them. */
export const DEFAULT_REFRESH_MINUTES = 30;

/** What the user may set (kept in the extension's database) and what an administrator may fix (storage.managed). */
const storedSchema = z.object({
  rulesUrl: z.string().max(4096).nullable().optional(),
  refreshMinutes: z.number().int().min(5).max(1440).optional(),
  defaultCostCenter: z.string().min(1).max(64).nullable().optional(),
  /** Policy only: a new value resets the rules URL's highest revision once (see `readRevisionResetPolicy`). */
  resetRevisionMark: z.string().min(1).max(200).optional(),
});
type Stored = z.infer<typeof storedSchema>;

export type SettingsPatch = {
  rulesUrl?: string | undefined;
  refreshMinutes?: number | undefined;
  defaultCostCenter?: string | null | undefined;
};

/**
 * Policy values that fail their check are left out (the user's or the default value applies) rather
 * than breaking the extension; each field is judged on its own.
 */
function readManaged(raw: Record<string, unknown>): Stored {
  const out: Stored = {};
  const url = raw["rulesUrl"];
  if (typeof url === "string" && url.trim() !== "") {
    const checked = checkRulesUrl(url);
    if (checked.ok) out.rulesUrl = checked.value;
    else console.warn(`Headroom: ignoring the managed rulesUrl: ${checked.error}`);
  }
  const minutes = storedSchema.shape.refreshMinutes.safeParse(raw["refreshMinutes"]);
  if (raw["refreshMinutes"] !== undefined && minutes.success) out.refreshMinutes = minutes.data;
  const cc = raw["defaultCostCenter"];
  if (typeof cc === "string" && cc.trim() !== "" && cc.length <= 64) out.defaultCostCenter = cc.trim();
  const reset = storedSchema.shape.resetRevisionMark.safeParse(raw["resetRevisionMark"]);
  if (raw["resetRevisionMark"] !== undefined) {
    if (reset.success && reset.data !== undefined) out.resetRevisionMark = reset.data;
    else
      console.warn(
        "Headroom: ignoring the managed resetRevisionMark: it must be a text of 1 to 200 characters",
      );
  }
  return out;
}

async function readPolicyNow(): Promise<Stored> {
  try {
    return readManaged((await browser.storage.managed.get(null)) as Record<string, unknown>);
  } catch {
    // Firefox rejects when no policy exists: nothing is managed.
    return {};
  }
}

/** This service worker's read of the policy, and its answer once in. */
let policyRead: Promise<Stored> | undefined;
let policy: Stored | undefined;
let policyChanged: () => void = () => {};

/**
 * The administrator's settings. Chromium's first `storage.managed` read after the browser starts
 * can take seconds (seen: about 3 s) while its policy store loads, and the popup, options page and
 * panel would wait for it. So the policy is read once per service-worker life, and until that read
 * answers, the policy last seen (kept with the user's settings) stands in; when the read then differs,
 * `policyChanged` runs as for a policy change. The very first start has nothing to stand in, and waits.
 */
async function managedValues(): Promise<Stored> {
  if (policy !== undefined) return policy;
  let remembered: Stored | undefined;
  policyRead ??= readPolicyNow().then(async (read) => {
    policy = read;
    const changed = remembered !== undefined && JSON.stringify(remembered) !== JSON.stringify(read);
    await writePref("lastManagedPolicy", read);
    if (changed) policyChanged();
    return read;
  });
  const last = storedSchema.safeParse(await readPref("lastManagedPolicy"));
  if (policy !== undefined) return policy;
  if (last.success) return (remembered = last.data);
  return policyRead;
}

/** Drops the policy read so far: the next read asks the browser again (a policy change, or a test). */
export function forgetPolicy(): void {
  policyRead = undefined;
  policy = undefined;
}

/** Runs when the policy read at start-up differs from the one last seen. */
export function onPolicyRead(listener: () => void): void {
  policyChanged = listener;
}

async function userValues(): Promise<Stored> {
  const raw = await readPref("settings");
  const parsed = storedSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** The settings in force: the administrator's where set, else the user's, else the defaults. */
export async function readSettings(): Promise<SettingsView> {
  const [managed, user] = await Promise.all([managedValues(), userValues()]);
  return {
    rulesUrl: managed.rulesUrl ?? user.rulesUrl ?? null,
    refreshMinutes: managed.refreshMinutes ?? user.refreshMinutes ?? DEFAULT_REFRESH_MINUTES,
    defaultCostCenter: managed.defaultCostCenter ?? user.defaultCostCenter ?? null,
    managed: {
      rulesUrl: managed.rulesUrl !== undefined,
      refreshMinutes: managed.refreshMinutes !== undefined,
      defaultCostCenter: managed.defaultCostCenter !== undefined,
    },
  };
}

/**
 * Saves the user's settings. An empty rules URL clears it; a setting the administrator fixed cannot
 * be changed (sending its current value is fine, so a form can send every field).
 */
export async function writeSettings(
  patch: SettingsPatch,
): Promise<{ ok: true; value: SettingsView } | { ok: false; error: string }> {
  const current = await readSettings();
  const user = await userValues();
  const next: Stored = { ...user };
  if (patch.rulesUrl !== undefined) {
    const text = patch.rulesUrl.trim();
    if (current.managed.rulesUrl && text !== current.rulesUrl) {
      return { ok: false, error: "Your administrator set the rules URL; it cannot be changed here." };
    }
    if (!current.managed.rulesUrl) {
      if (text === "") next.rulesUrl = null;
      else {
        const checked = checkRulesUrl(text);
        if (!checked.ok) return { ok: false, error: checked.error };
        next.rulesUrl = checked.value;
      }
    }
  }
  if (patch.refreshMinutes !== undefined) {
    if (current.managed.refreshMinutes && patch.refreshMinutes !== current.refreshMinutes) {
      return { ok: false, error: "Your administrator set the refresh interval; it cannot be changed here." };
    }
    if (!current.managed.refreshMinutes) next.refreshMinutes = patch.refreshMinutes;
  }
  if (patch.defaultCostCenter !== undefined) {
    const cc = patch.defaultCostCenter?.trim() || null;
    if (current.managed.defaultCostCenter && cc !== current.defaultCostCenter) {
      return {
        ok: false,
        error: "Your administrator set the default cost center; it cannot be changed here.",
      };
    }
    if (!current.managed.defaultCostCenter) next.defaultCostCenter = cc;
  }
  await writePref("settings", next);
  return { ok: true, value: await readSettings() };
}

/**
 * The administrator's `resetRevisionMark`, or null: a value the background has not acted on before
 * resets the highest revision of the rules URL in force, once (a date or a ticket number does).
 */
export async function readRevisionResetPolicy(): Promise<string | null> {
  return (await managedValues()).resetRevisionMark ?? null;
}

/** Forgets the user's rules URL (an imported file replaces it as the rule book's source). */
export async function clearUserRulesUrl(): Promise<void> {
  const user = await userValues();
  await writePref("settings", { ...user, rulesUrl: null });
}
