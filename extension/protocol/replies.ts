import type { ContentPageReply, UiMessage } from "./messages";
import type {
  PermissionsView,
  RuleBookStatusView,
  SettingsView,
  SupplierSearchView,
  SupplierVerdictView,
} from "./views";

/** Everything the popup and options page show about the extension's state, in one answer. */
export type StatusView = {
  ruleBook: RuleBookStatusView;
  settings: SettingsView;
  permissions: PermissionsView;
};

/** Why a request from the popup or options page was not carried out. */
export type UiError = { message: string; details: string[] };

/** The background's answer to each `ui/*` message, by kind. */
export type UiReplies = {
  "ui/status": StatusView;
  "ui/refresh": StatusView;
  "ui/get-settings": SettingsView;
  "ui/set-settings": { ok: true; status: StatusView } | { ok: false; error: UiError };
  "ui/import-rules": { ok: true; status: StatusView } | { ok: false; error: UiError };
  "ui/tab-verdict": SupplierVerdictView | null;
  "ui/set-cost-center": { ok: true } | { ok: false; error: UiError };
  "ui/search-suppliers": SupplierSearchView;
  "ui/permissions": PermissionsView;
  "ui/reset-revision": { ok: true; status: StatusView } | { ok: false; error: UiError };
};

export type UiReply<K extends UiMessage["kind"]> = UiReplies[K];

/** The background's answer to each `overlay/*` message, by kind. */
export type OverlayReplies = {
  "overlay/view": SupplierVerdictView | null;
  "overlay/dismiss": { ok: boolean };
  "overlay/set-cost-center": SupplierVerdictView | null;
};

export type ContentReplies = { "content/page": ContentPageReply };
