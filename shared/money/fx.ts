import { err, ok, type Result } from "../result";
import { currencyExponent, isCurrencyCode } from "./currencies";
import {
  divRound,
  divRoundSafe,
  parseDecimal,
  pow10n,
  quoteInput,
  type Decimal,
  type RoundingMode,
} from "./decimal";

/**
 * Rule-book FX rates. A rate is "units of the base currency per 1 unit of the foreign currency":
 * with base USD, EUR → 1.0850 means 1 EUR = 1.0850 USD. The base itself always has rate 1.
 * Treat a table as immutable: conversion factors are cached per table object.
 */
export type FxTable = { base: string; rates: ReadonlyMap<string, Decimal> };

const ONE: Decimal = { units: 1n, scale: 0 };
const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);

/**
 * Builds an FX table from rule-book text, e.g. makeFxTable("USD", { EUR: "1.0850", JPY: "0.0067" }).
 * Errors name the currency: unknown codes, rates that are not strict positive decimals, a base rate other than 1.
 */
export function makeFxTable(base: string, rates: Readonly<Record<string, string>>): Result<FxTable> {
  if (!isCurrencyCode(base)) return err(`unknown FX base currency ${quoteInput(base)}`);
  const table = new Map<string, Decimal>([[base, ONE]]);
  for (const [code, text] of Object.entries(rates)) {
    if (!isCurrencyCode(code)) return err(`unknown currency ${quoteInput(code)} in the FX rates`);
    const rate = parseDecimal(text);
    if (!rate.ok) return err(`FX rate for ${code}: ${rate.error}`);
    if (rate.value.units <= 0n) return err(`FX rate for ${code} must be above zero, got ${quoteInput(text)}`);
    if (code === base) {
      if (rate.value.units !== 10n ** BigInt(rate.value.scale)) {
        return err(`FX rate for ${code} must be 1 because it is the base currency, got ${quoteInput(text)}`);
      }
      continue;
    }
    table.set(code, rate.value);
  }
  return ok(Object.freeze({ base, rates: table }));
}

/** minor_to = minor_from × num / den, reduced; the number twins are set when both fit a safe integer. */
type Factor = { num: bigint; den: bigint; numN: number; denN: number; small: boolean };
/** A conversion between two currencies of one table, worked out once (see `fxFactor`). */
export type FxFactor = Readonly<Factor>;

const factorCache = new WeakMap<FxTable, Map<string, Map<string, Factor>>>();

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function rateOf(fx: FxTable, code: string): Decimal | undefined {
  return code === fx.base ? ONE : fx.rates.get(code);
}

function factorFor(fx: FxTable, from: string, expFrom: number, to: string, expTo: number): Result<Factor> {
  let byFrom = factorCache.get(fx);
  if (byFrom === undefined) factorCache.set(fx, (byFrom = new Map()));
  let byTo = byFrom.get(from);
  if (byTo === undefined) byFrom.set(from, (byTo = new Map()));
  const cached = byTo.get(to);
  if (cached !== undefined) return ok(cached);

  const rateFrom = rateOf(fx, from);
  if (rateFrom === undefined) return err(`no FX rate for ${from} in the rule book`);
  const rateTo = rateOf(fx, to);
  if (rateTo === undefined) return err(`no FX rate for ${to} in the rule book`);
  // from → base → to as one fraction: rateFrom / rateTo × 10^(expTo − expFrom).
  let num = rateFrom.units * pow10n(rateTo.scale + expTo);
  let den = rateTo.units * pow10n(rateFrom.scale + expFrom);
  const g = gcd(num, den);
  num /= g;
  den /= g;
  const small = num <= MAX_BIG && den <= MAX_BIG;
  const factor: Factor = { num, den, numN: small ? Number(num) : 0, denN: small ? Number(den) : 1, small };
  byTo.set(to, factor);
  return ok(factor);
}

/**
 * Converts an amount in minor units of `from` to minor units of `to` with the table's rates.
 *
 * Exact: minor × rate(from) / rate(to) × 10^(expTo − expFrom) is computed as one fraction and rounded
 * once at the end (cross rates go through the base without intermediate rounding). Uses plain number
 * arithmetic when the product provably fits a safe integer, BigInt otherwise.
 * Errors: unknown currency, missing rate ("no FX rate for EUR in the rule book"), result too large.
 * @throws RangeError when `minor` is not a safe integer (a programmer error).
 */
export function convert(
  minor: number,
  from: string,
  to: string,
  fx: FxTable,
  mode: RoundingMode = "half-away-from-zero",
): Result<number> {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`convert: amount must be a safe integer in minor units, got ${minor}`);
  }
  if (from === to && currencyExponent(from) !== undefined) return ok(minor + 0);
  const factor = fxFactor(fx, from, to);
  if (!factor.ok) return factor;
  const result = applyFxFactor(minor, factor.value, mode);
  return Number.isNaN(result)
    ? err(`converting ${minor} minor units of ${from} to ${to} gives an amount too large to hold`)
    : ok(result);
}

/** The factor that converts minor units of `from` to minor units of `to`; errors as `convert`'s. */
export function fxFactor(fx: FxTable, from: string, to: string): Result<FxFactor> {
  const expFrom = currencyExponent(from);
  if (expFrom === undefined) return err(`unknown currency ${quoteInput(from)}`);
  const expTo = currencyExponent(to);
  if (expTo === undefined) return err(`unknown currency ${quoteInput(to)}`);
  return factorFor(fx, from, expFrom, to, expTo);
}

/**
 * `minor` (a safe integer) times a factor, rounded once by `mode`; NaN when the result is too large
 * to hold. Plain number arithmetic when the product provably fits a safe integer, BigInt otherwise.
 */
export function applyFxFactor(minor: number, f: FxFactor, mode: RoundingMode): number {
  if (f.small) {
    // A double product that stays ≤ 2^53 − 1 is the exact product, so the division below is exact too.
    const product = minor * f.numN;
    if (Math.abs(product) <= MAX) return divRoundSafe(product, f.denN, mode) + 0;
  }
  const result = divRound(BigInt(minor) * f.num, f.den, mode);
  return result > MAX_BIG || result < -MAX_BIG ? NaN : Number(result);
}
