import { webUrl } from "../web-url";

/*
 * WebExtension match patterns (`*://*.dell.com/*`) read and compared: which wanted patterns the
 * granted ones cover. Apart from host-patterns.ts, which builds them from the rule book with the
 * Public Suffix List, so that an extension page that only compares them does not carry that list.
 */

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
