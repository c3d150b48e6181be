import { browser } from "wxt/browser";
import {
  hostPermissionPatterns,
  missingPatterns,
  rulesUrlPattern,
} from "../../shared/permissions/host-patterns";
import type { RuleBook } from "../../shared/rules/rule-book";
import type { PermissionsView } from "../protocol/views";

/** Host patterns the user has granted (optional host permissions, or a test build's manifest). */
export async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

/**
 * Host access Headroom needs: every supplier domain of the rule book, and the rules server (so the
 * rule book can be fetched with If-None-Match whether or not the server sends CORS headers).
 */
export function wantedOrigins(book: RuleBook | null, rulesUrl: string | null): string[] {
  const wanted = book ? hostPermissionPatterns(book) : [];
  const rules = rulesUrl === null ? null : rulesUrlPattern(rulesUrl);
  return rules === null || wanted.includes(rules) ? wanted : [rules, ...wanted];
}

export async function permissionsView(
  book: RuleBook | null,
  rulesUrl: string | null,
): Promise<PermissionsView> {
  const wanted = wantedOrigins(book, rulesUrl);
  const granted = await grantedOrigins();
  return { wanted, missing: missingPatterns(wanted, granted), granted };
}
