import { describe, expect, it } from "vitest";
import { formatIsoDate, fromYmd } from "../../../shared/dates/plain-date";
import { budgetFigures, findBudget } from "../../../shared/lookup/budget-lookup";
import type { LookupResult } from "../../../shared/lookup/lookup-error";
import { checkOnePurchase } from "../../../shared/lookup/purchase-lookup";
import {
  findCategory,
  findSupplier,
  negotiatedTerms,
  supplierStanding,
} from "../../../shared/lookup/supplier-lookup";
import {
  discountCostFor,
  discountDeadlineFor,
  dueDateFor,
  readRateBasis,
  readTerms,
  termsMeetPolicy,
} from "../../../shared/lookup/terms-lookup";
import { book } from "../engine/fixture";

const today = fromYmd(2026, 11, 21);

function value<T>(r: LookupResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}

function failure<T>(r: LookupResult<T>): { kind: string; message: string } {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("budgets", () => {
  it("finds a cost center's budget for a day, in any case, with its figures", () => {
    const f = budgetFigures(value(findBudget(book, " it ", today)));
    expect(f).toMatchObject({ currency: "USD", amount: 1_000_000, spent: 600_000, committed: 100_000 });
    expect(f.remaining).toBe(300_000);
    expect(f.usedRatio).toBe(0.7);
    expect(budgetFigures(value(findBudget(book, "EU", today)))).toMatchObject({
      currency: "EUR",
      remaining: 300_000,
    });
  });

  it("says which periods a cost center has when none covers the day", () => {
    const e = failure(findBudget(book, "EU", fromYmd(2026, 5, 1)));
    expect(e).toEqual({
      kind: "not-found",
      message: "Cost center EU has no budget for 2026-05-01 (budgets: 2026-Q4).",
    });
  });

  it("suggests similar cost centers for an unknown one, and nothing for a stranger", () => {
    expect(failure(findBudget(book, "MKTG", today)).message).toBe(
      'Cost center "MKTG" has no budget in the rule book. Did you mean MKT?',
    );
    expect(failure(findBudget(book, "FACILITIES", today))).toEqual({
      kind: "not-found",
      message: 'Cost center "FACILITIES" has no budget in the rule book.',
    });
  });

  it("has a used share of 0 for an unused zero budget, and none for a used one", () => {
    const zero = { ...book.budgets[0]!, amount: 0, spent: 0, committed: 0 };
    expect(budgetFigures(zero).usedRatio).toBe(0);
    expect(budgetFigures({ ...zero, committed: 100 }).usedRatio).toBeUndefined();
  });
});

describe("suppliers", () => {
  it("finds a supplier by vendor id, name or alias as registers write them", () => {
    expect(value(findSupplier(book, "10042")).id).toBe("dell");
    expect(value(findSupplier(book, "DELL INC.")).id).toBe("dell");
    expect(value(findSupplier(book, "Lenovo Inc.")).id).toBe("lenovo");
  });

  it("offers a did-you-mean for an unknown name and asks for more when a name is shared", () => {
    expect(failure(findSupplier(book, "Del Technologies"))).toEqual({
      kind: "not-found",
      message:
        'No supplier "Del Technologies" in the rule book (by name, alias or vendor id). Did you mean Dell Technologies Inc.?',
    });
    expect(failure(findSupplier(book, "Acme Supplies")).message).toBe(
      '"Acme Supplies" names more than one supplier: Acme (acme), Acme Travel (acme-travel). Use the full name or the vendor id.',
    );
  });

  it("gives the standing for a category, through parent categories", () => {
    const dell = value(findSupplier(book, "Dell"));
    expect(supplierStanding(book, dell)).toBe("preferred");
    expect(supplierStanding(book, dell, "hardware")).toBe("preferred");
    expect(supplierStanding(book, dell, "laptops")).toBe("preferred");
    expect(supplierStanding(book, dell, "software")).toBe("not-listed");
    expect(supplierStanding(book, value(findSupplier(book, "Cheapo Parts Ltd")), "software")).toBe("blocked");
    expect(supplierStanding(book, value(findSupplier(book, "Pixel Studio")))).toBe("restricted");
    expect(supplierStanding(book, value(findSupplier(book, "10057")), "hardware")).toBe("approved");
  });

  it("finds categories by id or name and lists the known ones otherwise", () => {
    expect(value(findCategory(book, "Laptops")).id).toBe("laptops");
    expect(failure(findCategory(book, "furniture")).message).toBe(
      'Category "furniture" is not in the rule book (categories: hardware, laptops, software, utilities, travel).',
    );
  });

  it("gives negotiated terms in canonical form, or says there are none", () => {
    expect(value(negotiatedTerms(value(findSupplier(book, "10042"))))).toBe("2/10 Net 45");
    expect(failure(negotiatedTerms(value(findSupplier(book, "Acme"))))).toEqual({
      kind: "not-found",
      message: "Acme has no negotiated payment terms in the rule book.",
    });
  });
});

describe("payment terms", () => {
  const invoice = fromYmd(2026, 1, 15);

  it("dates the due day and the discount deadline from the invoice date", () => {
    expect(formatIsoDate(dueDateFor(value(readTerms("2/10 Net 30")), invoice))).toBe("2026-02-14");
    expect(formatIsoDate(dueDateFor(value(readTerms("Net 45 EOM")), invoice))).toBe("2026-03-17");
    expect(formatIsoDate(dueDateFor(value(readTerms("15th of the following month")), invoice))).toBe(
      "2026-02-15",
    );
    expect(formatIsoDate(value(discountDeadlineFor(value(readTerms("2/10 Net 30")), invoice)))).toBe(
      "2026-01-25",
    );
    expect(formatIsoDate(value(discountDeadlineFor(value(readTerms("2/10 EOM")), invoice)))).toBe(
      "2026-02-10",
    );
    expect(failure(discountDeadlineFor(value(readTerms("Net 30")), invoice))).toEqual({
      kind: "not-found",
      message: "Terms Net 30 have no early-payment discount.",
    });
  });

  it("explains terms it cannot read", () => {
    const e = failure(readTerms("Net 3O"));
    expect(e.kind).toBe("invalid");
    expect(e.message).toMatch(/^Terms "Net 3O" not understood: .*\(at "3O"\)$/);
  });

  it("prices forgoing a discount simply and compounded", () => {
    const terms = value(readTerms("2/10 Net 30"));
    const simple = value(discountCostFor(terms, "simple"));
    const effective = value(discountCostFor(terms, "effective"));
    expect(simple).toBeCloseTo((0.02 / 0.98) * (365 / 20), 12);
    expect(simple).toBeCloseTo(0.3724, 4);
    expect(effective).toBeCloseTo(Math.pow(1 + 0.02 / 0.98, 365 / 20) - 1, 12);
    expect(effective).toBeCloseTo(0.4459, 4);
    expect(failure(discountCostFor(value(readTerms("Net 30")), "simple")).kind).toBe("not-found");
  });

  it("reads the rate basis", () => {
    expect(value(readRateBasis(undefined))).toBe("simple");
    expect(value(readRateBasis(" Effective "))).toBe("effective");
    expect(failure(readRateBasis("compound")).message).toBe(
      'Rate basis "compound" is neither "simple" nor "effective"',
    );
  });

  it("checks terms against the policy, with category exceptions and invoice dates", () => {
    expect(value(termsMeetPolicy(book, value(readTerms("Net 30"))))).toEqual({
      ok: false,
      requiredDays: 45,
      actualDays: 30,
    });
    expect(value(termsMeetPolicy(book, value(readTerms("Net 30")), "utilities")).ok).toBe(true);
    expect(value(termsMeetPolicy(book, value(readTerms("Net 45"))))).toMatchObject({ ok: true });
    expect(value(termsMeetPolicy(book, value(readTerms("Net 30 EOM")))).ok).toBe(false);
    // Net 30 EOM gives 30 days at worst (short of 45), but 25 + 30 = 55 for an invoice of 3 February.
    expect(
      value(termsMeetPolicy(book, value(readTerms("Net 30 EOM")), undefined, fromYmd(2026, 2, 3))),
    ).toEqual({
      ok: true,
      requiredDays: 45,
      actualDays: 55,
    });
    const noPolicy = { ...book, paymentPolicy: undefined };
    expect(failure(termsMeetPolicy(noPolicy, value(readTerms("Net 30"))))).toEqual({
      kind: "not-found",
      message: "The rule book has no payment policy.",
    });
  });
});

describe("one purchase", () => {
  const base = { supplier: "Dell", amount: 10_000, currency: "USD", costCenter: "IT", category: "hardware" };

  it("gives the status and the finding that decided it", () => {
    expect(checkOnePurchase(book, { ...base, supplier: "Cheapo Parts Ltd" }, today)).toEqual({
      status: "block",
      code: "supplier.blocked",
      message:
        "Cheapo Parts Ltd is blocked: Failed the security review. Preferred for Hardware: Dell Technologies Inc.",
    });
    const over = checkOnePurchase(book, { ...base, amount: 500_000 }, today);
    expect(over.status).toBe("block");
    expect(over.code).toBe("budget.exceeded");
    expect(over.message).toContain("will be exceeded by 2,000.00 USD");
  });

  it("dates the check by the invoice date and reads the terms given", () => {
    const take = checkOnePurchase(book, { ...base, invoiceDate: fromYmd(2026, 11, 2) }, today);
    expect(take).toMatchObject({ status: "info", code: "terms.take-discount" });
    expect(take.message).toContain("pay by 2026-11-12");
    const differ = checkOnePurchase(book, { ...base, terms: "Net 45" }, today);
    expect(differ).toMatchObject({ status: "warn", code: "terms.differ-from-contract" });
    // EU's budget is for 2026-Q4 only: a purchase invoiced in May finds none.
    const eu = checkOnePurchase(book, { ...base, costCenter: "EU", invoiceDate: fromYmd(2026, 5, 1) }, today);
    expect(eu).toMatchObject({ status: "warn", code: "budget.no-period" });
  });

  it("has no finding when the purchase is ok", () => {
    const ok = checkOnePurchase(
      book,
      { ...base, supplier: "City Power", costCenter: "HR", category: "utilities", amount: 5_000 },
      fromYmd(2026, 5, 1),
    );
    expect(ok).toEqual({ status: "ok", code: "", message: "" });
  });
});
