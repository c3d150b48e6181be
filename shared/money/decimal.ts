import { err, ok, type Result } from "../result";
import { quoteText } from "../text/quote";

/** An exact decimal number: value = units / 10^scale, with scale a non-negative integer. */
export type Decimal = { units: bigint; scale: number };

/**
 * How a value exactly halfway between two results is rounded.
 * - "half-away-from-zero": 2.5 → 3, −2.5 → −3 (Excel's ROUND; the default everywhere in shared/money).
 * - "half-even" (banker's rounding): 2.5 → 2, 3.5 → 4, −2.5 → −2.
 */
export type RoundingMode = "half-away-from-zero" | "half-even";

/** The pieces of a strict decimal string: sign, integer digits and fraction digits (possibly empty). */
export type DecimalParts = { negative: boolean; intDigits: string; fracDigits: string };

const STRICT_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
/** Quotes user text for an error message (shared/text/quote.ts): clipped, control characters escaped. */
export const quoteInput = quoteText;

/**
 * Splits a strict decimal string (optional leading '-', digits, optional '.' and digits) into its parts.
 * No exponent, no grouping, no spaces, no plus sign. Errors explain what to change.
 */
export function lexDecimal(text: string): Result<DecimalParts> {
  const m = STRICT_DECIMAL.exec(text);
  if (m !== null) {
    return ok({ negative: m[1] === "-", intDigits: m[2] ?? "", fracDigits: m[3] ?? "" });
  }
  return err(`${quoteInput(text)} is not a decimal number: ${explainBadDecimal(text)}`);
}

function explainBadDecimal(text: string): string {
  if (text === "") return "it is empty";
  if (/\s/.test(text)) return "remove the spaces";
  if (/[,'’_]/.test(text) || /\..*\./.test(text)) {
    return "use a dot for decimals and no thousands separators";
  }
  if (/^-?\d+(\.\d+)?[eE][+-]?\d+$/.test(text)) return "write the number out in full, without an exponent";
  if (/^\+/.test(text)) return "leave out the plus sign";
  if (/^-?\.\d+$/.test(text)) return "write a digit before the dot (e.g. 0.5)";
  if (/^-?\d+\.$/.test(text)) return "write digits after the dot or leave out the dot";
  return "expected digits with an optional leading minus and an optional dot, e.g. 1234.50";
}

/**
 * Parses a strict decimal string ("1.0850", "-12.5", "0") into an exact Decimal.
 * Trailing zeros are kept in the scale ("1.50" → units 150, scale 2).
 */
export function parseDecimal(text: string): Result<Decimal> {
  const parts = lexDecimal(text);
  if (!parts.ok) return parts;
  const { negative, intDigits, fracDigits } = parts.value;
  const magnitude = BigInt(intDigits + fracDigits);
  return ok({ units: negative ? -magnitude : magnitude, scale: fracDigits.length });
}

/** Formats a Decimal as a plain decimal string with exactly `scale` fraction digits ("-12.50"). */
export function formatDecimal(d: Decimal): string {
  assertScale(d.scale);
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, "0");
  const cut = digits.length - d.scale;
  const body = d.scale === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return negative ? `-${body}` : body;
}

/**
 * numerator / denominator rounded to an integer with the given mode, exactly.
 * @throws RangeError when the denominator is zero (a programmer error).
 */
export function divRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError("divRound: division by zero");
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const q = numerator / denominator; // truncates toward zero
  const r = numerator % denominator; // same sign as the numerator
  if (r === 0n) return q;
  const twice = 2n * (r < 0n ? -r : r);
  const away = numerator < 0n ? q - 1n : q + 1n;
  if (twice > denominator) return away;
  if (twice < denominator) return q;
  if (mode === "half-away-from-zero") return away;
  return q % 2n === 0n ? q : away;
}

/**
 * Number twin of {@link divRound} for the hot path. Exact only when both arguments are safe integers,
 * which callers must guarantee (the remainder and the doubled remainder then stay exact in a double).
 */
export function divRoundSafe(numerator: number, denominator: number, mode: RoundingMode): number {
  if (denominator === 0) throw new RangeError("divRoundSafe: division by zero");
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const r = numerator % denominator;
  const q = (numerator - r) / denominator;
  // `+ 0` turns a -0 from (−0 − 0) / d into 0 so callers never see negative zero.
  if (r === 0) return q + 0;
  const twice = 2 * Math.abs(r);
  const away = numerator < 0 ? q - 1 : q + 1;
  if (twice > denominator) return away;
  if (twice < denominator) return q + 0;
  if (mode === "half-away-from-zero") return away;
  return q % 2 === 0 ? q + 0 : away;
}

/** 10^n as a bigint, for non-negative integer n. */
export function pow10n(n: number): bigint {
  assertScale(n);
  return 10n ** BigInt(n);
}

function assertScale(scale: number): void {
  if (!Number.isSafeInteger(scale) || scale < 0) {
    throw new RangeError(`decimal scale must be a non-negative integer, got ${scale}`);
  }
}
