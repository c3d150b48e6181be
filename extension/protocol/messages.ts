import { z } from "zod";
import { MAX_RULE_BOOK_BYTES } from "../../shared/sync/limits";

/**
 * The one message protocol between the extension's contexts. Every message is parsed with these
 * schemas on receipt (`parseMessage`); anything that does not parse is dropped with a logged reason.
 *
 * Names say the direction: `content/*` come from the content script in a supplier tab, `overlay/*`
 * from the overlay page (an extension page framed inside that tab), `ui/*` from the popup and options
 * pages (privileged: accepted only when the sender is one of the extension's own top-level pages),
 * `to-content/*` and `to-pages/*` go from the background outwards.
 *
 * Entry points must call `z.config({ jitless: true })` before importing this module (MV3 CSP).
 */

const decimalText = z.string().regex(/^-?\d{1,15}(\.\d{1,6})?$/, "a plain decimal such as 1234.56");
const currencyCode = z.string().regex(/^[A-Z]{3}$/, "a three-letter currency code");
const costCenterId = z.string().min(1).max(64);
const supplierId = z.string().min(1).max(128);

/** A price or cart total the content script read from the page; never trusted for anything but display and checks. */
export const detectedPriceSchema = z.strictObject({
  amount: decimalText,
  currency: currencyCode.nullable(),
  /** Where it was found, in the detection order. */
  source: z.enum(["hint", "json-ld", "microdata", "open-graph"]),
  /** A cart total beats a single product price. */
  kind: z.enum(["cart", "price"]),
});
export type DetectedPrice = z.infer<typeof detectedPriceSchema>;

// ── content script → background ────────────────────────────────────────────────────────────────
export const contentPageSchema = z.strictObject({
  kind: z.literal("content/page"),
  /** The page address as the content script sees it; must agree with the sender's own URL host. */
  url: z.string().url().max(4096),
  price: detectedPriceSchema.nullable(),
});

// ── overlay page → background (sender.tab is the supplier tab that frames it) ───────────────────
export const overlayViewSchema = z.strictObject({ kind: z.literal("overlay/view") });
export const overlayDismissSchema = z.strictObject({ kind: z.literal("overlay/dismiss") });
export const overlaySetCostCenterSchema = z.strictObject({
  kind: z.literal("overlay/set-cost-center"),
  costCenter: costCenterId,
});

// ── popup and options pages → background (privileged) ───────────────────────────────────────────
export const uiStatusSchema = z.strictObject({ kind: z.literal("ui/status") });
export const uiRefreshSchema = z.strictObject({ kind: z.literal("ui/refresh") });
export const uiGetSettingsSchema = z.strictObject({ kind: z.literal("ui/get-settings") });
export const uiSetSettingsSchema = z.strictObject({
  kind: z.literal("ui/set-settings"),
  rulesUrl: z.string().max(4096).optional(),
  refreshMinutes: z.number().int().min(5).max(1440).optional(),
  defaultCostCenter: costCenterId.nullable().optional(),
});
export const uiImportRulesSchema = z.strictObject({
  kind: z.literal("ui/import-rules"),
  fileName: z.string().max(260),
  /** The file's text; the background validates it fully before using it. As large as a fetched rule book may be. */
  text: z.string().max(MAX_RULE_BOOK_BYTES),
});
export const uiTabVerdictSchema = z.strictObject({
  kind: z.literal("ui/tab-verdict"),
  tabId: z.number().int().nonnegative(),
});
export const uiSetCostCenterSchema = z.strictObject({
  kind: z.literal("ui/set-cost-center"),
  supplierId,
  costCenter: costCenterId,
});
export const uiSearchSuppliersSchema = z.strictObject({
  kind: z.literal("ui/search-suppliers"),
  query: z.string().max(200),
});
export const uiPermissionsSchema = z.strictObject({ kind: z.literal("ui/permissions") });
/** Forget the highest revision applied from `source` (the `highestRevision.source` the status showed). */
export const uiResetRevisionSchema = z.strictObject({
  kind: z.literal("ui/reset-revision"),
  source: z.string().min(1).max(4200),
});

export const contentMessageSchema = contentPageSchema;
export const overlayMessageSchema = z.discriminatedUnion("kind", [
  overlayViewSchema,
  overlayDismissSchema,
  overlaySetCostCenterSchema,
]);
export const uiMessageSchema = z.discriminatedUnion("kind", [
  uiStatusSchema,
  uiRefreshSchema,
  uiGetSettingsSchema,
  uiSetSettingsSchema,
  uiImportRulesSchema,
  uiTabVerdictSchema,
  uiSetCostCenterSchema,
  uiSearchSuppliersSchema,
  uiPermissionsSchema,
  uiResetRevisionSchema,
]);

export type ContentMessage = z.infer<typeof contentMessageSchema>;
export type OverlayMessage = z.infer<typeof overlayMessageSchema>;
export type UiMessage = z.infer<typeof uiMessageSchema>;

// ── background → content script (tabs.sendMessage) ──────────────────────────────────────────────
export const toContentSchema = z.discriminatedUnion("kind", [
  /** Show or hide the overlay frame; the background decides (supplier matched, not dismissed, rules loaded). */
  z.strictObject({ kind: z.literal("to-content/overlay"), show: z.boolean() }),
  /** The rule book changed: detect again and send `content/page`. */
  z.strictObject({ kind: z.literal("to-content/redetect") }),
]);
export type ToContentMessage = z.infer<typeof toContentSchema>;

// ── background → extension pages (runtime.sendMessage broadcast; content scripts never get it) ──
export const toPagesSchema = z.strictObject({ kind: z.literal("to-pages/changed") });
export type ToPagesMessage = z.infer<typeof toPagesSchema>;

/**
 * Where the supplier's own site shows prices, from the rule book's `pageHints` (CSS selectors and the
 * site's currency). Not confidential: they describe the supplier's page, not the buyer's budget.
 */
export type ContentPageHints = { price?: string; cartTotal?: string; currency?: string };

/**
 * The reply to `content/page`: all a content script ever learns. No figures, no supplier data beyond
 * the page hints for the matched supplier (absent when it has none or no supplier matched).
 */
export type ContentPageReply = { show: boolean; hints?: ContentPageHints };

/** Parse an unknown value with a schema; the error names the first problem's path. */
export function parseMessage<T>(
  schema: z.ZodType<T>,
  value: unknown,
): { ok: true; value: T } | { ok: false; error: string } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? first.path.join(".") + ": " : "";
  return { ok: false, error: `${where}${first?.message ?? "not a Headroom message"}` };
}
