import { parseArgs, type ParseArgsConfig } from "node:util";
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
