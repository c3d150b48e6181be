import { describe, expect, it } from "vitest";
import { parseTerms } from "../../../shared/terms/parse";
import { MAX_SHOWN } from "../../../shared/text/quote";
import { check, find } from "./fixture";

/*
 * A register cell or a rule-book value can be anything a spreadsheet holds: megabytes of text, escape
 * sequences. What the engine says about it must stay short and printable.
 */
const longest = (messages: string[]) => Math.max(...messages.map((m) => m.length));

describe("long and hostile register cells", () => {
  it("refuses payment terms over 200 characters unread, without echoing them", () => {
    for (const length of [201, 50_000, 1_000_000]) {
      const parsed = parseTerms("Netto ".repeat(Math.ceil(length / 6)).slice(0, length));
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.error.message).toBe(
        `payment terms are ${length} characters long; write them in at most 200, like "2/10 Net 30"`,
      );
      expect(parsed.error.input).toBe("");
    }
    expect(parseTerms("2/10 Net 30 ".repeat(16).slice(0, 200)).ok).toBe(false);
    expect(parseTerms(`${" ".repeat(189)}2/10 Net 30`).ok).toBe(true);
  });

  it("gives no 'did you mean' for a long word, and one for a short typo", () => {
    const typo = parseTerms("Nte 30");
    expect(!typo.ok && typo.error.message).toContain('did you mean "net"');
    const long = parseTerms(`${"n".repeat(25)} 30`);
    expect(!long.ok && long.error.message).not.toContain("did you mean");
  });

  it("clips every echoed value to 80 characters and escapes control characters", () => {
    const huge = "x".repeat(1_000_000);
    const result = check({
      supplier: `${huge}DELL`,
      terms: huge,
      costCenter: huge,
      category: huge,
      amount: huge,
      currency: huge,
    });
    const messages = result.findings.map((f) => f.message);
    expect(messages.length).toBeGreaterThanOrEqual(4);
    expect(longest(messages)).toBeLessThan(MAX_SHOWN + 200);

    const escaped = check({ supplier: "De\u001b[31mll", amount: "1\u001b[2J00.00" });
    const supplier = find(escaped.findings, "supplier.unknown");
    expect(supplier.message).toBe('Supplier "De\\u001b[31mll" is not in the rule book.');
    expect(find(escaped.findings, "row.invalid-amount").message).toContain('"1\\u001b[2J00.00"');
    // eslint-disable-next-line no-control-regex -- what must never get through
    for (const f of escaped.findings) expect(f.message).not.toMatch(/[\u0000-\u001f]/);
  });
});
