import { webUrl } from "../web-url";
import { supplierHostProblem } from "../rules/domain";
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
  /** Bucket count minus one; the bucket count is a power of two. */
  readonly mask: number;
  /**
   * Open addressing, one 64-byte bucket (one cache line) per host, so that a probe and the check
   * of the host's characters touch one line: ints [hash, length + 1 (0: empty), entry code,
   * overflow offset], then the host's characters as bytes, last first ("moc.lled" for dell.com),
   * `INLINE_CHARS` of them; the rest in `overflow`. Stored last first, every parent of a page's
   * host starts where the host does, so the check compares four characters at a time.
   * The entry code is the index in `hostList` times two, plus one when the host has prefixed entries.
   */
  readonly ints: Int32Array;
  readonly bytes: Uint8Array;
  readonly overflow: Uint8Array;
  readonly hostList: readonly HostEntries[];
  /** The `any` entry of each host in `hostList`, so that the common case reads one array element. */
  readonly anyList: readonly (DomainMatch | undefined)[];
  /**
   * A bit set over `mix(hash)` of every indexed host and of its parents on label boundaries
   * ("com", "dell.com", "www.dell.com"). A clear bit proves that no indexed host is, or ends
   * with, that host, so `lookup` can stop there without touching the buckets.
   */
  readonly suffixBits: Int32Array;
  /**
   * The same over indexed hosts alone: a clear bit proves that the host is not indexed, so a parent
   * that only leads to indexed hosts ("example-trade.com" above every supplier's own host) costs
   * no probe of the buckets, which are too many to stay in cache.
   */
  readonly hostBits: Int32Array;
  readonly bitMask: number;
};

const BUCKET_INTS = 16;
const HEADER_INTS = 4;
const HEADER_BYTES = HEADER_INTS * 4;
const INLINE_CHARS = BUCKET_INTS * 4 - HEADER_BYTES;

const DOT = 46;
const SLASH = 47;

/**
 * The host being looked up as bytes, last character first (see `HostTable.ints`): the hashing pass
 * writes them, the comparisons with the buckets read them, as bytes and as four-byte words.
 * Lookups never overlap.
 */
let reversed = new Uint8Array(256);
let reversedWords = new Int32Array(reversed.buffer);

/**
 * Indexes every supplier domain by its host. Later duplicates of a host and prefix are ignored, and
 * so is a host the rule book must not name (`supplierHostProblem`: a public suffix such as "co.uk" or
 * "github.io", an IP address, …), so that a rule book that was never validated cannot claim other sites.
 */
export function buildDomainIndex(suppliers: readonly Supplier[]): DomainIndex {
  const building = new Map<
    string,
    { prefixed: { prefix: string; match: DomainMatch }[]; any?: DomainMatch }
  >();
  for (const supplier of suppliers) {
    for (const domain of supplier.domains) {
      const host = normalizeHost(domain.host);
      if (host === undefined || supplierHostProblem(host) !== undefined) continue;
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
  const parsed = webUrl(url);
  return parsed ? matchHost(index, parsed.hostname, parsed.pathname) : undefined;
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
  if (n > reversed.length) {
    reversed = new Uint8Array(n * 8);
    reversedWords = new Int32Array(reversed.buffer);
  }
  const chars = reversed;
  const last = host.charCodeAt(n - 1);
  if (last === DOT) return NOT_CANONICAL;
  // An IPv4 address ends in a number and has no parent hosts.
  const parents = last < 48 || last > 57;
  const { suffixBits, hostBits, bitMask } = table;
  let best: DomainMatch | undefined;
  let labels = 1;
  let h = HASH_SEED;
  for (let i = n - 1; i >= 0; i--) {
    const c = host.charCodeAt(i);
    chars[n - 1 - i] = c;
    if (c >= 97 && c <= 122) {
      // Most characters are a-z: one test, then on.
      h = Math.imul(h ^ c, HASH_PRIME);
      continue;
    }
    if (c === DOT) {
      const bit = mix(h) & bitMask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((suffixBits[word]! & flag) === 0) return best;
      // host[i+1..] is a parent that may be indexed; one label alone ("com") never is.
      if (parents && labels >= 2 && (hostBits[word]! & flag) !== 0) {
        const code = find(table, h, n - 1 - i);
        if (code !== -1) best = pickCode(table, code, pathname) ?? best;
      }
      labels++;
    } else if ((c >= 65 && c <= 90) || c > 127) {
      return NOT_CANONICAL;
    }
    h = Math.imul(h ^ c, HASH_PRIME);
  }
  const bit = mix(h) & bitMask;
  if ((hostBits[bit >>> 5]! & (1 << (bit & 31))) === 0) return best;
  const code = find(table, h, n);
  return (code !== -1 && pickCode(table, code, pathname)) || best;
}

/** The match for entry code `code` (see `HostTable.ints`) and `pathname`. */
function pickCode(table: HostTable, code: number, pathname: string): DomainMatch | undefined {
  return (code & 1) === 0 ? table.anyList[code >>> 1] : pickEntry(table.hostList[code >>> 1]!, pathname);
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

/**
 * The entry code of the host made of the first `length` characters in `reversed` (a page's host or
 * one of its parents, last character first), whose hash is `h`, or -1.
 */
function find(table: HostTable, h: number, length: number): number {
  const { ints, bytes, mask } = table;
  const chars = reversed;
  const words = reversedWords;
  const inline = Math.min(length, INLINE_CHARS);
  const fullWords = inline >>> 2;
  for (let b = h & mask; ; b = (b + 1) & mask) {
    const at = b * BUCKET_INTS;
    const stored = ints[at + 1]!;
    if (stored === 0) return -1;
    if (ints[at] !== h || stored !== length + 1) continue;
    const first = at + HEADER_INTS;
    let w = 0;
    while (w < fullWords && ints[first + w] === words[w]) w++;
    if (w < fullWords) continue;
    let q = fullWords * 4;
    const base = at * 4 + HEADER_BYTES;
    while (q < inline && bytes[base + q] === chars[q]) q++;
    if (q < inline) continue;
    if (length === inline) return ints[at + 2]!;
    const { overflow } = table;
    const rest = ints[at + 3]! - inline;
    while (q < length && overflow[rest + q] === chars[q]) q++;
    if (q === length) return ints[at + 2]!;
  }
}

/** The hash `lookup` computes for a whole host (exported for the tests, which check collisions). */
export function hostHash(host: string): number {
  return suffixHashes(host).full;
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
  // Between two and four hosts per five buckets: a 50,000-host table takes 4 MB, where a probe still
  // finds its bucket in cache on a small machine (at 8 MB each probe went to memory, four times slower).
  let size = 16;
  while (size < hosts.size * 1.25) size *= 2;
  const mask = size - 1;
  const ints = new Int32Array(size * BUCKET_INTS);
  const bytes = new Uint8Array(ints.buffer);
  const overflowChars: number[] = [];
  const hostList: HostEntries[] = [];
  const anyList: (DomainMatch | undefined)[] = [];
  // About 16 bits per host: few hosts that are not indexed get past them.
  let bitCount = 128;
  while (bitCount < hosts.size * 16) bitCount *= 2;
  const bitMask = bitCount - 1;
  const suffixBits = new Int32Array(bitCount >>> 5);
  const hostBits = new Int32Array(bitCount >>> 5);
  const setBit = (bits: Int32Array, h: number) => {
    const bit = mix(h) & bitMask;
    bits[bit >>> 5]! |= 1 << (bit & 31);
  };
  for (const entries of hosts.values()) {
    const { host } = entries;
    const { full, suffixes } = suffixHashes(host);
    setBit(hostBits, full);
    for (const h of [full, ...suffixes]) setBit(suffixBits, h);
    let b = full & mask;
    while (ints[b * BUCKET_INTS + 1] !== 0) b = (b + 1) & mask;
    const at = b * BUCKET_INTS;
    ints[at] = full;
    ints[at + 1] = host.length + 1;
    ints[at + 2] = hostList.length * 2 + (entries.prefixed ? 1 : 0);
    // Hosts are lower-case ASCII (punycode), one byte per character, stored last first.
    const last = host.length - 1;
    for (let q = 0; q < Math.min(host.length, INLINE_CHARS); q++)
      bytes[at * 4 + HEADER_BYTES + q] = host.charCodeAt(last - q);
    if (host.length > INLINE_CHARS) {
      ints[at + 3] = overflowChars.length;
      for (let q = INLINE_CHARS; q < host.length; q++) overflowChars.push(host.charCodeAt(last - q));
    }
    hostList.push(entries);
    anyList.push(entries.any);
  }
  return {
    mask,
    ints,
    bytes,
    overflow: Uint8Array.from(overflowChars),
    hostList,
    anyList,
    suffixBits,
    hostBits,
    bitMask,
  };
}

/** Lower case, one trailing dot dropped, Unicode converted to punycode; undefined if not a host. */
function normalizeHost(hostname: string): string | undefined {
  let host = hostname.toLowerCase();
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (/[\u0080-\uffff]/.test(host)) {
    try {
      host = new URL(`http://${host}/`).hostname;
    } catch {
      return undefined;
    }
    if (host.endsWith(".")) host = host.slice(0, -1);
  }
  return host;
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
