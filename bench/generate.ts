import type { PurchaseInput } from "../shared/engine/types";

/** A small deterministic random generator, so every bench run sees the same data. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TERMS = ["Net 30", "Net 45", "2/10 Net 45", "Net 60", "Net 30 EOM", "1/15 Net 45"];
const STATUSES = ["preferred", "approved", "approved", "approved", "restricted", "blocked"] as const;
const WORDS = [
  "Global",
  "Industrial",
  "Office",
  "Northern",
  "Pacific",
  "Digital",
  "Precision",
  "United",
  "Summit",
  "Atlas",
];
const KINDS = ["Supplies", "Systems", "Logistics", "Parts", "Services", "Technologies", "Works", "Trading"];
const FORMS = ["Inc.", "LLC", "Ltd", "GmbH", "B.V.", "S.A.", "plc", "Corp."];

export type GeneratedBook = {
  text: string;
  supplierNames: string[];
  vendorIds: string[];
  costCenters: string[];
  categories: string[];
  /** Supplier positions by status, so rows can buy mostly from preferred suppliers as real ones do. */
  byStatus: Record<(typeof STATUSES)[number], number[]>;
};

/** A rule book as one JSON text: `suppliers` suppliers, `budgets` cost centers, 50 categories. */
export function generateRuleBook(suppliers: number, budgets: number): GeneratedBook {
  const rand = lcg(7);
  const categories = Array.from({ length: 50 }, (_, i) => `cat-${i}`);
  const supplierNames: string[] = [];
  const byStatus: GeneratedBook["byStatus"] = { preferred: [], approved: [], restricted: [], blocked: [] };
  const vendorIds: string[] = [];
  const list = Array.from({ length: suppliers }, (_, i) => {
    const name = `${WORDS[i % WORDS.length]} ${KINDS[(i >> 3) % KINDS.length]} ${i} ${FORMS[i % FORMS.length]}`;
    supplierNames.push(name);
    vendorIds.push(String(100000 + i));
    const status = STATUSES[Math.floor(rand() * STATUSES.length)]!;
    byStatus[status].push(i);
    return {
      id: `s${i}`,
      name,
      aliases: [`${WORDS[i % WORDS.length]} ${i}`],
      vendorIds: [String(100000 + i)],
      domains: [`supplier-${i}.example-trade.com`],
      categories: [categories[i % categories.length]!],
      status,
      terms: TERMS[i % TERMS.length],
      contract: { id: `C-${i}`, ends: `202${7 + (i % 3)}-0${1 + (i % 9)}-15` },
    };
  });
  const costCenters = Array.from({ length: budgets }, (_, i) => `CC${String(i).padStart(4, "0")}`);
  const book = {
    schemaVersion: 1,
    meta: { organisation: "Bench Co", baseCurrency: "USD", revision: 1, effectiveDate: "2026-01-01" },
    budgets: costCenters.map((costCenter, i) => ({
      costCenter,
      period: "FY2026",
      amount: "900000000.00",
      spent: `${1000000 + i}.00`,
      committed: "250000.00",
      action: (["stop", "warn", "ignore"] as const)[i % 3],
    })),
    paymentPolicy: {
      minimumNetDays: 30,
      exceptions: [{ category: "cat-1", minimumNetDays: 45 }],
      discountHurdleRatePercent: 12,
    },
    approvals: [
      { atOrAbove: "10000.00", role: "Budget owner" },
      { atOrAbove: "50000.00", role: "CFO" },
    ],
    fxRates: { asOf: "2026-11-01", rates: { EUR: "1.0850", GBP: "1.2700" } },
    categories: categories.map((id) => ({ id, name: `Category ${id}` })),
    suppliers: list,
  };
  return { text: JSON.stringify(book, null, 2), supplierNames, vendorIds, costCenters, categories, byStatus };
}

/**
 * `count` register rows against a generated rule book, shaped like a real AP register: most spend
 * with preferred suppliers (75 %), some with approved ones (20 %), a few restricted or blocked;
 * within each, the usual 80/20 concentration (a fifth of the suppliers and cost centers have about
 * four fifths of the rows); 1 % credit notes, 10 % in EUR, 30 % with terms written on the row.
 */
export function generateRows(book: GeneratedBook, count: number): PurchaseInput[] {
  const rows: PurchaseInput[] = new Array(count);
  let i = 0;
  for (const row of generatedRows(book, count)) rows[i++] = row;
  return rows;
}

/** The rows of {@link generateRows} one at a time, so a register of any size can be written to a file. */
export function* generatedRows(book: GeneratedBook, count: number): Generator<PurchaseInput> {
  const rand = lcg(11);
  const n = book.supplierNames.length;
  for (let i = 0; i < count; i++) {
    const pick = rand();
    const pool =
      pick < 0.75
        ? book.byStatus.preferred
        : pick < 0.95
          ? book.byStatus.approved
          : pick < 0.98
            ? book.byStatus.restricted
            : book.byStatus.blocked;
    const s = pool[skewed(rand(), pool.length)] ?? Math.floor(rand() * n);
    const r = rand();
    const cents = Math.floor(rand() * 900_000) + 1_000; // 10.00 to 9,010.00
    yield {
      ref: `PO-${i}`,
      supplier: book.supplierNames[s]!,
      vendorId: r < 0.5 ? book.vendorIds[s]! : "",
      amount: `${r < 0.01 ? "-" : ""}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`,
      currency: r < 0.9 ? "USD" : "EUR",
      costCenter: book.costCenters[skewed(rand(), book.costCenters.length)]!,
      category: book.categories[s % book.categories.length]!,
      terms: r < 0.7 ? "" : TERMS[s % TERMS.length]!,
      invoiceDate: `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`,
    };
  }
}

/** The header of a generated register file, and one row as its CSV line (no cell needs quotes). */
export const REGISTER_HEADER =
  "PO Number,Invoice Date,Vendor,Vendor ID,Cost Center,Category,Amount,Currency,Payment Terms";
export function registerLine(p: PurchaseInput): string {
  return `${p.ref},${p.invoiceDate},${p.supplier},${p.vendorId},${p.costCenter},${p.category},${String(p.amount)},${p.currency},${p.terms}`;
}

/** An index in [0, length), log-uniform (Zipf-like): with 2,000 entries the first fifth gets 79 % of picks. */
function skewed(u: number, length: number): number {
  return Math.min(length - 1, Math.floor(length ** u) - 1);
}
