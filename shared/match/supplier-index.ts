import type { Supplier } from "../rules/rule-book";
import { normalizeName } from "./normalize-name";

/** How a register row (vendor id and/or supplier name) relates to the rule book's suppliers. */
export type SupplierMatch =
  | { kind: "matched"; supplier: Supplier; by: "vendor-id" | "name" | "alias" }
  | { kind: "ambiguous"; candidates: Supplier[] }
  | { kind: "unknown"; suggestions: SupplierSuggestion[] };

/** A "did you mean" for an unknown name; never a match. `score` is in (0, 1], higher is closer. */
export type SupplierSuggestion = { supplier: Supplier; score: number };

/**
 * The suppliers claiming one normalised name. `firstByName`: the first of them has it as its name,
 * not only as an alias (what `by` reports when the name is not ambiguous).
 */
type NameEntry = { suppliers: readonly Supplier[]; firstByName: boolean };

/**
 * Lookups from vendor ids and normalised names/aliases to suppliers, built once per rule book
 * by `buildSupplierIndex`. Treat as opaque.
 */
export type SupplierIndex = {
  /** Trimmed vendor id, as written. */
  readonly vendorIds: ReadonlyMap<string, readonly Supplier[]>;
  /** Trimmed, lower-case vendor id. */
  /** Built on the first vendor id not found as written (most registers write ids as the ERP does). */
  vendorIdsFolded: ReadonlyMap<string, readonly Supplier[]> | undefined;
  /** Normalised name or alias. More than one supplier means the key is ambiguous. */
  readonly names: ReadonlyMap<string, NameEntry>;
  /** Trigram index over the keys of `names`, for suggestions. */
  /** Built on the first suggestion request: most checks never need one. */
  fuzzy: FuzzyIndex | undefined;
};

type FuzzyIndex = {
  keys: readonly string[];
  suppliers: readonly (readonly Supplier[])[];
  /** Trigram → its id; per id, the keys holding it (ascending). */
  gramIds: ReadonlyMap<string, number>;
  postings: readonly Int32Array[];
  /** Per key, the ids of its distinct trigrams, ascending. */
  keyGrams: readonly Int32Array[];
  /**
   * Scratch for `suggestByKey`, reused so a search allocates little: shared-trigram counts per
   * key (all zero between calls), and the keys touched. Safe because a search runs to completion.
   */
  shared: Uint16Array;
  touched: Int32Array;
};

/**
 * Suggestions need this score (max of Jaro-Winkler and trigram Dice on normalised names) or more.
 * 0.8 keeps typos ("Grainer", "Stapels", "Del Technolgies") and drops unrelated names that merely
 * share a word ("Zebra Office" vs "Office Depot" scores 0.5).
 */
export const SUGGESTION_THRESHOLD = 0.8;
/**
 * Candidates are counted through the postings of the query's rarest trigrams, at least
 * `MIN_GRAMS` of them, then more while their postings total at most `POSTINGS_BUDGET`: common
 * trigrams ("ser", "ice" in "services") would touch most keys and tell little.
 */
const MIN_GRAMS = 4;
const POSTINGS_BUDGET = 4096;
/** The keys sharing the most of those trigrams get an exact Dice coefficient... */
const CANDIDATES = 32;
/** ...and the best by Dice, if at least `PREFILTER_DICE`, are scored with Jaro-Winkler too. */
const PREFILTER_KEEP = 12;
const PREFILTER_DICE = 0.25;

/** Indexes suppliers by vendor id and by normalised name and aliases (see `normalizeName`). */
export function buildSupplierIndex(suppliers: readonly Supplier[]): SupplierIndex {
  const vendorIds = new Map<string, Supplier[]>();
  const names = new Map<string, { suppliers: Supplier[]; firstByName: boolean }>();
  for (const supplier of suppliers) {
    for (const raw of supplier.vendorIds) {
      const id = raw.trim();
      if (id === "") continue;
      addOnce(vendorIds, id, supplier);
    }
    const nameKey = normalizeName(supplier.name);
    for (let i = -1; i < supplier.aliases.length; i++) {
      const key = i < 0 ? nameKey : normalizeName(supplier.aliases[i]!);
      if (key === "") continue;
      let entry = names.get(key);
      if (!entry) names.set(key, (entry = { suppliers: [], firstByName: false }));
      if (!entry.suppliers.includes(supplier)) entry.suppliers.push(supplier);
      if (key === nameKey && entry.suppliers[0] === supplier) entry.firstByName = true;
    }
  }
  return { vendorIds, vendorIdsFolded: undefined, names, fuzzy: undefined };
}

/**
 * Finds the supplier of a register row. A known vendor id wins; otherwise the normalised name is
 * looked up among names and aliases. A name or alias shared by two suppliers is ambiguous, also
 * when one has it as name and the other as alias: the caller asks a human rather than guess.
 * An unknown name gets up to 3 suggestions, which are never a match.
 */
export function matchSupplier(
  index: SupplierIndex,
  query: { vendorId?: string; name?: string },
): SupplierMatch {
  const vendorId = query.vendorId?.trim();
  if (vendorId) {
    const hits = index.vendorIds.get(vendorId) ?? foldedVendorIds(index).get(vendorId.toLowerCase());
    if (hits?.length === 1) return { kind: "matched", supplier: hits[0]!, by: "vendor-id" };
    if (hits) {
      // Only a bad rule book shares a vendor id; the name may still tell which one is meant.
      const byName = query.name === undefined ? undefined : matchName(index, normalizeName(query.name));
      if (byName?.kind === "matched" && hits.includes(byName.supplier)) return byName;
      return { kind: "ambiguous", candidates: [...hits] };
    }
  }
  if (query.name === undefined) return { kind: "unknown", suggestions: [] };
  const key = normalizeName(query.name);
  return matchName(index, key) ?? { kind: "unknown", suggestions: suggestByKey(index, key, 3) };
}

/**
 * Up to `limit` suppliers whose name or an alias is similar to `name`, best first, each scored
 * once by its closest key. Score: the larger of Jaro-Winkler and the Dice coefficient of padded
 * trigrams, on normalised names; below `SUGGESTION_THRESHOLD` nothing is suggested. Candidates
 * come from a trigram index, so the cost follows the number of similar names, not all suppliers.
 */
export function suggestSuppliers(index: SupplierIndex, name: string, limit = 3): SupplierSuggestion[] {
  return suggestByKey(index, normalizeName(name), limit);
}

function matchName(index: SupplierIndex, key: string): SupplierMatch | undefined {
  if (key === "") return undefined;
  const entry = index.names.get(key);
  if (!entry) return undefined;
  const only = entry.suppliers[0];
  if (only === undefined) return undefined;
  if (entry.suppliers.length > 1) return { kind: "ambiguous", candidates: [...entry.suppliers] };
  return { kind: "matched", supplier: only, by: entry.firstByName ? "name" : "alias" };
}

function foldedVendorIds(index: SupplierIndex): ReadonlyMap<string, readonly Supplier[]> {
  if (index.vendorIdsFolded === undefined) {
    const folded = new Map<string, Supplier[]>();
    for (const [id, suppliers] of index.vendorIds)
      for (const s of suppliers) addOnce(folded, id.toLowerCase(), s);
    index.vendorIdsFolded = folded;
  }
  return index.vendorIdsFolded;
}

function addOnce(map: Map<string, Supplier[]>, key: string, supplier: Supplier): void {
  const list = map.get(key);
  if (!list) map.set(key, [supplier]);
  else if (!list.includes(supplier)) list.push(supplier);
}

/** Distinct trigrams of " key ", so that word starts and ends count. */
function trigrams(key: string): Set<string> {
  const padded = ` ${key} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

function buildFuzzyIndex(names: ReadonlyMap<string, NameEntry>): FuzzyIndex {
  const keys = [...names.keys()];
  const suppliers = keys.map((k) => names.get(k)!.suppliers);
  const gramIds = new Map<string, number>();
  const lists: number[][] = [];
  const keyGrams = keys.map((key, id) => {
    const ids: number[] = [];
    for (const g of trigrams(key)) {
      let gramId = gramIds.get(g);
      if (gramId === undefined) {
        gramId = lists.length;
        gramIds.set(g, gramId);
        lists.push([]);
      }
      lists[gramId]!.push(id);
      ids.push(gramId);
    }
    return Int32Array.from(ids).sort();
  });
  return {
    keys,
    suppliers,
    gramIds,
    postings: lists.map((list) => Int32Array.from(list)),
    keyGrams,
    shared: new Uint16Array(keys.length),
    touched: new Int32Array(keys.length),
  };
}

function suggestByKey(index: SupplierIndex, key: string, limit: number): SupplierSuggestion[] {
  if (key === "" || limit <= 0) return [];
  index.fuzzy ??= buildFuzzyIndex(index.names);
  const { keys, suppliers, gramIds, postings, keyGrams, shared, touched } = index.fuzzy;
  const grams = trigrams(key);
  const queryIds: number[] = [];
  for (const g of grams) {
    const id = gramIds.get(g);
    if (id !== undefined) queryIds.push(id);
  }
  // Count shared trigrams per key through the postings of the rarest trigrams.
  queryIds.sort((a, b) => postings[a]!.length - postings[b]!.length);
  let touchedCount = 0;
  let budget = POSTINGS_BUDGET;
  for (let j = 0; j < queryIds.length; j++) {
    const list = postings[queryIds[j]!]!;
    if (j >= MIN_GRAMS && list.length > budget) break;
    budget -= list.length;
    for (let i = 0; i < list.length; i++) {
      const id = list[i]!;
      const count = shared[id]!;
      shared[id] = count + 1;
      if (count === 0) touched[touchedCount++] = id;
    }
  }
  const candidates = topBy(touched, touchedCount, (id) => shared[id]!, CANDIDATES);
  for (let t = 0; t < touchedCount; t++) shared[touched[t]!] = 0;

  // Exact Dice over all trigrams, for the candidates only.
  queryIds.sort((a, b) => a - b);
  const dice = new Map<number, number>();
  for (const id of candidates) {
    const d = (2 * sharedSorted(queryIds, keyGrams[id]!)) / (grams.size + keyGrams[id]!.length);
    if (d >= PREFILTER_DICE) dice.set(id, d);
  }
  const scored = topBy([...dice.keys()], dice.size, (id) => dice.get(id)!, PREFILTER_KEEP);
  const best = new Map<Supplier, number>();
  for (const id of scored) {
    const score = Math.max(dice.get(id)!, jaroWinkler(key, keys[id]!));
    if (score < SUGGESTION_THRESHOLD) continue;
    for (const s of suppliers[id]!) if ((best.get(s) ?? 0) < score) best.set(s, score);
  }
  return [...best]
    .map(([supplier, score]) => ({ supplier, score: Math.round(score * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.supplier.name.localeCompare(b.supplier.name))
    .slice(0, limit);
}

/** The `limit` ids among `ids[0..count)` with the highest `score`, best first, without sorting them all. */
function topBy(
  ids: ArrayLike<number>,
  count: number,
  score: (id: number) => number,
  limit: number,
): number[] {
  const top: number[] = [];
  const scores: number[] = [];
  for (let t = 0; t < count; t++) {
    const id = ids[t]!;
    const s = score(id);
    if (top.length === limit && s <= scores[limit - 1]!) continue;
    let at = top.length < limit ? top.length : limit - 1;
    top[at] = id;
    scores[at] = s;
    while (at > 0 && scores[at - 1]! < s) {
      top[at] = top[at - 1]!;
      scores[at] = scores[at - 1]!;
      top[at - 1] = id;
      scores[at - 1] = s;
      at--;
    }
  }
  return top;
}

/** How many values two ascending lists share. */
function sharedSorted(a: readonly number[], b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Match flags for `jaroWinkler`, reused: it runs for every suggestion candidate. */
let jwScratch = new Uint8Array(256);

/** Jaro-Winkler similarity in [0, 1]: prefix scale 0.1 over at most 4 characters, boost above 0.7. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, (Math.max(a.length, b.length) >> 1) - 1);
  if (jwScratch.length < a.length + b.length) jwScratch = new Uint8Array(2 * (a.length + b.length));
  const aMatched = jwScratch.subarray(0, a.length).fill(0);
  const bMatched = jwScratch.subarray(a.length, a.length + b.length).fill(0);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] === 0 && b.charCodeAt(j) === c) {
        aMatched[i] = 1;
        bMatched[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (aMatched[i] === 0) continue;
    while (bMatched[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) halfTranspositions++;
    j++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - halfTranspositions / 2) / m) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  const maxPrefix = Math.min(4, a.length, b.length);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
