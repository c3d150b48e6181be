import { describe, expect, it } from "vitest";
import { check, codes, find } from "./fixture";

describe("payment-term checks", () => {
  it("points at the part of the terms not understood", () => {
    const f = find(check({ terms: "Net 3O" }).findings, "terms.unparseable");
    expect(f.message).toMatch(/^Terms "Net 3O" not understood: .*3O/);
    expect(f.figures).toMatchObject({ start: 4, end: 6 });
  });

  it("warns when the invoice's terms differ from the contract and fall short of policy", () => {
    const r = check({ terms: "Net 30" });
    expect(find(r.findings, "terms.differ-from-contract").message).toBe(
      "Terms Net 30 differ from the 2/10 Net 45 negotiated with Dell Technologies Inc.",
    );
    expect(find(r.findings, "terms.below-policy").message).toBe(
      "Terms Net 30 give 30 days to pay; policy asks for at least 45.",
    );
  });

  it("applies a category's exception to the policy", () => {
    const power = {
      supplier: "City Power",
      category: "utilities",
      invoiceDate: "2026-06-01",
      costCenter: "HR",
      amount: "10",
    };
    expect(codes(check({ ...power, terms: "Net 20" }).findings)).not.toContain("terms.below-policy");
    expect(find(check({ ...power, terms: "Net 10" }).findings, "terms.below-policy").message).toBe(
      "Terms Net 10 give 10 days to pay; policy asks for at least 15 for utilities.",
    );
  });

  it("uses the supplier's negotiated terms when the row has none", () => {
    expect(codes(check({ terms: "" }).findings)).toEqual(["terms.take-discount"]);
  });

  it("says to take a discount worth more than the hurdle rate, and to skip one worth less", () => {
    const take = find(check({ amount: "1234.57" }).findings, "terms.take-discount");
    expect(take.message).toBe(
      "Take the 2% discount: pay by 2026-11-12; forgoing it costs 21.3% a year, above the 12% hurdle.",
    );
    // Rows of the same day share the finding; another day gets its own deadline.
    expect(find(check({ invoiceDate: "2026-12-31" }).findings, "terms.take-discount").message).toMatch(
      /pay by 2027-01-10;/,
    );
    expect(find(check({ invoiceDate: "" }).findings, "terms.take-discount").message).toMatch(
      /pay within 10 days;/,
    );
    const skip = find(
      check({ supplier: "SoftCo", category: "software", terms: "" }).findings,
      "terms.skip-discount",
    );
    expect(skip.message).toBe(
      "The 0.5% discount costs 3.7% a year to forgo, below the 12% hurdle: paying on the due date is cheaper.",
    );
  });
});

describe("approval checks", () => {
  it("names the approver for the highest threshold reached", () => {
    expect(find(check({ amount: "1000.00" }).findings, "approval.required").message).toBe(
      "Needs approval by Budget owner: 1,000.00 USD is at or above 1,000.00 USD.",
    );
    const cfo = check({ amount: "2600.00" }).findings.filter((f) => f.code === "approval.required");
    expect(cfo.map((f) => f.figures?.role)).toEqual(["CFO"]);
  });

  it("adds category-specific approvals only for their categories", () => {
    const software = { supplier: "SoftCo", category: "software", terms: "" };
    expect(
      check({ ...software, amount: "600" })
        .findings.filter((f) => f.code === "approval.required")
        .map((f) => f.figures?.role),
    ).toEqual(["Security review"]);
    expect(
      check({ ...software, amount: "2600" })
        .findings.filter((f) => f.code === "approval.required")
        .map((f) => f.figures?.role),
    ).toEqual(["CFO", "Security review"]);
  });

  it("compares foreign amounts in the base currency and ignores credit notes", () => {
    const eur = check({ currency: "EUR", amount: "1000.00", costCenter: "EU" });
    expect(find(eur.findings, "approval.required").message).toBe(
      "Needs approval by Budget owner: 1,100.00 USD is at or above 1,000.00 USD.",
    );
    expect(codes(check({ amount: "-5000" }).findings)).not.toContain("approval.required");
  });
});
