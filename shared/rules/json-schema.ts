import { z } from "zod";
import { ruleFileSchema } from "./file-schema";

/** Where the committed JSON Schema lives in the repository, for `$schema` references. */
export const JSON_SCHEMA_FILE = "schema/rulebook.schema.json";

/**
 * The JSON Schema of one rule-book file, generated from the zod schema so the two cannot drift
 * (a test compares it with the committed file). It checks structure; cross-references such as
 * "this category exists" are only checked by `headroom validate`.
 */
export function ruleBookJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ruleFileSchema, { io: "input", target: "draft-2020-12" }),
    $id: "https://headroom.example/schema/rulebook.schema.json",
  };
}
