import { formatIsoDate } from "../../shared/dates/plain-date";
import { discountCosts, roundRate } from "../../shared/terms/discount-cost";
import { describeTermsError, formatTerms, parseTerms } from "../../shared/terms/parse";
import { dueDate, netDays } from "../../shared/terms/schedule";
import { dateOption, parseCommandArgs, TODAY_NOTE } from "../args";
import { EXIT, UsageError, type Command } from "../usage";

const help = `Usage: headroom terms "<terms>" [--date YYYY-MM-DD] [--json]

Reads payment terms as people write them and works out the due date, the discount deadlines and
what forgoing each discount costs as an annual rate (simple: d/(1-d) x 365/(N-D), and compounded).

  headroom terms "2/10 Net 30" --date 2026-01-31

Understands: Net 30, N30, 30 days, 2/10 Net 30, 2% 10 Net 30, 2/10, 1/20, Net 45, Net 30 EOM, EOM,
10 EOM, 30 days end of month, 15th of the following month, Due on receipt, COD, CIA, Prepaid.

Options:
  --date   invoice date (default: today, UTC)
  --json   print {"terms", "netDays", "dueDate", "discounts": [{"percent", "days", "deadline",
           "simpleApr", "effectiveApr"}]} with rates as fractions rounded to 4 decimals

Exit codes: 0 understood, 1 not understood, 2 usage error.`;

export const termsCommand: Command = {
  name: "terms",
  summary: "work out due date and discount cost of payment terms",
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { date: { type: "string" }, json: { type: "boolean" } },
      help,
    );
    if (positionals.length !== 1) {
      throw new UsageError(
        'terms needs the terms as one argument, in quotes: headroom terms "2/10 Net 30"',
        help,
      );
    }
    const input = positionals[0]!;
    const invoice = dateOption(values.date, "--date", io.now, help);
    const parsed = parseTerms(input);
    if (!parsed.ok) return { code: EXIT.problems, stderr: describeTermsError(parsed.error) + "\n" };
    const terms = parsed.value;
    const due = dueDate(terms, invoice);
    const discounts = discountCosts(terms, invoice).map((d) => ({
      percent: d.percent,
      days: d.days,
      deadline: formatIsoDate(d.deadline ?? invoice),
      simpleApr: finiteRate(d.simpleApr),
      effectiveApr: finiteRate(d.effectiveApr),
    }));
    const report = { terms: input, netDays: netDays(terms, invoice), dueDate: formatIsoDate(due), discounts };
    if (values.json) return { code: EXIT.ok, stdout: JSON.stringify(report) + "\n", stdoutIsData: true };

    const lines = [
      `Terms         ${formatTerms(terms)}${formatTerms(terms) === input.trim() ? "" : `  (from "${input}")`}`,
      `Invoice date  ${formatIsoDate(invoice)}${values.date === undefined ? ` (${TODAY_NOTE("--date")})` : ""}`,
      `Due date      ${report.dueDate} (${report.netDays} days)`,
      ...discounts.map(
        (d) =>
          `Discount      ${d.percent}% if paid by ${d.deadline}; forgoing it costs ${percentText(d.simpleApr)} a year simple, ` +
          `${percentText(d.effectiveApr)} compounded`,
      ),
    ];
    return { code: EXIT.ok, stdout: lines.join("\n") + "\n" };
  },
};

/** JSON has no Infinity: a discount that leaves no days to wait is reported as null. */
function finiteRate(rate: number): number | null {
  return Number.isFinite(rate) ? roundRate(rate) : null;
}

function percentText(rate: number | null): string {
  return rate === null ? "without limit" : `${(rate * 100).toFixed(2)}%`;
}
