import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../../shared/dates/plain-date";
import { parseTerms } from "../../../shared/terms/parse";
import { checkTermsPolicy, requiredNetDays } from "../../../shared/terms/policy";
import type { TermsPolicy } from "../../../shared/terms/policy";
import type { PaymentTerms } from "../../../shared/terms/types";

function terms(text: string): PaymentTerms {
  const parsed = parseTerms(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

function iso(text: string): number {
  const parsed = parseIsoDate(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** "At least 45 days, except utilities 15." */
const POLICY: TermsPolicy = {
  minimumNetDays: 45,
  exceptions: [{ category: "utilities", minimumNetDays: 15 }],
};

describe("requiredNetDays", () => {
  it("uses the matching exception, else the minimum", () => {
    expect(requiredNetDays(POLICY)).toBe(45);
    expect(requiredNetDays(POLICY, "office supplies")).toBe(45);
    expect(requiredNetDays(POLICY, "utilities")).toBe(15);
    expect(requiredNetDays(POLICY, " Utilities ")).toBe(15);
    expect(requiredNetDays({ minimumNetDays: 30 }, "utilities")).toBe(30);
  });

  it("takes the first matching exception", () => {
    const policy: TermsPolicy = {
      minimumNetDays: 45,
      exceptions: [
        { category: "IT", minimumNetDays: 30 },
        { category: "it", minimumNetDays: 10 },
      ],
    };
    expect(requiredNetDays(policy, "it")).toBe(30);
  });
});

describe("checkTermsPolicy", () => {
  it("passes terms that give enough days", () => {
    expect(checkTermsPolicy(terms("Net 60"), POLICY)).toEqual({ ok: true, requiredDays: 45, actualDays: 60 });
    expect(checkTermsPolicy(terms("Net 45"), POLICY)).toEqual({ ok: true, requiredDays: 45, actualDays: 45 });
  });

  it("fails terms that give too few days", () => {
    expect(checkTermsPolicy(terms("2/10 Net 30"), POLICY)).toEqual({
      ok: false,
      requiredDays: 45,
      actualDays: 30,
    });
    expect(checkTermsPolicy(terms("COD"), POLICY)).toEqual({ ok: false, requiredDays: 45, actualDays: 0 });
  });

  it("applies category exceptions and names the one applied", () => {
    expect(checkTermsPolicy(terms("Net 15"), POLICY, { category: "Utilities" })).toEqual({
      ok: true,
      requiredDays: 15,
      actualDays: 15,
      category: "utilities",
    });
    expect(checkTermsPolicy(terms("Net 15"), POLICY, { category: "travel" })).toEqual({
      ok: false,
      requiredDays: 45,
      actualDays: 15,
    });
  });

  it("without an invoice date uses the fewest days the terms can give", () => {
    // Net 30 EOM gives 30 days when invoiced on a month's last day, up to 60 otherwise.
    expect(checkTermsPolicy(terms("Net 30 EOM"), POLICY)).toMatchObject({ ok: false, actualDays: 30 });
    expect(checkTermsPolicy(terms("31st of the following month"), { minimumNetDays: 30 })).toMatchObject({
      ok: false,
      actualDays: 28,
    });
  });

  it("with an invoice date uses that invoice's net days", () => {
    expect(checkTermsPolicy(terms("Net 30 EOM"), POLICY, { invoice: iso("2027-01-05") })).toEqual({
      ok: true,
      requiredDays: 45,
      actualDays: 56,
    });
    expect(checkTermsPolicy(terms("Net 30 EOM"), POLICY, { invoice: iso("2027-01-31") })).toMatchObject({
      ok: false,
      actualDays: 30,
    });
    expect(
      checkTermsPolicy(terms("15th of the following month"), POLICY, {
        category: "utilities",
        invoice: iso("2028-01-31"),
      }),
    ).toEqual({ ok: true, requiredDays: 15, actualDays: 15, category: "utilities" });
  });
});
