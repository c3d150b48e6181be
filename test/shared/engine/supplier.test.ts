import { describe, expect, it } from "vitest";
import { check, codes, find } from "./fixture";

describe("supplier checks", () => {
  it("matches messy register names and vendor ids", () => {
    for (const supplier of ["DELL INC.", "dell technologies inc", "Dell", " Dell, Inc "]) {
      expect(codes(check({ supplier }).findings), supplier).not.toContain("supplier.unknown");
    }
    expect(codes(check({ supplier: "", vendorId: "10042" }).findings)).toEqual(["terms.take-discount"]);
  });

  it("suggests but never matches a near miss", () => {
    const f = find(check({ supplier: "Del Technolgies" }).findings, "supplier.unknown");
    expect(f.message).toBe(
      'Supplier "Del Technolgies" is not in the rule book. Did you mean Dell Technologies Inc.?',
    );
    expect(f.figures).toEqual({ suggestions: ["dell"] });
  });

  it("refuses to guess between two suppliers sharing a name", () => {
    const f = find(
      check({ supplier: "Acme Supplies", category: "travel", costCenter: "HR" }).findings,
      "supplier.ambiguous",
    );
    expect(f.message).toMatch(/could be Acme and Acme Travel/);
  });

  it("blocks a blocked supplier and names the preferred alternatives", () => {
    const r = check({ supplier: "Cheapo Parts" });
    const f = find(r.findings, "supplier.blocked");
    expect(f.severity).toBe("block");
    expect(f.message).toBe(
      "Cheapo Parts Ltd is blocked: Failed the security review. Preferred for Hardware: Dell Technologies Inc.",
    );
    expect(r.status).toBe("block");
  });

  it("warns about a restricted supplier", () => {
    const f = find(check({ supplier: "Pixel Studio", category: "software" }).findings, "supplier.restricted");
    expect(f.severity).toBe("warn");
  });

  it("warns when an approved supplier is used where a preferred one exists, also for subcategories", () => {
    for (const category of ["hardware", "laptops"]) {
      const f = find(check({ supplier: "Lenovo", category, terms: "" }).findings, "supplier.not-preferred");
      expect(f.message).toMatch(
        /Lenovo Inc\. is approved, not preferred for (Hardware|Laptops)\. Preferred for .*: Dell Technologies Inc\./,
      );
      expect(f.figures).toMatchObject({ preferred: ["dell"] });
    }
  });

  it("notes a supplier bought from outside its categories when no preferred supplier exists", () => {
    const f = find(check({ category: "utilities" }).findings, "supplier.category-not-listed");
    expect(f.severity).toBe("info");
  });

  it("warns about an expired contract and notes one ending within the warning window", () => {
    const expired = find(
      check({ supplier: "City Power", category: "utilities", invoiceDate: "2026-11-10", terms: "" }).findings,
      "supplier.contract-expired",
    );
    expect(expired.message).toBe("Contract C-3 with City Power ended on 2026-06-30.");
    const ending = find(
      check({ supplier: "SoftCo", category: "software", invoiceDate: "2026-11-10", terms: "" }).findings,
      "supplier.contract-ending",
    );
    expect(ending.message).toBe("Contract C-2 with SoftCo GmbH ends on 2026-11-30, in 20 days.");
  });
});
