import { webUrl } from "../web-url";
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

/**
 * The host pattern for a rules URL (`https://rules.example.com/*`), or null for anything but http(s).
 * Match patterns have no port, so the pattern covers every port of the host.
 */
export function rulesUrlPattern(url: string): string | null {
  const parsed = webUrl(url);
  return parsed && `${parsed.protocol}//${parsed.hostname}/*`;
}

type Pattern = { scheme: string; host: string; path: string };

/** A match pattern's parts, or null when it is not one. `<all_urls>` is every scheme and host. */
export function parseMatchPattern(pattern: string): Pattern | null {
  if (pattern === "<all_urls>") return { scheme: "*", host: "*", path: "/*" };
  const m = /^(\*|https?|wss?|ftp|file):\/\/(\*|\*\.[^/*]+|[^/*]*)(\/.*)$/.exec(pattern);
  if (!m) return null;
  return { scheme: m[1]!, host: m[2]!.toLowerCase(), path: m[3]! };
}

function hostCovers(granted: string, wanted: string): boolean {
  if (granted === "*") return true;
  if (granted.startsWith("*.")) {
    const base = granted.slice(2);
    const plain = wanted.startsWith("*.") ? wanted.slice(2) : wanted;
    return plain === base || plain.endsWith(`.${base}`);
  }
  return granted === wanted;
}

function pathCovers(granted: string, wanted: string): boolean {
  if (granted === "/*") return true;
  if (granted.endsWith("*")) return wanted.startsWith(granted.slice(0, -1));
  return granted === wanted;
}

function schemeCovers(granted: string, scheme: string): boolean {
  return granted === scheme || (granted === "*" && (scheme === "http" || scheme === "https"));
}

/**
 * Whether the granted patterns together cover `wanted`: `*://*.dell.com/*` covers `https://www.dell.com/*`,
 * and `http://…` plus `https://…` together cover `*://…`. An unparseable wanted pattern is never covered.
 */
export function isCovered(wanted: string, granted: readonly string[]): boolean {
  const w = parseMatchPattern(wanted);
  if (!w) return false;
  const grants = granted.map(parseMatchPattern).filter((g): g is Pattern => g !== null);
  const schemes = w.scheme === "*" ? ["http", "https"] : [w.scheme];
  return schemes.every((scheme) =>
    grants.some(
      (g) => schemeCovers(g.scheme, scheme) && hostCovers(g.host, w.host) && pathCovers(g.path, w.path),
    ),
  );
}

/** The wanted patterns that the granted ones do not cover, in the order given. */
export function missingPatterns(wanted: readonly string[], granted: readonly string[]): string[] {
  return wanted.filter((p) => !isCovered(p, granted));
}

/** The wanted patterns that the granted ones cover: where the content script may run. */
export function grantedPatterns(wanted: readonly string[], granted: readonly string[]): string[] {
  return wanted.filter((p) => isCovered(p, granted));
}
