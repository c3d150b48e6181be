import { Fragment } from "preact";
import { HEADER_SYNONYMS, PURCHASE_FIELDS, type PurchaseField } from "../../shared/engine/columns";
import type { ColumnMapping } from "../../shared/sheet/cell-values";

const LABELS: Record<PurchaseField, string> = {
  supplier: "Supplier",
  vendorId: "Vendor ID",
  amount: "Amount",
  currency: "Currency",
  costCenter: "Cost center",
  category: "Category",
  terms: "Terms",
  invoiceDate: "Invoice date",
  ref: "PO / invoice no.",
};

/**
 * One drop-down per purchase field listing the sheet's headers (Headroom's own result columns
 * left out), preset from the header synonyms. Each column serves one field at most.
 */
export function MappingEditor({
  headers,
  excluded,
  mapping,
  onChange,
}: {
  headers: readonly string[];
  excluded: ReadonlySet<number>;
  mapping: ColumnMapping;
  onChange: (next: ColumnMapping) => void;
}) {
  const set = (field: PurchaseField, value: string) => {
    const next: ColumnMapping = { ...mapping };
    if (value === "") delete next[field];
    else {
      const col = Number(value);
      for (const f of PURCHASE_FIELDS) if (next[f] === col) delete next[f];
      next[field] = col;
    }
    onChange(next);
  };
  return (
    <div class="mapping" data-testid="mapping">
      {PURCHASE_FIELDS.map((field) => (
        <Fragment key={field}>
          <label
            for={`map-${field}`}
            title={`Found by headers like: ${HEADER_SYNONYMS[field].slice(0, 4).join(", ")}`}
          >
            {LABELS[field]}
          </label>
          <select
            id={`map-${field}`}
            value={mapping[field] === undefined ? "" : String(mapping[field])}
            onChange={(e) => set(field, (e.target as HTMLSelectElement).value)}
            data-testid={`map-${field}`}
          >
            <option value="">(none)</option>
            {headers.map((h, i) =>
              excluded.has(i) ? null : (
                <option key={i} value={String(i)}>
                  {h === "" ? `(column ${i + 1})` : h}
                </option>
              ),
            )}
          </select>
        </Fragment>
      ))}
    </div>
  );
}
