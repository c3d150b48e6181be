import type { LookupError, LookupResult } from "../../shared/lookup/lookup-error";

/**
 * Turns lookup outcomes into what a custom function gives Excel. Throwing a
 * `CustomFunctions.Error` from a function shows that error in the cell, with the message in the
 * cell's error tooltip. #VALUE! and #N/A carry a message; Excel shows #NUM! without one.
 */

const CODES: Record<LookupError["kind"], () => CustomFunctions.ErrorCode> = {
  invalid: () => CustomFunctions.ErrorCode.invalidValue,
  "not-found": () => CustomFunctions.ErrorCode.notAvailable,
  number: () => CustomFunctions.ErrorCode.invalidNumber,
};

/** The Excel error for a lookup error. */
export function cellError(error: LookupError): CustomFunctions.Error {
  const code = CODES[error.kind]();
  return error.kind === "number"
    ? new CustomFunctions.Error(code)
    : new CustomFunctions.Error(code, error.message);
}

/** The value, or throws the Excel error for why there is none. */
export function unwrap<T>(result: LookupResult<T>): T {
  if (!result.ok) throw cellError(result.error);
  return result.value;
}

/**
 * Runs a function body so that nothing escapes but a value or an Excel error: an unexpected
 * exception (a bug) becomes #VALUE! with its message instead of an unexplained failure.
 */
export function guarded<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof CustomFunctions.Error) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new CustomFunctions.Error(
      CustomFunctions.ErrorCode.invalidValue,
      `Headroom could not work this out: ${message}`,
    );
  }
}
