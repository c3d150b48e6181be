import { browser } from "wxt/browser";
import type { OverlayMessage } from "../../protocol/messages";
import type { SupplierVerdictView } from "../../protocol/views";

/** What the overlay knows about its tab: the verdict, nothing to show, or why it could not ask. */
export type ViewState =
  | { kind: "loading" }
  | { kind: "view"; view: SupplierVerdictView }
  | { kind: "none" }
  | { kind: "error"; message: string };

async function send(message: OverlayMessage): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

function isVerdictView(value: unknown): value is SupplierVerdictView {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v["supplier"] === "object" && v["supplier"] !== null && Array.isArray(v["findings"]);
}

/** Asks the background for this tab's verdict (`overlay/view`). */
export async function fetchView(): Promise<ViewState> {
  try {
    const reply = await send({ kind: "overlay/view" });
    if (isVerdictView(reply)) return { kind: "view", view: reply };
    if (typeof reply === "object" && reply !== null && "error" in reply) {
      return { kind: "error", message: String((reply as { error: unknown }).error) };
    }
    return { kind: "none" };
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
}

/** Hides the panel on this supplier's site for a day (`overlay/dismiss`). */
export async function dismiss(): Promise<void> {
  await send({ kind: "overlay/dismiss" }).catch(() => undefined);
}

/** Chooses the cost center whose headroom the panel shows (`overlay/set-cost-center`). */
export async function setCostCenter(costCenter: string): Promise<void> {
  await send({ kind: "overlay/set-cost-center", costCenter }).catch(() => undefined);
}
