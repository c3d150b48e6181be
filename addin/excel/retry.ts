import { runExcel } from "./run";

/**
 * Retrying what the add-in asks of Excel in the background (start-up, date-system detection,
 * recalculation), where no one is there to click again. Only failures that pass are retried, by
 * their Excel error codes
 * (https://learn.microsoft.com/en-us/office/dev/add-ins/testing/application-specific-api-error-handling):
 * a cell being edited (`InvalidOperationInCellEditMode`, and `InvalidOperation`, which is what
 * "Delay execution while cell is being edited" says a host gives without `delayForCellEdit`;
 * hosts before ExcelApi 1.11 ignore that option), Excel busy or throttling (`ActivityLimitReached`,
 * `ServiceNotAvailable`, `RequestAborted`, `Conflict`), and another workbook holding the focus
 * (`InactiveWorkbook`). Anything else (a missing API, a refused write) fails at once.
 */
const PASSING = new Set([
  "InvalidOperationInCellEditMode",
  "InvalidOperation",
  "ActivityLimitReached",
  "ServiceNotAvailable",
  "RequestAborted",
  "Conflict",
  "InactiveWorkbook",
]);

/** The Excel error code of a failure (OfficeExtension.Error's `code`), or null. */
export function errorCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

/** Whether a failed Excel request may succeed when asked again a little later. */
export function isPassingExcelError(e: unknown): boolean {
  const code = errorCode(e);
  return code !== null && PASSING.has(code);
}

/** A failure in a sentence: Excel's message with its code, or the error's message. */
export function describeFailure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = errorCode(e);
  return code !== null && !message.includes(code) ? `${message} (${code})` : message;
}

export type RetryNotice = { attempt: number; error: unknown; delayMs: number };

export type RetryOptions = {
  /** The wait before each new attempt; when they are used up, the last failure is thrown. */
  delaysMs: readonly number[];
  /** Which failures are worth another attempt (default: the passing Excel errors). */
  retryable?: (e: unknown) => boolean;
  /** Told before each wait, so the state can be shown. */
  onRetry?: (notice: RetryNotice) => void;
  sleep?: (ms: number) => Promise<void>;
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Background work's waits: quick at first (an edit ends in seconds), then every minute. */
export const BACKGROUND_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 60_000];

/** Runs `work`, again after each delay while it fails with a retryable error. */
export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const retryable = options.retryable ?? isPassingExcelError;
  const sleep = options.sleep ?? wait;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      const delayMs = options.delaysMs[attempt - 1];
      if (delayMs === undefined || !retryable(e)) throw e;
      options.onRetry?.({ attempt, error: e, delayMs });
      await sleep(delayMs);
    }
  }
}

/** An `Excel.run` batch (through `runExcel`, so it waits for a cell edit) retried as `withRetry` does. */
export function runExcelWithRetry<T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  options: Partial<RetryOptions> = {},
): Promise<T> {
  return withRetry(() => runExcel(batch), { delaysMs: BACKGROUND_DELAYS_MS, ...options });
}
