/**
 * A stand-in for the `CustomFunctions` global the Excel runtime provides: its Error class (what a
 * thrown error shows in the cell), the error codes, and `associate`, which records registrations.
 */
export class FakeCustomFunctionError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const registered = new Map<string, (...args: never[]) => unknown>();

export function installFakeCustomFunctions(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = {
    Error: FakeCustomFunctionError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
    },
    associate: (id: string, fn: (...args: never[]) => unknown) => registered.set(id, fn),
  };
}

/** What a cell shows for a call: the value, or the error code and message it threw. */
export function cell(call: () => unknown): unknown {
  try {
    return call();
  } catch (e) {
    if (e instanceof FakeCustomFunctionError) return { error: e.code, message: e.message };
    throw e;
  }
}
