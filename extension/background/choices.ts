import { readPref, writePref, type PrefName } from "../storage/prefs";

/** How long "Dismiss" hides the overlay for one supplier. */
export const DISMISS_MS = 24 * 60 * 60 * 1000;

const COST_CENTERS: PrefName = "costCenterBySupplier";
const DISMISSED: PrefName = "dismissedUntil";

async function readMap(name: PrefName): Promise<Record<string, unknown>> {
  const raw = await readPref(name);
  return raw !== null && typeof raw === "object" && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : {};
}

/** The cost center the buyer last picked for this supplier, if any. */
export async function rememberedCostCenter(supplierId: string): Promise<string | null> {
  const value = (await readMap(COST_CENTERS))[supplierId];
  return typeof value === "string" ? value : null;
}

export async function rememberCostCenter(supplierId: string, costCenter: string): Promise<void> {
  const map = await readMap(COST_CENTERS);
  await writePref(COST_CENTERS, { ...map, [supplierId]: costCenter });
}

/** Whether the buyer dismissed this supplier's overlay within the last 24 hours. */
export async function isDismissed(supplierId: string, now: number): Promise<boolean> {
  const until = (await readMap(DISMISSED))[supplierId];
  return typeof until === "number" && until > now;
}

export async function dismiss(supplierId: string, now: number): Promise<void> {
  const map = await readMap(DISMISSED);
  // Drop expired entries while writing, so the map stays small.
  const kept = Object.fromEntries(Object.entries(map).filter(([, v]) => typeof v === "number" && v > now));
  await writePref(DISMISSED, { ...kept, [supplierId]: now + DISMISS_MS });
}
