import { browser } from "wxt/browser";

/** Where the buyer last put the panel: distances from the window's right and bottom edges, in pixels. */
export type PanelPosition = { right: number; bottom: number };

const KEY = "overlayPosition";
export const DEFAULT_POSITION: PanelPosition = { right: 16, bottom: 16 };

function isPosition(value: unknown): value is PanelPosition {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v["right"] === "number" &&
    typeof v["bottom"] === "number" &&
    Number.isFinite(v["right"]) &&
    Number.isFinite(v["bottom"])
  );
}

/** The remembered panel position (extension storage: the page can neither read nor set it). */
export async function loadPosition(): Promise<PanelPosition> {
  try {
    const stored = await browser.storage.local.get(KEY);
    const value: unknown = stored[KEY];
    return isPosition(value) ? value : DEFAULT_POSITION;
  } catch {
    return DEFAULT_POSITION;
  }
}

/** Remembers where the buyer put the panel, for every supplier site. */
export async function savePosition(position: PanelPosition): Promise<void> {
  try {
    await browser.storage.local.set({ [KEY]: position });
  } catch {
    // Not remembering a position is harmless; the panel still moves.
  }
}
