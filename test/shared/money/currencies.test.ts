import { describe, expect, it } from "vitest";
import { CURRENCY_CODES, currencyExponent, isCurrencyCode } from "../../../shared/money/currencies";

describe("currency table", () => {
  it.each([
    ["JPY", 0],
    ["KRW", 0],
    ["CLP", 0],
    ["ISK", 0],
    ["VND", 0],
    ["USD", 2],
    ["EUR", 2],
    ["GBP", 2],
    ["CHF", 2],
    ["HUF", 2],
    ["KWD", 3],
    ["BHD", 3],
    ["OMR", 3],
    ["JOD", 3],
    ["TND", 3],
    ["LYD", 3],
    ["IQD", 3],
    ["CLF", 4],
    ["UYW", 4],
  ])("%s has exponent %i", (code, exp) => {
    expect(currencyExponent(code)).toBe(exp);
  });

  it("contains the major trading currencies", () => {
    for (const code of ["CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK", "INR", "CNY", "HKD", "SGD"]) {
      expect(isCurrencyCode(code), code).toBe(true);
    }
    for (const code of ["MXN", "BRL", "ZAR", "TRY", "AED", "SAR", "NZD", "ILS", "THB", "XOF", "XAF"]) {
      expect(isCurrencyCode(code), code).toBe(true);
    }
  });

  it("leaves out withdrawn codes and codes without a minor unit", () => {
    for (const code of ["HRK", "LTL", "DEM", "VEF", "MRO", "STD", "ZWL", "SLL", "XAU", "XDR", "XXX", "XTS"]) {
      expect(isCurrencyCode(code), code).toBe(false);
      expect(currencyExponent(code), code).toBeUndefined();
    }
  });

  it("matches exactly: upper case, three letters, no prototype keys", () => {
    expect(isCurrencyCode("usd")).toBe(false);
    expect(isCurrencyCode(" USD")).toBe(false);
    expect(isCurrencyCode("USDX")).toBe(false);
    expect(isCurrencyCode("")).toBe(false);
    expect(currencyExponent("constructor")).toBeUndefined();
    expect(currencyExponent("__proto__")).toBeUndefined();
  });

  it("lists every code once, sorted, all with valid exponents", () => {
    expect(CURRENCY_CODES.length).toBeGreaterThan(150);
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
    for (const code of CURRENCY_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(currencyExponent(code));
    }
    expect(Object.isFrozen(CURRENCY_CODES)).toBe(true);
  });
});
