import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  abs,
  add,
  allocate,
  amountFromNumber,
  compare,
  negate,
  parseAmount,
  percentOf,
  subtract,
  sum,
} from "../../../shared/money/amount";
import { CURRENCY_CODES } from "../../../shared/money/currencies";
import { toDecimalString } from "../../../shared/money/format";

const MAX = Number.MAX_SAFE_INTEGER;

describe("parseAmount", () => {
  it.each([
    ["250000.00", "USD", 25000000],
    ["250000", "USD", 25000000],
    ["-12.5", "USD", -1250],
    ["0", "USD", 0],
    ["-0", "USD", 0],
    ["0.01", "EUR", 1],
    ["1234", "JPY", 1234],
    ["-7", "ISK", -7],
    ["1.234", "KWD", 1234],
    ["1.2", "BHD", 1200],
    ["1.2345", "CLF", 12345],
    ["0.0001", "UYW", 1],
    ["90071992547409.91", "USD", MAX],
    ["-90071992547409.91", "USD", -MAX],
    ["9007199254740991", "JPY", MAX],
  ])("%s %s → %i", (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, value: minor });
  });

  it("never returns negative zero", () => {
    const r = parseAmount("-0.00", "USD");
    expect(r.ok && Object.is(r.value, 0)).toBe(true);
  });

  it("rejects more decimals than the currency has", () => {
    expect(parseAmount("250000.005", "USD")).toEqual({
      ok: false,
      error: '"250000.005" has 3 decimals but USD has 2',
    });
    expect(parseAmount("1.5", "JPY")).toEqual({ ok: false, error: '"1.5" has 1 decimal but JPY has 0' });
    // Trailing zeros too: "100.000" is often a European one hundred thousand.
    expect(parseAmount("100.000", "USD")).toEqual({
      ok: false,
      error: '"100.000" has 3 decimals but USD has 2',
    });
    expect(parseAmount("1.23456", "CLF").ok).toBe(false);
  });

  // [text, currency, half-away-from-zero, half-even]
  const roundingTable: [string, string, number, number][] = [
    ["250000.005", "USD", 25000001, 25000000],
    ["250000.015", "USD", 25000002, 25000002],
    ["250000.0051", "USD", 25000001, 25000001],
    ["250000.0049999", "USD", 25000000, 25000000],
    ["-2.5", "JPY", -3, -2],
    ["2.5", "JPY", 3, 2],
    ["3.5", "JPY", 4, 4],
    ["-3.5", "JPY", -4, -4],
    ["0.5", "JPY", 1, 0],
    ["-0.5", "JPY", -1, 0],
    ["-0.004", "USD", 0, 0],
    ["-1.0005", "KWD", -1001, -1000],
    ["0.00005", "CLF", 1, 0],
    ["0.00015", "CLF", 2, 2],
    ["90071992547409.914", "USD", MAX, MAX],
  ];
  it.each(roundingTable)("rounds %s %s → %i (half away) / %i (half even)", (text, currency, away, even) => {
    expect(parseAmount(text, currency, { allowRounding: true })).toEqual({ ok: true, value: away });
    expect(parseAmount(text, currency, { allowRounding: true, rounding: "half-even" })).toEqual({
      ok: true,
      value: even,
    });
  });

  it("explains strict-format errors", () => {
    expect(parseAmount("1,234.50", "USD")).toEqual({
      ok: false,
      error: '"1,234.50" is not a decimal number: use a dot for decimals and no thousands separators',
    });
    expect(parseAmount("$12", "USD").ok).toBe(false);
    expect(parseAmount("1e3", "USD").ok).toBe(false);
  });

  it("names an unknown currency", () => {
    const r = parseAmount("12", "USX");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('"USX"');
    expect(parseAmount("12", "usd").ok).toBe(false);
  });

  it("reports overflow as an error", () => {
    expect(parseAmount("90071992547409.92", "USD")).toEqual({
      ok: false,
      error: '"90071992547409.92" is too large: USD amounts are limited to ±90071992547409.91',
    });
    expect(parseAmount("-9007199254740992", "JPY").ok).toBe(false);
    expect(parseAmount("1" + "0".repeat(30), "USD").ok).toBe(false);
    // Rounding up across the limit overflows too.
    expect(parseAmount("90071992547409.915", "USD", { allowRounding: true }).ok).toBe(false);
  });

  it("parseAmount(toDecimalString(x)) === x for every safe integer and currency", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom(...CURRENCY_CODES), (minor, currency) => {
        expect(parseAmount(toDecimalString(minor, currency), currency)).toEqual({ ok: true, value: minor });
      }),
      { numRuns: 2000 },
    );
  });
});

describe("amountFromNumber", () => {
  it.each([
    [1234.56, "USD", 123456],
    [10.005, "USD", 1001], // typed 10.005; binary 10.00499999… must not win
    [1.005, "USD", 101],
    [-10.005, "USD", -1001],
    [0.1 + 0.2, "USD", 30], // 0.30000000000000004
    [1e-7, "USD", 0],
    [-1e-7, "USD", 0],
    [0.5, "JPY", 1],
    [-2.5, "JPY", -3],
    [1e15, "JPY", 1e15],
    [250000, "USD", 25000000],
    [-0, "USD", 0],
    [1.2345, "KWD", 1235],
    [5e-5, "CLF", 1],
    [1.5e-7, "CLF", 0],
    [90071992547409.9, "USD", MAX - 1], // 90071992547409.91 has no double of its own
  ])("%d %s → %i", (value, currency, minor) => {
    const r = amountFromNumber(value, currency);
    expect(r).toEqual({ ok: true, value: minor });
    if (r.ok) expect(Object.is(r.value, -0)).toBe(false);
  });

  it("uses the rounding mode", () => {
    expect(amountFromNumber(-2.5, "JPY", { rounding: "half-even" })).toEqual({ ok: true, value: -2 });
    expect(amountFromNumber(10.005, "USD", { rounding: "half-even" })).toEqual({ ok: true, value: 1000 });
    expect(amountFromNumber(10.015, "USD", { rounding: "half-even" })).toEqual({ ok: true, value: 1002 });
  });

  it("handles exponent forms", () => {
    expect(amountFromNumber(1.5e21, "USD").ok).toBe(false);
    expect(amountFromNumber(1.5e21, "JPY").ok).toBe(false);
    expect(amountFromNumber(1.5e15, "JPY")).toEqual({ ok: true, value: 1.5e15 });
    expect(amountFromNumber(1.25e-3, "KWD")).toEqual({ ok: true, value: 1 });
    expect(amountFromNumber(1.5e-3, "KWD")).toEqual({ ok: true, value: 2 });
  });

  it("rejects NaN, infinities and unsafe results", () => {
    expect(amountFromNumber(Number.NaN, "USD")).toEqual({ ok: false, error: "NaN is not an amount" });
    expect(amountFromNumber(Infinity, "USD")).toEqual({ ok: false, error: "Infinity is not an amount" });
    expect(amountFromNumber(-Infinity, "USD").ok).toBe(false);
    expect(amountFromNumber(1e14, "USD").ok).toBe(false);
    expect(amountFromNumber(MAX + 1, "JPY").ok).toBe(false);
    expect(amountFromNumber(12, "XYZ").ok).toBe(false);
  });

  it("agrees with parseAmount for values typed with a few decimals", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom("JPY", "USD", "KWD", "CLF"),
        (n, decimals, currency) => {
          const value = n / 10 ** decimals;
          const expected = parseAmount(String(value), currency, { allowRounding: true });
          const got = amountFromNumber(value, currency);
          if (expected.ok) expect(got).toEqual(expected);
          else expect(got.ok).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("agrees with parseAmount on the shortest decimal form", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (value) => {
        expect(amountFromNumber(value, "USD")).toEqual(
          parseAmount(String(value).includes("e") ? value.toFixed(20) : String(value), "USD", {
            allowRounding: true,
          }),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe("arithmetic", () => {
  it("adds, subtracts, compares, negates", () => {
    expect(add(150, -200)).toBe(-50);
    expect(subtract(150, 200)).toBe(-50);
    expect(Object.is(subtract(5, 5), 0)).toBe(true);
    expect(compare(1, 2)).toBe(-1);
    expect(compare(2, 2)).toBe(0);
    expect(compare(3, 2)).toBe(1);
    expect(negate(5)).toBe(-5);
    expect(Object.is(negate(0), 0)).toBe(true);
    expect(abs(-5)).toBe(5);
  });

  it("throws RangeError on unsafe inputs and results", () => {
    expect(() => add(MAX, 1)).toThrow(RangeError);
    expect(() => subtract(-MAX, 1)).toThrow(RangeError);
    expect(() => add(0.5, 1)).toThrow(RangeError);
    expect(() => negate(Number.NaN)).toThrow(RangeError);
    expect(add(MAX, -1)).toBe(MAX - 1);
  });

  it("sums exactly, even when intermediate sums leave the safe range", () => {
    expect(sum([])).toBe(0);
    expect(sum([1, 2, 3])).toBe(6);
    expect(sum([MAX, 2, -2])).toBe(MAX);
    expect(sum([MAX, MAX, -MAX, -MAX, 7])).toBe(7);
    expect(() => sum([MAX, 1])).toThrow(RangeError);
    expect(() => sum([1, 0.5])).toThrow(RangeError);
  });

  it("sum agrees with BigInt", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 50), max: 2 ** 50 })), (values) => {
        expect(sum(values)).toBe(Number(values.reduce((a, v) => a + BigInt(v), 0n)));
      }),
    );
  });
});

describe("percentOf", () => {
  it.each([
    [123457, "2", "half-away-from-zero", 2469],
    [123457, "2", "half-even", 2469],
    [250, "1", "half-away-from-zero", 3], // 2.5
    [250, "1", "half-even", 2],
    [-250, "1", "half-away-from-zero", -3],
    [-250, "1", "half-even", -2],
    [10000, "7.5", "half-away-from-zero", 750],
    [10000, "-1.25", "half-away-from-zero", -125],
    [12345, "0", "half-away-from-zero", 0],
    [-1, "2", "half-away-from-zero", 0],
    [100, "100.00000000000001", "half-away-from-zero", 100],
  ] as const)("%i × %s percent (%s) → %i", (minor, percent, mode, expected) => {
    const got = percentOf(minor, percent, mode);
    expect(got).toBe(expected);
    expect(Object.is(got, -0)).toBe(false);
  });

  it("defaults to half-away-from-zero and accepts a Decimal", () => {
    expect(percentOf(250, { units: 1n, scale: 0 })).toBe(3);
    expect(percentOf(123457, { units: 200n, scale: 2 })).toBe(2469);
  });

  it("is exact for large amounts (BigInt path)", () => {
    // 33.333…% of the largest amount
    expect(percentOf(MAX, "33.333")).toBe(Number((BigInt(MAX) * 33333n + 50000n) / 100000n));
    expect(percentOf(MAX, "100")).toBe(MAX);
    expect(() => percentOf(MAX, "200")).toThrow(RangeError);
  });

  it("matches BigInt arithmetic", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: -10000, max: 10000 }), (minor, bp) => {
        const expected = BigInt(minor) * BigInt(bp);
        const q = expected / 10000n;
        const r = expected % 10000n;
        const rounded = 2n * (r < 0n ? -r : r) >= 10000n ? q + (expected < 0n ? -1n : 1n) : q;
        expect(percentOf(minor, { units: BigInt(bp), scale: 2 })).toBe(Number(rounded));
      }),
    );
  });

  it("throws on an invalid percent string", () => {
    expect(() => percentOf(100, "2%")).toThrow(RangeError);
  });
});

describe("allocate", () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [5, [1, 1], [3, 2]],
    [5, [1, 1, 0], [3, 2, 0]],
    [0, [1, 2], [0, 0]],
    [1000, [70, 20, 10], [700, 200, 100]],
    [1, [1, 1, 1], [1, 0, 0]],
    [2, [1, 1, 1], [1, 1, 0]],
    [10, [3, 7], [3, 7]],
    [11, [1, 2], [4, 7]], // 3.67 / 7.33: the larger remainder wins
    [MAX, [1, 1], [(MAX + 1) / 2, (MAX - 1) / 2]],
    [MAX, [MAX, 1], [MAX - 1, 1]],
  ])("allocate(%i, %j) → %j", (minor, ratios, parts) => {
    const got = allocate(minor, ratios);
    expect(got).toEqual(parts);
    expect(got.some((p) => Object.is(p, -0))).toBe(false);
  });

  it("throws on all-zero, empty or invalid ratios", () => {
    expect(() => allocate(100, [0, 0])).toThrow(RangeError);
    expect(() => allocate(100, [])).toThrow(RangeError);
    expect(() => allocate(100, [-1, 2])).toThrow(RangeError);
    expect(() => allocate(100, [1.5, 2])).toThrow(RangeError);
    expect(() => allocate(0.5, [1])).toThrow(RangeError);
  });

  it("preserves the total, mirrors negatives and never gives to a zero ratio", () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc
          .array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 12 })
          .filter((r) => r.some((x) => x > 0)),
        (minor, ratios) => {
          const parts = allocate(minor, ratios);
          expect(parts).toHaveLength(ratios.length);
          expect(parts.reduce((a, p) => a + BigInt(p), 0n)).toBe(BigInt(minor));
          expect(allocate(-minor, ratios)).toEqual(parts.map((p) => 0 - p));
          ratios.forEach((r, i) => {
            if (r === 0) expect(parts[i]).toBe(0);
          });
        },
      ),
    );
  });

  it("parts differ by at most one unit for equal ratios, larger parts first", () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 1000 }),
        (minor, n, w) => {
          const parts = allocate(
            minor,
            Array.from({ length: n }, () => w),
          );
          const max = Math.max(...parts);
          const min = Math.min(...parts);
          expect(max - min).toBeLessThanOrEqual(1);
          const magnitudes = parts.map(Math.abs);
          expect([...magnitudes].sort((a, b) => b - a)).toEqual(magnitudes);
        },
      ),
    );
  });

  it("each part is within one unit of its exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 }).filter((r) => r.some((x) => x > 0)),
        (minor, ratios) => {
          const total = ratios.reduce((a, r) => a + r, 0);
          allocate(minor, ratios).forEach((p, i) => {
            expect(Math.abs(p - (minor * (ratios[i] ?? 0)) / total)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});
