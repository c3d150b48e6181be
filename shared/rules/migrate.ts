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

export function migrateRuleFile(raw: Record<string, unknown>): Result<Record<string, unknown>> {
  let file = raw;
  const version = file.schemaVersion;
  if (version === undefined) {
    return err(
      `is missing: add "schemaVersion": ${CURRENT_SCHEMA_VERSION} at the top (is this a rule-book file?)`,
    );
  }
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return err(`must be a whole number like ${CURRENT_SCHEMA_VERSION}`);
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return err(
      `${version} is newer than this Headroom understands (up to ${CURRENT_SCHEMA_VERSION}); update Headroom`,
    );
  }
  for (const step of MIGRATIONS) {
    if (file.schemaVersion === step.from) file = { ...step.migrate(file), schemaVersion: step.from + 1 };
  }
  return ok(file);
}
