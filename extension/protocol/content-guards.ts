import type { ContentPageHints, ContentPageReply, ToContentMessage, ToPagesMessage } from "./messages";

/**
 * Zod-free checks for the few messages the page side receives (the content script and the overlay
 * frame, both loaded into every supplier page), so they stay small: zod alone is about 70 KB. They
 * accept exactly the shapes `toContentSchema`, `toPagesSchema` and `ContentPageReply` describe and
 * nothing more; a unit test holds them to the schemas.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

/** True for `{kind: "to-content/overlay", show: boolean}` and `{kind: "to-content/redetect"}`, exactly. */
export function isToContentMessage(value: unknown): value is ToContentMessage {
  if (!isRecord(value)) return false;
  if (value["kind"] === "to-content/overlay") {
    return typeof value["show"] === "boolean" && hasOnlyKeys(value, ["kind", "show"]);
  }
  return value["kind"] === "to-content/redetect" && hasOnlyKeys(value, ["kind"]);
}

/** True for `{kind: "to-pages/changed"}`, exactly. */
export function isToPagesMessage(value: unknown): value is ToPagesMessage {
  return isRecord(value) && value["kind"] === "to-pages/changed" && hasOnlyKeys(value, ["kind"]);
}

const MAX_SELECTOR = 500;

function optionalText(value: unknown, max: number): boolean {
  return value === undefined || (typeof value === "string" && value.length > 0 && value.length <= max);
}

function isHints(value: unknown): value is ContentPageHints {
  return (
    isRecord(value) &&
    hasOnlyKeys(value, ["price", "cartTotal", "currency"]) &&
    optionalText(value["price"], MAX_SELECTOR) &&
    optionalText(value["cartTotal"], MAX_SELECTOR) &&
    (value["currency"] === undefined ||
      (typeof value["currency"] === "string" && /^[A-Z]{3}$/.test(value["currency"])))
  );
}

/** The background's reply to `content/page`, or null when it is anything else. */
export function readContentPageReply(value: unknown): ContentPageReply | null {
  if (!isRecord(value) || typeof value["show"] !== "boolean") return null;
  const hints = value["hints"];
  if (hints === undefined) return { show: value["show"] };
  return isHints(hints) ? { show: value["show"], hints } : null;
}
