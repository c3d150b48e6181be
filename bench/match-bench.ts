import type { Supplier, SupplierDomain } from "../shared/rules/rule-book";
import { buildDomainIndex, matchHost } from "../shared/match/domain-index";
import { buildSupplierIndex, matchSupplier } from "../shared/match/supplier-index";

/** Result of `benchDomainLookup`: lookups per second for `matchHost` and for a bare `Map.get`. */
export type DomainBenchResult = {
  domains: number;
  lookupsPerSecond: number;
  baselinePerSecond: number;
  /** Baseline speed / matchHost speed: how many times slower than one exact `Map.get`. Goal ≤ 4. */
  ratio: number;
};

/** Result of `benchSupplierMatch`: `matchSupplier` by name, for known messy names and unknown typos. */
export type SupplierBenchResult = {
  suppliers: number;
  /** Known names timed per run, and unknown ones. */
  lookups: number;
  unknownLookups: number;
  /** Messy spellings of known names and aliases (normalisation plus one map read). */
  lookupsPerSecond: number;
  /** Unknown, misspelt names (normalisation plus the suggestion search). */
  unknownLookupsPerSecond: number;
};

const RUNS = 5;
/** Runs of the domain lookup, each a matchHost pass then a baseline pass. */
const PAIRED_RUNS = 11;

/**
 * Times `matchHost` against 50,000 supplier domains on a workload of page hosts (www. and deeper
 * subdomains of supplier domains, exact domains, 20 % other sites, some of them look-alikes
 * under the suppliers' parent domain), and a baseline of one
 * `Map.get` per page host on a map of the same hosts. Median of 5 runs each, after a warm-up.
 */
export function benchDomainLookup(opts: { domains?: number; lookups?: number } = {}): DomainBenchResult {
  const domainCount = opts.domains ?? 50_000;
  const lookupCount = opts.lookups ?? 200_000;
  const rand = lcg(42);
  const suppliers: Supplier[] = [];
  const hosts: string[] = [];
  for (let i = 0; i < domainCount; i++) {
    // One in ten suppliers is known by a shop subdomain rather than its whole domain.
    const host = i % 10 === 0 ? `shop.supplier-${i}.example-trade.com` : `supplier-${i}.example-trade.com`;
    hosts.push(host);
    const domain: SupplierDomain = { host, text: host };
    suppliers.push(syntheticSupplier(i, [domain]));
  }
  const index = buildDomainIndex(suppliers);
  const baselineMap = new Map<string, Supplier>(suppliers.map((s) => [s.domains[0]!.host, s]));

  const pages: { hostname: string; pathname: string }[] = [];
  const paths = ["/", "/products/12345", "/cart", "/en-us/shop/laptops"];
  for (let i = 0; i < lookupCount; i++) {
    const host = hosts[Math.floor(rand() * hosts.length)]!;
    const r = rand();
    let hostname: string;
    const n = Math.floor(rand() * 100_000);
    // Other sites: under .com like most suppliers, elsewhere, and look-alikes next to supplier hosts.
    if (r < 0.08) hostname = `www.news-site-${n}.com`;
    else if (r < 0.14) hostname = `cdn.static-${n}.example.org`;
    else if (r < 0.2) hostname = `www.supplier-${n}-outlet.example-trade.com`;
    else if (r < 0.5) hostname = `www.${host}`;
    else if (r < 0.7) hostname = `eu.checkout.${host}`;
    else hostname = host;
    // Flat strings, as `location.hostname` gives, not ropes from concatenation.
    pages.push({ hostname: flat(hostname), pathname: paths[i % paths.length]! });
  }

  const timeMatch = (): number => {
    let found = 0;
    const t0 = performance.now();
    for (let i = 0; i < pages.length; i++) {
      const p = pages[i]!;
      if (matchHost(index, p.hostname, p.pathname) !== undefined) found++;
    }
    const ms = performance.now() - t0;
    sink(found);
    return pages.length / (ms / 1000);
  };
  const timeBaseline = (): number => {
    let found = 0;
    const t0 = performance.now();
    for (let i = 0; i < pages.length; i++) {
      if (baselineMap.get(pages[i]!.hostname) !== undefined) found++;
    }
    const ms = performance.now() - t0;
    sink(found);
    return pages.length / (ms / 1000);
  };
  for (let i = 0; i < 3; i++) {
    timeMatch();
    timeBaseline();
  }
  // Interleaved, so both see the same machine load.
  const matchRuns: number[] = [];
  const baselineRuns: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < PAIRED_RUNS; i++) {
    const m = timeMatch();
    const b = timeBaseline();
    matchRuns.push(m);
    baselineRuns.push(b);
    ratios.push(b / m);
  }
  return {
    domains: index.hosts.size,
    lookupsPerSecond: Math.round(median(matchRuns)),
    baselinePerSecond: Math.round(median(baselineRuns)),
    // The median of each pair's ratio: the machine's speed drifts between pairs more than within one.
    ratio: Math.round(median(ratios) * 100) / 100,
  };
}

/**
 * Times `matchSupplier` by name on 10,000 synthetic suppliers: messy register spellings of known
 * names and aliases ("TORVANE-BRIX LOGISTICS INC", "The Torvane"), and separately misspelt unknown names, which
 * run the suggestion search. Median of 5 runs each, after a warm-up.
 */
export function benchSupplierMatch(opts: { suppliers?: number; lookups?: number } = {}): SupplierBenchResult {
  const count = opts.suppliers ?? 10_000;
  const lookupCount = opts.lookups ?? 20_000;
  const rand = lcg(7);
  const pick = (words: readonly string[]): string => words[Math.floor(rand() * words.length)]!;
  // A made-up proper name ("Torvane", "Belko") and one or two common business words, as in real registers.
  const properName = (): string =>
    Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(ONSETS) + pick(VOWELS) + pick(CODAS)).join(
      "",
    );
  const suppliers: Supplier[] = [];
  const seen = new Set<string>();
  for (let i = 0; suppliers.length < count; i++) {
    const words = [properName(), pick(BUSINESS_WORDS)];
    if (rand() < 0.4) words.splice(1, 0, pick(BUSINESS_WORDS));
    const base = words.map(cap).join(rand() < 0.2 ? "-" : " ");
    if (seen.has(base)) continue;
    seen.add(base);
    const form = FORMS[i % FORMS.length]!;
    suppliers.push(syntheticSupplier(i, [], `${base}${form}`, [cap(words[0]!)]));
  }
  const index = buildSupplierIndex(suppliers);

  const messy: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < lookupCount; i++) {
    const s = suppliers[Math.floor(rand() * suppliers.length)]!;
    const name = s.name.replace(/ (Inc\.|GmbH|B\.V\.|Ltd|S\.A\.|LLC)$/, "");
    const r = rand();
    messy.push(
      r < 0.25
        ? `${name.toUpperCase()} INC`
        : r < 0.5
          ? `${name.replace(/ /g, ", ")} Ltd.`
          : r < 0.75
            ? `  ${name.toLowerCase()}  L.L.C.`
            : `The ${s.aliases[0]!}`,
    );
    // Drop one letter: a typo that must not match but should find a suggestion.
    const cut = 2 + Math.floor(rand() * (name.length - 3));
    unknown.push(name.slice(0, cut) + name.slice(cut + 1));
  }
  const time = (names: readonly string[]) => (): number => {
    let matched = 0;
    const t0 = performance.now();
    for (let i = 0; i < names.length; i++) {
      if (matchSupplier(index, { name: names[i]! }).kind === "matched") matched++;
    }
    const ms = performance.now() - t0;
    sink(matched);
    return names.length / (ms / 1000);
  };
  const unknownSample = unknown.slice(0, Math.max(1, Math.floor(lookupCount / 10)));
  time(messy)();
  time(unknownSample)();
  return {
    suppliers: suppliers.length,
    lookups: messy.length,
    unknownLookups: unknownSample.length,
    lookupsPerSecond: Math.round(median(Array.from({ length: RUNS }, time(messy)))),
    unknownLookupsPerSecond: Math.round(median(Array.from({ length: RUNS }, time(unknownSample)))),
  };
}

const FORMS = [" Inc.", " GmbH", " B.V.", " Ltd", " S.A.", " LLC"];
const ONSETS = [
  "b",
  "br",
  "c",
  "ch",
  "d",
  "f",
  "g",
  "gr",
  "h",
  "k",
  "l",
  "m",
  "n",
  "p",
  "r",
  "s",
  "st",
  "t",
  "tr",
  "v",
  "w",
  "z",
];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "y"];
const CODAS = ["", "", "n", "r", "l", "s", "x", "k", "m", "nd", "rt"];
const BUSINESS_WORDS = [
  "logistics",
  "supply",
  "industrial",
  "office",
  "technologies",
  "services",
  "systems",
  "solutions",
  "partners",
  "trading",
  "medical",
  "scientific",
  "electric",
  "packaging",
  "foods",
  "chemicals",
  "printing",
  "freight",
  "analytics",
  "consulting",
  "group",
  "international",
  "holdings",
  "manufacturing",
  "facilities",
  "engineering",
  "software",
  "labs",
  "distribution",
  "equipment",
];

function syntheticSupplier(
  i: number,
  domains: SupplierDomain[],
  name = `Supplier ${i}`,
  aliases: string[] = [],
): Supplier {
  return {
    id: `s${i}`,
    name,
    aliases,
    vendorIds: [String(100_000 + i)],
    domains,
    categories: [],
    status: "approved",
  };
}

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** A deterministic pseudo-random generator, so runs are comparable. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** A copy of `s` as a flat string. */
function flat(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

let sunk = 0;
/** Keeps results alive so the timed loops are not optimised away. */
function sink(n: number): void {
  sunk = (sunk + n) | 0;
}
