import { z } from "zod";
import {
  approvalSchema,
  budgetSchema,
  categorySchema,
  fxRatesSchema,
  metaSchema,
  paymentPolicySchema,
  savingsSchema,
  supplierSchema,
  TEAMS,
} from "./sections";

/** The rule-book format version this code reads and writes. Older files are migrated (migrate.ts). */
export const CURRENT_SCHEMA_VERSION = 1;

/**
 * One rule-book file. A rule book is one such file, a root file with `include`, or a directory of them.
 * Every section is optional here; compile.ts checks the merged rule book has what it needs.
 */
export const ruleFileSchema = z
  .strictObject({
    $schema: z.string().meta({ description: "Path or URL of this JSON Schema, for editors." }).optional(),
    schemaVersion: z
      .literal(CURRENT_SCHEMA_VERSION, { error: `must be ${CURRENT_SCHEMA_VERSION}` })
      .meta({ description: "Version of the rule-book format." }),
    team: z
      .enum(TEAMS, { error: 'must be "finance", "procurement" or "shared"' })
      .meta({
        description:
          "Team that owns this file. A team file may only write that team's sections; leave it out in a single-file rule book.",
      })
      .optional(),
    include: z
      .array(z.string().min(1, { error: "must not be empty" }))
      .meta({ description: "Other rule-book files to merge into this one, relative to this file." })
      .optional(),
    meta: metaSchema.optional(),
    budgets: z.array(budgetSchema).optional(),
    paymentPolicy: paymentPolicySchema.optional(),
    approvals: z.array(approvalSchema).optional(),
    fxRates: fxRatesSchema.optional(),
    suppliers: z.array(supplierSchema).optional(),
    categories: z.array(categorySchema).optional(),
    savings: z.array(savingsSchema).optional(),
  })
  .meta({
    title: "Headroom rule book",
    description: "Budgets, preferred suppliers and payment-term policy shared by finance and procurement.",
  });

export type RuleFile = z.output<typeof ruleFileSchema>;
export type RuleFileInput = z.input<typeof ruleFileSchema>;
