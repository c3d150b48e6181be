import type { DetectedPrice } from "./messages";

/**
 * What the extension's pages render. The background computes these from `shared/` (it decides
 * nothing itself) and the pages only display them: every string here is shown as text, never HTML.
 */

export type StatusWord = "preferred" | "approved" | "restricted" | "blocked" | "not in the rule book";

export type FindingView = { code: string; severity: "info" | "warn" | "block"; message: string };

export type MoneyView = {
  /** Minor units, for bars and comparisons. */
  minor: number;
  currency: string;
  /** Formatted for people, e.g. "12,345.00 USD". */
  text: string;
};

export type HeadroomView = {
  costCenter: string;
  costCenterName: string | null;
  period: string;
  budget: MoneyView;
  spent: MoneyView;
  committed: MoneyView;
  remaining: MoneyView;
  /** 0–100, share of the budget already used (spent + committed), for the bar. */
  usedPercent: number;
};

export type RuleBookStatusView = {
  /** Where the rule book came from: a URL, an imported file name, or null when none is loaded. */
  source: string | null;
  organisation: string | null;
  revision: number | null;
  /** When the current rule book was fetched or imported (ms since epoch), and last checked. */
  loadedAt: number | null;
  checkedAt: number | null;
  /** True when the last successful check is older than twice the refresh interval. */
  stale: boolean;
  /** The last refresh's error, if it failed; the last good rule book stays in use. */
  error: { message: string; details: string[]; at: number } | null;
};

/** The verdict for one supplier tab: what the overlay and the popup show. */
export type SupplierVerdictView = {
  supplier: {
    id: string;
    name: string;
    status: StatusWord;
    termsText: string | null;
    contractEnds: string | null;
    /** E.g. "Contract ends in 12 days", or null. */
    contractNote: string | null;
  };
  /** Overall badge level: ok (preferred, nothing tripped), warn, block. */
  level: "ok" | "warn" | "block";
  costCenters: { id: string; name: string | null }[];
  /** Null when no cost center is chosen yet, or it has no budget for today. */
  headroom: HeadroomView | null;
  price: (DetectedPrice & { text: string }) | null;
  /** Headroom after the detected price or cart total, converted to the budget's currency. */
  afterPurchase: MoneyView | null;
  /** Checks the purchase would trip (over budget, approval needed, supplier status...). */
  findings: FindingView[];
  /** Preferred suppliers for the category, when this one is blocked, restricted or not preferred. */
  alternatives: { id: string; name: string; domain: string | null }[];
  ruleBook: RuleBookStatusView;
};

export type SettingsView = {
  rulesUrl: string | null;
  refreshMinutes: number;
  defaultCostCenter: string | null;
  /** Settings fixed by the administrator through managed storage; the UI shows them read-only. */
  managed: { rulesUrl: boolean; refreshMinutes: boolean; defaultCostCenter: boolean };
};

export type PermissionsView = {
  /** Match patterns for every supplier domain in the rule book. */
  wanted: string[];
  /** Those not yet granted: the popup or options page requests them in one prompt. */
  missing: string[];
  /**
   * Every host pattern granted now, so a page can tell synchronously (inside the click that must
   * open the browser's prompt) whether a new rules URL needs a grant. Optional: added after v1.
   */
  granted?: string[];
};

export type SupplierSearchView = { id: string; name: string; status: StatusWord; domains: string[] }[];
