import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAmount } from "../../../shared/money/amount";
import { divRound } from "../../../shared/money/decimal";
import { convert, makeFxTable, type FxTable } from "../../../shared/money/fx";

function table(base: string, rates: Record<string, string>): FxTable {
  const t = makeFxTable(base, rates);
  if (!t.ok) throw new Error(t.error);
  return t.value;
}

const fx = table("USD", {
  EUR: "1.0850",
  GBP: "1.2700",
  JPY: "0.0067",
  KWD: "3.2550",
  CHF: "1.1300",
  CLF: "43.5",
});

describe("makeFxTable", () => {
  it("stores rates as exact decimals and the base as 1", () => {
    expect(fx.base).toBe("USD");
    expect(fx.rates.get("EUR")).toEqual({ units: 10850n, scale: 4 });
    expect(fx.rates.get("USD")).toEqual({ units: 1n, scale: 0 });
  });

  it.each([
    ["USX", {}, 'unknown FX base currency "USX"'],
    ["USD", { EUX: "1" }, 'unknown currency "EUX" in the FX rates'],
    [
      "USD",
      { EUR: "1,085" },
      'FX rate for EUR: "1,085" is not a decimal number: use a dot for decimals and no thousands separators',
    ],
    ["USD", { EUR: "0" }, 'FX rate for EUR must be above zero, got "0"'],
    ["USD", { EUR: "-1.08" }, 'FX rate for EUR must be above zero, got "-1.08"'],
    ["USD", { USD: "1.01" }, 'FX rate for USD must be 1 because it is the base currency, got "1.01"'],
  ])("rejects base %s with %j", (base, rates, message) => {
    expect(makeFxTable(base, rates as Record<string, string>)).toEqual({ ok: false, error: message });
  });

  it("accepts the base listed at 1", () => {
    expect(makeFxTable("USD", { USD: "1.000", EUR: "1.08" }).ok).toBe(true);
  });
});

describe("convert", () => {
  const amount = (text: string, currency: string) => {
    const r = parseAmount(text, currency);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };

  it.each([
    [10000, "EUR", "USD", 10850], // 100.00 EUR at 1.0850 → 108.50 USD
    [10850, "USD", "EUR", 10000],
    [100, "USD", "EUR", 92], // 1.00 / 1.085 = 0.9216…
    [10000, "JPY", "USD", 6700], // 10,000 JPY × 0.0067 → 67.00 USD
    [6700, "USD", "JPY", 10000],
    [1, "JPY", "USD", 1], // 0.0067 USD → 0.01 (0.67 cents rounds up)
    [1000, "KWD", "USD", 326], // 1.000 KWD → 3.255 USD → 3.26 (half away)
    [100, "USD", "KWD", 307], // 1.00 USD / 3.2550 = 0.30721… KWD
    [12345, "USD", "USD", 12345],
    [0, "EUR", "GBP", 0],
    [-10000, "EUR", "USD", -10850],
    [10000, "CLF", "USD", 4350], // 1.0000 CLF → 43.50 USD
    [100, "USD", "CLF", 230], // 1.00 USD / 43.5 = 0.022988… CLF
  ])("%i %s → %s = %i", (minor, from, to, expected) => {
    const r = convert(minor, from, to, fx);
    expect(r).toEqual({ ok: true, value: expected });
    if (r.ok) expect(Object.is(r.value, -0)).toBe(false);
  });

  it("100.00 EUR at 1.0850 is 108.50 USD", () => {
    expect(convert(amount("100.00", "EUR"), "EUR", "USD", fx)).toEqual({
      ok: true,
      value: amount("108.50", "USD"),
    });
  });

  it("cross rates go through the base as one fraction, rounded once", () => {
    // 100.00 EUR → GBP: 100 × 1.0850 / 1.2700 = 85.433070… GBP
    expect(convert(10000, "EUR", "GBP", fx)).toEqual({ ok: true, value: 8543 });
    // 0.06 EUR × 1.0850 / 1.2700 = 0.05126… GBP → 0.05. Rounding twice would give 0.06 EUR → 0.0651 USD
    // → 0.07 USD → 0.0551… GBP → 0.06.
    expect(convert(6, "EUR", "GBP", fx)).toEqual({ ok: true, value: 5 });
    expect(convert(6, "EUR", "USD", fx)).toEqual({ ok: true, value: 7 });
    expect(convert(7, "USD", "GBP", fx)).toEqual({ ok: true, value: 6 });
    for (let minor = -5000; minor <= 5000; minor += 7) {
      const expected = divRound(BigInt(minor) * 10850n, 12700n, "half-away-from-zero");
      expect(convert(minor, "EUR", "GBP", fx)).toEqual({ ok: true, value: Number(expected) });
    }
  });

  it("JPY ↔ KWD crosses two exponent changes", () => {
    // 1,000,000 JPY × 0.0067 / 3.2550 = 2058.371… KWD → 2058.371 KWD
    expect(convert(1_000_000, "JPY", "KWD", fx)).toEqual({ ok: true, value: 2058372 });
    expect(convert(2058372, "KWD", "JPY", fx)).toEqual({ ok: true, value: 1000000 });
  });

  it("rounds ties by the mode", () => {
    const t = table("USD", { EUR: "1.5" });
    // 0.01 EUR = 0.015 USD
    expect(convert(1, "EUR", "USD", t)).toEqual({ ok: true, value: 2 });
    expect(convert(1, "EUR", "USD", t, "half-even")).toEqual({ ok: true, value: 2 });
    expect(convert(3, "EUR", "USD", t, "half-even")).toEqual({ ok: true, value: 4 }); // 4.5 → 4
    expect(convert(3, "EUR", "USD", t)).toEqual({ ok: true, value: 5 });
    expect(convert(-3, "EUR", "USD", t)).toEqual({ ok: true, value: -5 });
    expect(convert(-3, "EUR", "USD", t, "half-even")).toEqual({ ok: true, value: -4 });
  });

  it("is exact beyond 2^53 (BigInt path) and reports overflow", () => {
    const max = Number.MAX_SAFE_INTEGER;
    const r = convert(max, "USD", "EUR", fx);
    expect(r).toEqual({
      ok: true,
      value: Number(divRound(BigInt(max) * 10000n, 10850n, "half-away-from-zero")),
    });
    const over = convert(max, "EUR", "USD", fx);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error).toContain("too large");
    expect(convert(max, "USD", "JPY", fx).ok).toBe(false);
  });

  it("matches BigInt arithmetic for every pair", () => {
    const codes = ["USD", "EUR", "GBP", "JPY", "KWD", "CHF", "CLF"];
    const rate = (c: string) => fx.rates.get(c) ?? { units: 1n, scale: 0 };
    const exp: Record<string, number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0, KWD: 3, CHF: 2, CLF: 4 };
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.constantFrom(...codes),
        fc.constantFrom(...codes),
        fc.constantFrom("half-away-from-zero" as const, "half-even" as const),
        (minor, from, to, mode) => {
          const rf = rate(from);
          const rt = rate(to);
          const num = BigInt(minor) * rf.units * 10n ** BigInt(rt.scale + (exp[to] ?? 0));
          const den = rt.units * 10n ** BigInt(rf.scale + (exp[from] ?? 0));
          const expected = from === to ? BigInt(minor) : divRound(num, den, mode);
          const got = convert(minor, from, to, fx, mode);
          if (expected > BigInt(Number.MAX_SAFE_INTEGER) || expected < -BigInt(Number.MAX_SAFE_INTEGER)) {
            expect(got.ok).toBe(false);
          } else {
            expect(got).toEqual({ ok: true, value: Number(expected) });
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("errors on missing rates and unknown currencies", () => {
    expect(convert(100, "SEK", "USD", fx)).toEqual({
      ok: false,
      error: "no FX rate for SEK in the rule book",
    });
    expect(convert(100, "EUR", "NOK", fx)).toEqual({
      ok: false,
      error: "no FX rate for NOK in the rule book",
    });
    expect(convert(100, "XYZ", "USD", fx)).toEqual({ ok: false, error: 'unknown currency "XYZ"' });
    expect(() => convert(1.5, "EUR", "USD", fx)).toThrow(RangeError);
  });

  it("keeps tables independent (per-table factor cache)", () => {
    const a = table("USD", { EUR: "1.10" });
    const b = table("USD", { EUR: "1.20" });
    expect(convert(10000, "EUR", "USD", a)).toEqual({ ok: true, value: 11000 });
    expect(convert(10000, "EUR", "USD", b)).toEqual({ ok: true, value: 12000 });
    expect(convert(10000, "EUR", "USD", a)).toEqual({ ok: true, value: 11000 });
  });

  it("converts a million rows quickly", () => {
    const start = performance.now();
    let total = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const r = convert(i * 37, "EUR", "GBP", fx);
      if (r.ok) total += r.value;
    }
    expect(total).toBeGreaterThan(0);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
