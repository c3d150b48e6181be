import { err, type Result } from "../result";

/**
 * Why a spreadsheet lookup has no answer, as the cell should show it: `invalid` for an argument
 * that cannot be read (Excel's #VALUE!), `not-found` for something the rule book does not have, or
 * no rule book at all (#N/A), `number` for a result that is not a finite number (#NUM!).
 */
export type LookupError = { kind: "invalid" | "not-found" | "number"; message: string };

/** A lookup's answer or why there is none. */
export type LookupResult<T> = Result<T, LookupError>;

export const invalid = (message: string): { ok: false; error: LookupError } =>
  err({ kind: "invalid", message });

export const notFound = (message: string): { ok: false; error: LookupError } =>
  err({ kind: "not-found", message });

export const notANumber = (message: string): { ok: false; error: LookupError } =>
  err({ kind: "number", message });
