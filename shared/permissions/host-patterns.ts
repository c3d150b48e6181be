import { supplierHostProblem } from "../rules/domain";
import type { RuleBook, SupplierDomain } from "../rules/rule-book";

/**
 * Host permissions the browser extension needs for a rule book: exactly the supplier sites (and
 * their subdomains), never more. Patterns are WebExtension match patterns (`*://*.dell.com/*`).
 */

/**
 * `*://host/*` and `*://*.host/*` (only the first for localhost, which has no subdomains), or none
 * for a host the rule book must not name (`supplierHostProblem`). Validation refuses such a host
 * already; skipping it here as well means no pattern is ever broader than one registrable domain,
 * and no pattern a browser rejects ("*://*.*./*") can make it refuse a whole permission request.
 */
function patternsForHost(host: string, path: string): string[] {
  if (supplierHostProblem(host) !== undefined) return [];
  const exact = `*://${host}${path}`;
  return host === "localhost" ? [exact] : [exact, `*://*.${host}${path}`];
}

const sortedUnique = (list: Iterable<string>): string[] => [...new Set(list)].sort();

/** Every supplier domain of the rule book as host-permission patterns, deduplicated and sorted. */
export function hostPermissionPatterns(book: Pick<RuleBook, "suppliers">): string[] {
  const out: string[] = [];
  for (const supplier of book.suppliers) {
    for (const domain of supplier.domains) out.push(...patternsForHost(domain.host, "/*"));
  }
  return sortedUnique(out);
}

/**
 * Where the content script is registered: like `hostPermissionPatterns`, but a domain with a path
 * prefix (`amazon.com/business/`) only covers pages under that path. Match patterns cannot stop at
 * a path segment, so `/business*` also covers `/businesses`; the page's supplier is decided again
 * from its full URL before anything is shown.
 */
export function contentScriptPatterns(book: Pick<RuleBook, "suppliers">): string[] {
  const out: string[] = [];
  for (const supplier of book.suppliers) {
    for (const domain of supplier.domains) out.push(...patternsForHost(domain.host, pathPattern(domain)));
  }
  return sortedUnique(out);
}

function pathPattern(domain: SupplierDomain): string {
  if (domain.pathPrefix === undefined) return "/*";
  const path = domain.pathPrefix.startsWith("/") ? domain.pathPrefix : `/${domain.pathPrefix}`;
  const trimmed = path.replace(/\/+$/, "");
  // Match patterns treat `*` as the only wildcard; nothing else in a path needs escaping.
  return trimmed === "" ? "/*" : `${trimmed}*`;
}

// Reading patterns needs no suffix list: pages that only read them (options) import match-patterns.ts.
export {
  grantedPatterns,
  isCovered,
  missingPatterns,
  parseMatchPattern,
  rulesUrlPattern,
} from "./match-patterns";
