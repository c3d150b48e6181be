import { CURRENT_SCHEMA_VERSION } from "./file-schema";
import { err, ok, type Result } from "../result";

/**
 * Upgrades a parsed file to the current schemaVersion, one step at a time. Each step takes a file of
 * version n and returns version n + 1. There are none yet: version 1 is the first format. When the
 * format changes, add `{ from: 1, migrate }` here and a fixture of the old version under test/fixtures.
 */
const MIGRATIONS: readonly {
  from: number;
  migrate: (file: Record<string, unknown>) => Record<string, unknown>;
}[] = [];

export function migrateRuleFile(raw: unknown): Result<unknown> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return err("a rule-book file must be a JSON object ({ ... })");
  }
  let file = raw as Record<string, unknown>;
  const version = file.schemaVersion;
  if (version === undefined)
    return err(`schemaVersion is missing: add "schemaVersion": ${CURRENT_SCHEMA_VERSION}`);
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return err(`schemaVersion must be a whole number like ${CURRENT_SCHEMA_VERSION}`);
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return err(
      `schemaVersion ${version} is newer than this Headroom understands (up to ${CURRENT_SCHEMA_VERSION}); update Headroom`,
    );
  }
  for (const step of MIGRATIONS) {
    if (file.schemaVersion === step.from) file = { ...step.migrate(file), schemaVersion: step.from + 1 };
  }
  return ok(file);
}
