import { z } from "zod";
import { domainFormatMessage } from "./domain";
import { MAX_TERMS_LENGTH } from "../terms/parse";

/**
 * Structure of each rule-book section as people write it in JSON. These schemas check shape and
 * format only; cross-references and conversions (amounts into minor units, terms into rules) happen
 * in compile.ts, where the whole merged rule book is known. The committed JSON Schema is generated
 * from these, so every description here is what an editor shows on hover.
 */

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const idMessage = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

export const idSchema = z
  .string({ error: "must be a text id" })
  .regex(ID, { error: idMessage })
  .meta({ description: "Short stable id: letters, digits, '.', '_' or '-'." });

const nonNegativeDecimalText = (description: string) =>
  z
    .string({ error: 'must be an amount written as text, like "250000.00"' })
    .regex(/^\d+(\.\d+)?$/, {
      error:
        'must be a non-negative amount written as text, like "250000.00" (dot for decimals, no thousands separators)',
    })
    .meta({ description });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isoDateText = (description: string) =>
  z
    .string({ error: "must be a date written as YYYY-MM-DD" })
    .regex(ISO_DATE, { error: "must be a date written as YYYY-MM-DD, like 2026-03-31" })
    .meta({ description });

export const currencyCode = z
  .string({ error: "must be a 3-letter ISO 4217 currency code, like USD" })
  .regex(/^[A-Z]{3}$/, { error: "must be a 3-letter ISO 4217 currency code in capitals, like USD or EUR" })
  .meta({ description: "ISO 4217 currency code, like USD, EUR, JPY." });

const wholeDays = (description: string, max = 3650) =>
  z
    .number({ error: "must be a whole number of days" })
    .int({ error: "must be a whole number of days" })
    .min(0, { error: "must not be negative" })
    .max(max, { error: `must be at most ${max} days` })
    .meta({ description });

const text = (description: string, max = 500) =>
  z
    .string({ error: "must be text" })
    .regex(/\S/, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` })
    .meta({ description });

export const TEAMS = ["finance", "procurement", "shared"] as const;
export type Team = (typeof TEAMS)[number];

export const metaSchema = z
  .strictObject({
    organisation: text("Name of the organisation this rule book belongs to.", 200),
    baseCurrency: currencyCode.meta({
      description:
        "Currency of budgets and thresholds unless a budget says otherwise; FX rates are quoted against it.",
    }),
    fiscalYearStart: z
      .string({ error: 'must be a month and day written as MM-DD, like "04-01"' })
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
        error: 'must be a month and day written as MM-DD, like "01-01" or "04-01"',
      })
      .meta({ description: 'First day of the fiscal year as MM-DD ("01-01" for calendar years).' })
      .optional(),
    revision: z
      .number({ error: "must be a whole number that goes up with each edit" })
      .int({ error: "must be a whole number that goes up with each edit" })
      .min(1, { error: "must be 1 or more" })
      .meta({ description: "Revision number; raise it with every edit so clients can tell versions apart." }),
    effectiveDate: isoDateText("Date from which this rule book applies (YYYY-MM-DD)."),
    contractWarningDays: wholeDays(
      "Warn about supplier contracts ending within this many days (default 60).",
      3650,
    ).optional(),
    rounding: z
      .enum(["half-away-from-zero", "half-even"], {
        error: 'must be "half-away-from-zero" (like Excel\'s ROUND, the default) or "half-even"',
      })
      .meta({ description: "How amounts are rounded after currency conversion and percentages." })
      .optional(),
  })
  .meta({ description: "Who this rule book is for and which version it is. Owned by both teams." });

export const budgetActionSchema = z
  .enum(["stop", "warn", "ignore"], {
    error: 'must be "stop" (block the purchase), "warn" or "ignore", in lower case',
  })
  .meta({ description: "What happens when the budget would be exceeded: stop (block), warn or ignore." });

export const budgetSchema = z
  .strictObject({
    costCenter: idSchema.meta({ description: "Cost center code, as in the ERP (for example IT-HW)." }),
    name: text("Readable name of the cost center.", 200).optional(),
    period: z
      .string({
        error: 'must be a period like "FY2026", "FY2026-Q1", "2026-Q1", "2026-11" or "2026-01-01/2026-06-30"',
      })
      .meta({
        description:
          'Budget period: fiscal year "FY2026" (named by the year it ends), fiscal quarter "FY2026-Q1" (from meta.fiscalYearStart), calendar quarter "2026-Q1", month "2026-11", or a range "2026-01-01/2026-06-30".',
      }),
    amount: nonNegativeDecimalText('Budget amount for the period, as text, like "250000.00".'),
    spent: nonNegativeDecimalText("Actuals already booked in the period.").optional(),
    committed: nonNegativeDecimalText("Open commitments (purchase orders not yet invoiced).").optional(),
    figuresAsOf: isoDateText(
      "Day spent and committed were taken (YYYY-MM-DD; the budget publish sets it). Register rows dated on or before it are already in them: they are checked but use no headroom again.",
    ).optional(),
    currency: currencyCode.optional(),
    action: budgetActionSchema,
    categories: z
      .array(idSchema)
      .meta({ description: "Categories this budget may be spent on (optional)." })
      .optional(),
    owner: text("Person or role responsible for this budget.", 200).optional(),
  })
  .meta({ description: "A budget for one cost center and period. Owned by finance." });

export const policyExceptionSchema = z.strictObject({
  category: idSchema.meta({ description: "Category the exception applies to." }),
  minimumNetDays: wholeDays("Minimum days until payment is due for this category."),
});

export const paymentPolicySchema = z
  .strictObject({
    minimumNetDays: wholeDays("Minimum days between invoice and due date that finance accepts."),
    exceptions: z.array(policyExceptionSchema).optional(),
    discountHurdleRatePercent: z
      .number({ error: "must be a number of percent per year, like 12" })
      .min(0, { error: "must not be negative" })
      .max(1000, { error: "must be at most 1000" })
      .meta({
        description:
          "Annual rate (percent) above which an early-payment discount should be taken: forgoing it costs more than this.",
      })
      .optional(),
  })
  .meta({ description: "Payment-term policy. Owned by finance." });

export const approvalSchema = z
  .strictObject({
    atOrAbove: nonNegativeDecimalText("Purchases of this amount or more (base currency) need this approver."),
    role: text('Approver role, like "CFO".', 200),
    categories: z.array(idSchema).meta({ description: "Only for these categories (optional)." }).optional(),
  })
  .meta({ description: "An approval threshold. Owned by finance." });

export const fxRatesSchema = z
  .strictObject({
    asOf: isoDateText("Date the rates were taken (YYYY-MM-DD)."),
    rates: z
      .record(
        currencyCode,
        z
          .string({ error: 'must be a rate written as text, like "1.0850"' })
          .regex(/^\d+(\.\d+)?$/, { error: 'must be a positive rate written as text, like "1.0850"' }),
      )
      .meta({
        description: 'Units of the base currency for one unit of each currency, like {"EUR": "1.0850"}.',
      }),
  })
  .meta({ description: "Exchange rates against the base currency. Owned by finance." });

const termsStructuredSchema = z
  .strictObject({
    due: z.union([
      z.strictObject({ after: z.literal("invoice"), days: wholeDays("Days after the invoice date.") }),
      z.strictObject({
        after: z.literal("end-of-month"),
        days: wholeDays("Days after the end of the invoice month."),
      }),
      z.strictObject({
        dayOfNextMonth: z
          .number({ error: "must be a day of the month, 1 to 31" })
          .int({ error: "must be a day of the month, 1 to 31" })
          .min(1, { error: "must be a day of the month, 1 to 31" })
          .max(31, { error: "must be a day of the month, 1 to 31" }),
      }),
      z.strictObject({ on: z.enum(["receipt", "delivery", "advance"]) }),
    ]),
    discounts: z
      .array(
        z.strictObject({
          percent: z
            .number({ error: "must be a percentage, like 2" })
            .gt(0, { error: "must be more than 0" })
            .lt(100, { error: "must be less than 100" }),
          days: wholeDays("Days within which the discount applies."),
        }),
      )
      .optional(),
  })
  .meta({ description: "Payment terms in structured form (lines modelled on Odoo's payment terms)." });

export const termsSchema = z
  .union([
    z
      .string()
      .min(1, { error: "must not be empty" })
      .max(MAX_TERMS_LENGTH, { error: `must be at most ${MAX_TERMS_LENGTH} characters` })
      .meta({
        description:
          'Payment terms as people write them: "Net 30", "2/10 Net 30", "Net 45 EOM", "Due on receipt".',
      }),
    termsStructuredSchema,
  ])
  .meta({ description: 'Payment terms, as text ("2/10 Net 30") or structured.' });

const DOMAIN = /^[^\s/:@]+(\/[^\s?#]*)?$/;
export const domainSchema = z
  .string({ error: "must be a web domain, like dell.com" })
  .regex(DOMAIN, { error: (issue) => domainFormatMessage(issue.input) })
  .meta({
    description:
      "Web domain (subdomains match too), optionally with a path prefix: business.example.com/buy/.",
  });

export const supplierStatusSchema = z
  .enum(["preferred", "approved", "restricted", "blocked"], {
    error: 'must be "preferred", "approved", "restricted" or "blocked", in lower case',
  })
  .meta({
    description: "preferred: use first; approved: allowed; restricted: needs a reason; blocked: do not buy.",
  });

export const supplierSchema = z
  .strictObject({
    id: idSchema,
    name: text("Legal name of the supplier.", 200),
    aliases: z.array(text("Another name used for this supplier.", 200)).optional(),
    vendorIds: z
      .array(text("Vendor id in the ERP.", 64))
      .meta({ description: "Vendor ids in the ERP or AP system." })
      .optional(),
    domains: z.array(domainSchema).optional(),
    categories: z.array(idSchema).min(1, { error: "must list at least one category" }),
    status: supplierStatusSchema,
    terms: termsSchema.optional(),
    contract: z
      .strictObject({
        id: text("Contract number.", 100),
        starts: isoDateText("Contract start (YYYY-MM-DD).").optional(),
        ends: isoDateText("Contract end (YYYY-MM-DD)."),
      })
      .optional(),
    pageHints: z
      .strictObject({
        price: text("CSS selector of the product price on the supplier's site.").optional(),
        cartTotal: text("CSS selector of the cart total on the supplier's site.").optional(),
        currency: currencyCode.optional(),
      })
      .meta({ description: "Where the browser extension finds prices on this supplier's site." })
      .optional(),
    notes: text("Free text for people.", 2000).optional(),
  })
  .meta({ description: "A supplier. Owned by procurement." });

export const categorySchema = z
  .strictObject({
    id: idSchema,
    name: text("Readable name of the category.", 200),
    parent: idSchema.optional(),
  })
  .meta({ description: "A purchasing category. Owned by procurement." });

export const savingsSchema = z
  .strictObject({
    id: idSchema,
    name: text('Name of the kind of saving, like "Price reduction".', 200),
    definition: text("How this saving is measured, agreed by both teams.", 2000),
    financeRecognises: z
      .boolean({ error: "must be true or false" })
      .meta({ description: "Whether finance counts this kind of saving in its reports." }),
  })
  .meta({ description: "An agreed definition of a cost saving. Owned by both teams." });

/** The sections of a rule book and the teams that may write each. */
export const SECTION_OWNERS = {
  meta: ["finance", "procurement", "shared"],
  budgets: ["finance"],
  paymentPolicy: ["finance"],
  approvals: ["finance"],
  fxRates: ["finance"],
  suppliers: ["procurement"],
  categories: ["procurement"],
  savings: ["finance", "procurement", "shared"],
} as const satisfies Record<string, readonly Team[]>;

export type SectionName = keyof typeof SECTION_OWNERS;
export const SECTION_NAMES = Object.keys(SECTION_OWNERS) as SectionName[];
/** Sections that are lists; several files of the owning team may each contribute entries. */
export const LIST_SECTIONS = new Set<SectionName>([
  "budgets",
  "approvals",
  "suppliers",
  "categories",
  "savings",
]);
