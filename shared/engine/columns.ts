import type { PurchaseInput } from "./types";

/** The purchase fields a sheet or CSV column can hold. */
export type PurchaseField = keyof Omit<PurchaseInput, "supplierId">;

/**
 * Header names people use for each field, compared after normalising (lower case, punctuation and
 * extra spaces removed). Exact names only: "Vendor ID" is never taken for the supplier's name.
 * Earlier synonyms win when a sheet has several matching columns ("Net amount" before "Total").
 */
/** How registers and budget sheets name the cost-center column (both tables map it the same way). */
export const COST_CENTER_HEADERS: readonly string[] = [
  "cost center",
  "cost centre",
  "cost center code",
  "cost centre code",
  "costcenter",
  "department",
  "dept",
  "cc",
];

export const HEADER_SYNONYMS: Readonly<Record<PurchaseField, readonly string[]>> = {
  supplier: [
    "supplier",
    "supplier name",
    "vendor",
    "vendor name",
    "payee",
    "payee name",
    "merchant",
    "creditor",
  ],
  vendorId: [
    "vendor id",
    "vendor no",
    "vendor number",
    "vendor code",
    "supplier id",
    "supplier no",
    "supplier number",
    "supplier code",
    "erp vendor id",
    "creditor id",
  ],
  amount: [
    "amount",
    "net amount",
    "amount net",
    "net",
    "invoice amount",
    "po amount",
    "order amount",
    "total",
    "total amount",
    "line total",
    "value",
    "gross amount",
  ],
  currency: ["currency", "currency code", "ccy", "cur", "curr"],
  costCenter: COST_CENTER_HEADERS,
  category: ["category", "spend category", "purchase category", "commodity", "expense category"],
  terms: ["terms", "payment terms", "pay terms", "payment term", "terms of payment"],
  invoiceDate: ["invoice date", "date", "po date", "order date", "document date", "posting date", "inv date"],
  ref: [
    "row",
    "po number",
    "po",
    "po no",
    "purchase order",
    "invoice number",
    "invoice no",
    "invoice",
    "reference",
    "ref",
    "document number",
    "doc no",
  ],
};

export const PURCHASE_FIELDS = Object.keys(HEADER_SYNONYMS) as PurchaseField[];

/** Header text as compared with the synonyms: "P.O. #" → "po", "Cost_Centre" → "cost centre". */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Maps headers to fields: for each field in order, the column whose header is its earliest synonym
 * (headers and synonyms compared normalised). A column is used for one field at most.
 */
export function mapHeaders<F extends string>(
  headers: readonly string[],
  fields: readonly F[],
  synonyms: Readonly<Record<F, readonly string[]>>,
): Partial<Record<F, number>> {
  const normalized = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const mapping: Partial<Record<F, number>> = {};
  for (const field of fields) {
    for (const synonym of synonyms[field]) {
      const col = normalized.findIndex((h, i) => h === synonym && !taken.has(i));
      if (col !== -1) {
        mapping[field] = col;
        taken.add(col);
        break;
      }
    }
  }
  return mapping;
}

/** Maps a register's headers to purchase fields (see `mapHeaders`). Returns the column index per field. */
export function mapColumns(headers: readonly string[]): Partial<Record<PurchaseField, number>> {
  return mapHeaders(headers, PURCHASE_FIELDS, HEADER_SYNONYMS);
}

/** Builds a purchase from one row of cells with a column mapping. Empty cells are left out. */
export function rowToPurchase(
  cells: readonly string[],
  mapping: Partial<Record<PurchaseField, number>>,
): PurchaseInput {
  const p: PurchaseInput = {};
  for (const field of PURCHASE_FIELDS) {
    const col = mapping[field];
    if (col === undefined) continue;
    const value = cells[col];
    if (value !== undefined && value !== "") p[field] = value;
  }
  return p;
}

/** The fields a mapping has a column for, as `CheckOptions.columns` takes them. */
export function mappedFields(mapping: Partial<Record<PurchaseField, number>>): PurchaseField[] {
  return PURCHASE_FIELDS.filter((f) => mapping[f] !== undefined);
}

/**
 * What a mapping lacks to check anything: a supplier (or vendor id) column and an amount column.
 * Empty when the mapping is usable; the other columns are optional (their checks are skipped).
 */
export function missingColumns(mapping: Partial<Record<PurchaseField, number>>): string[] {
  const missing: string[] = [];
  if (mapping.supplier === undefined && mapping.vendorId === undefined)
    missing.push("supplier (or vendor id)");
  if (mapping.amount === undefined) missing.push("amount");
  return missing;
}
