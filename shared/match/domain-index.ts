import type { Supplier, SupplierDomain } from "../rules/rule-book";

/** A supplier web domain that matched a page. */
export type DomainMatch = { readonly supplier: Supplier; readonly domain: SupplierDomain };

/** The supplier domains on one host: prefixed ones longest prefix first, and the one without. */
export type HostEntries = {
  readonly host: string;
  /** Undefined rather than empty, so the hot path need not load an array. */
  readonly prefixed: readonly { readonly prefix: string; readonly match: DomainMatch }[] | undefined;
  readonly any: DomainMatch | undefined;
};

/**
 * Supplier domains by host, built once per rule book by `buildDomainIndex`. A lookup reads the
 * page's host once and probes a table at most once per label, whatever the number of suppliers.
 */
export type DomainIndex = {
  /** Every indexed host and its entries. */
  readonly hosts: ReadonlyMap<string, HostEntries>;
  /** The same entries in a hash table that `matchHost` probes without making substrings. */
  readonly table: HostTable;
};

type HostTable = {
  /** Slot count minus one; the slot count is a power of two. */
  readonly mask: number;
  /** Two ints per slot, side by side: the host's `hostHash`, and its index in `entries` plus one (0: empty). */
  readonly slots: Int32Array;
  readonly entries: readonly HostEntries[];
  /**
   * A bit set over `mix(hash)` of every indexed host and of its parents on label boundaries
   * ("com", "dell.com", "www.dell.com"). A clear bit proves that no indexed host is, or ends
   * with, that host, so `lookup` can stop there without touching `slots`.
   */
  readonly suffixBits: Int32Array;
  readonly bitMask: number;
};

/**
 * Well-known multi-label public suffixes, never indexed: a rule book listing "co.uk" must not
 * claim every British site. Single-label hosts ("com") are never indexed either, but "localhost".
 */
const PUBLIC_SUFFIXES: ReadonlySet<string> = new Set([
  "co.uk",
  "org.uk",
  "ac.uk",
  "gov.uk",
  "ltd.uk",
  "plc.uk",
  "me.uk",
  "com.au",
  "net.au",
  "org.au",
  "co.nz",
  "co.jp",
  "ne.jp",
  "or.jp",
  "co.kr",
  "com.br",
  "com.cn",
  "com.hk",
  "com.mx",
  "com.sg",
  "com.tr",
  "com.tw",
  "co.in",
  "co.za",
]);

const DOT = 46;
const SLASH = 47;

/** Indexes every supplier domain by its host. Later duplicates of a host and prefix are ignored. */
export function buildDomainIndex(suppliers: readonly Supplier[]): DomainIndex {
  const building = new Map<
    string,
    { prefixed: { prefix: string; match: DomainMatch }[]; any?: DomainMatch }
  >();
  for (const supplier of suppliers) {
    for (const domain of supplier.domains) {
      const host = normalizeHost(domain.host);
      if (host === undefined || !isIndexable(host)) continue;
      let entries = building.get(host);
      if (!entries) building.set(host, (entries = { prefixed: [] }));
      const match: DomainMatch = Object.freeze({ supplier, domain });
      const prefix = normalizePrefix(domain.pathPrefix);
      if (prefix === "") entries.any ??= match;
      else if (!entries.prefixed.some((p) => p.prefix === prefix)) entries.prefixed.push({ prefix, match });
    }
  }
  const hosts = new Map<string, HostEntries>();
  for (const [host, { prefixed, any }] of building) {
    prefixed.sort((a, b) => b.prefix.length - a.prefix.length);
    hosts.set(host, { host, prefixed: prefixed.length > 0 ? prefixed : undefined, any });
  }
  return { hosts, table: buildTable(hosts) };
}

/**
 * The supplier domain for a page at `hostname` and `pathname` (as in `location`), or undefined.
 * Tries the host and each parent on label boundaries ("a.b.dell.com", "b.dell.com",
 * "dell.com", never "com"); the most specific host with a matching entry wins. On one host the
 * longest matching path prefix wins ("/buy" matches "/buy", "/buy/x", not "/buyer"), and an
 * entry without prefix matches any path. Upper case, one trailing dot and Unicode (IDN) host
 * names are accepted.
 */
export function matchHost(index: DomainIndex, hostname: string, pathname = "/"): DomainMatch | undefined {
  const found = lookup(index.table, hostname, pathname);
  if (found !== NOT_CANONICAL) return found;
  const host = normalizeHost(hostname);
  if (host === undefined) return undefined;
  const again = lookup(index.table, host, pathname);
  return again === NOT_CANONICAL ? undefined : again;
}

/**
 * The supplier domain for a full page URL, or undefined for anything but a valid http(s) URL.
 * Host parsing follows the URL standard: `https://dell.com@evil.example/` is on evil.example.
 */
export function matchUrl(index: DomainIndex, url: string): DomainMatch | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  return matchHost(index, parsed.hostname, parsed.pathname);
}

/** Returned by `lookup` for a host that is not lower-case ASCII without a trailing dot. */
const NOT_CANONICAL = Symbol("not canonical");

/**
 * The hot path: no regexes, no substrings. One pass from the last character towards the first
 * hashes the host; at each dot it has the hash of the parent to the right of it ("dell.com" in
 * "www.dell.com"). Parents are met least specific first, so a more specific match replaces an
 * earlier one. The pass stops at the first parent that ends no indexed host ("example.org"):
 * nothing to its left can match, whatever it holds. Bails out on upper case, non-ASCII or a
 * trailing dot, for the caller to normalise.
 */
function lookup(
  table: HostTable,
  host: string,
  pathname: string,
): DomainMatch | undefined | typeof NOT_CANONICAL {
  const n = host.length;
  if (n === 0) return undefined;
  const last = host.charCodeAt(n - 1);
  if (last === DOT) return NOT_CANONICAL;
  // An IPv4 address ends in a number and has no parent hosts.
  const parents = last < 48 || last > 57;
  const { suffixBits, bitMask } = table;
  let best: DomainMatch | undefined;
  let labels = 1;
  let h = HASH_SEED;
  for (let i = n - 1; i >= 0; i--) {
    const c = host.charCodeAt(i);
    if (c === DOT) {
      const bit = mix(h) & bitMask;
      if ((suffixBits[bit >>> 5]! & (1 << (bit & 31))) === 0) return best;
      // host[i+1..] is a parent that may be indexed; one label alone ("com") never is.
      if (parents && labels >= 2) {
        const entries = find(table, h, host, i + 1);
        if (entries !== undefined) best = pickEntry(entries, pathname) ?? best;
      }
      labels++;
    } else if ((c >= 65 && c <= 90) || c > 127) {
      return NOT_CANONICAL;
    }
    h = Math.imul(h ^ c, HASH_PRIME);
  }
  const bit = mix(h) & bitMask;
  if ((suffixBits[bit >>> 5]! & (1 << (bit & 31))) === 0) return best;
  const entries = find(table, h, host, 0);
  return (entries !== undefined && pickEntry(entries, pathname)) || best;
}

/** The entry with the longest prefix matching `pathname`, else the one without prefix. */
function pickEntry(entries: HostEntries, pathname: string): DomainMatch | undefined {
  const { prefixed } = entries;
  if (prefixed === undefined) return entries.any;
  for (let i = 0; i < prefixed.length; i++) {
    const { prefix, match } = prefixed[i]!;
    if (
      pathname.startsWith(prefix) &&
      (pathname.length === prefix.length || pathname.charCodeAt(prefix.length) === SLASH)
    ) {
      return match;
    }
  }
  return entries.any;
}

/** The entries of the host `host.slice(start)`, whose hash is `h`, without making that substring. */
function find(table: HostTable, h: number, host: string, start: number): HostEntries | undefined {
  const { mask, slots } = table;
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const slot = slots[2 * i + 1]!;
    if (slot === 0) return undefined;
    if (slots[2 * i] === h) {
      const entries = table.entries[slot - 1]!;
      const key = entries.host;
      if (key.length === host.length - start && host.startsWith(key, start)) return entries;
    }
  }
}

const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/** FNV-1a over the characters from last to first, as `lookup` computes it, with the hash of each suffix after a dot. */
function suffixHashes(host: string): { full: number; suffixes: number[] } {
  const suffixes: number[] = [];
  let h = HASH_SEED;
  for (let i = host.length - 1; i >= 0; i--) {
    const c = host.charCodeAt(i);
    if (c === DOT) suffixes.push(h);
    h = Math.imul(h ^ c, HASH_PRIME);
  }
  return { full: h, suffixes };
}

/** Other bits of the hash for the bit sets than the low ones that choose the slot. */
function mix(h: number): number {
  return (h >>> 15) ^ Math.imul(h, 0x2c1b3c6d);
}

function buildTable(hosts: ReadonlyMap<string, HostEntries>): HostTable {
  let size = 16;
  while (size < hosts.size * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size * 2);
  const entries: HostEntries[] = [];
  // Eight bits per slot, about 16 per host: few hosts that are not indexed get past it.
  const bitCount = size * 8;
  const bitMask = bitCount - 1;
  const suffixBits = new Int32Array(bitCount >>> 5);
  for (const host of hosts.values()) {
    const { full, suffixes } = suffixHashes(host.host);
    for (const h of [full, ...suffixes]) {
      const bit = mix(h) & bitMask;
      suffixBits[bit >>> 5]! |= 1 << (bit & 31);
    }
    let i = full & mask;
    while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
    entries.push(host);
    slots[2 * i] = full;
    slots[2 * i + 1] = entries.length;
  }
  return { mask, slots, entries, suffixBits, bitMask };
}

/** Lower case, one trailing dot dropped, Unicode converted to punycode; undefined if not a host. */
function normalizeHost(hostname: string): string | undefined {
  let host = hostname.toLowerCase();
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (/[^\x00-\x7f]/.test(host)) {
    try {
      host = new URL(`http://${host}/`).hostname;
    } catch {
      return undefined;
    }
    if (host.endsWith(".")) host = host.slice(0, -1);
  }
  return host;
}

function isIndexable(host: string): boolean {
  if (host === "localhost") return true;
  return host.includes(".") && !PUBLIC_SUFFIXES.has(host);
}

/** "/buy/" and "/buy" both become "/buy", percent-encoded as `location.pathname` is; "/" becomes "". */
function normalizePrefix(prefix: string | undefined): string {
  if (prefix === undefined) return "";
  let path = prefix.startsWith("/") ? prefix : `/${prefix}`;
  try {
    path = new URL(`http://h${path}`).pathname;
  } catch {
    // Keep the prefix as written.
  }
  return path.replace(/\/+$/, "");
}
