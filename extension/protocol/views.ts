import type { Headroom, Money, StatusWord, SupplierVerdict } from "../../shared/verdict/supplier-verdict";

/**
 * What the extension's pages render. The background computes these from `shared/` (it decides
 * nothing itself) and the pages only display them: every string here is shown as text, never HTML.
 */

export type { StatusWord };

export type FindingView = SupplierVerdict["findings"][number];

/** An amount in minor units (for bars and comparisons), its currency, and the text people read. */
export type MoneyView = Money;

/** A cost center's budget for today's period, with what is left. */
export type HeadroomView = Headroom;

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
  /**
   * Said when the rule book in use changed without a higher revision ("The revision was not
   * raised: …"); null otherwise.
   */
  revisionWarning: string | null;
  /**
   * The highest revision applied from a source (the one that just refused an older revision, else
   * the one in use), which the options page can reset; `revision` 0 means reset, so the next rule
   * book from it is taken whatever its revision. `source` is the key `ui/reset-revision` names.
   */
  highestRevision: { source: string; label: string; revision: number; refused: boolean } | null;
};

/** The verdict for one supplier tab (see `SupplierVerdict`), with the rule book's status: what the overlay and the popup show. */
export type SupplierVerdictView = SupplierVerdict & { ruleBook: RuleBookStatusView };

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
