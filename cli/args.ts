import { parseArgs, type ParseArgsConfig } from "node:util";
import { parseIsoDate, todayUtc, type PlainDate } from "../shared/dates/plain-date";
import { UsageError } from "./usage";

/** node's parseArgs with strict checking, turning its errors into UsageErrors that carry the command's help. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: T,
  help: string,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const message =
      e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, "") : String(e);
    throw new UsageError(message, help);
  }
}

/** Said beside a day the command took from the clock, so the reader knows it was assumed. */
export const TODAY_NOTE = (option: string) => `today, UTC: ${option} sets another day`;

/** A YYYY-MM-DD option (`--date`, `--as-of`), today (UTC) when absent; a bad date is a usage error. */
export function dateOption(value: string | undefined, option: string, now: Date, help: string): PlainDate {
  if (value === undefined) return todayUtc(now);
  const parsed = parseIsoDate(value);
  if (!parsed.ok) throw new UsageError(`${option}: ${parsed.error}`, help);
  return parsed.value;
}
