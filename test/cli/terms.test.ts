import { describe, expect, it } from "vitest";
import { runHeadroom } from "../helpers/cli";

describe("headroom terms", () => {
  it("prints exactly the documented JSON", async () => {
    const r = await runHeadroom(["terms", "2/10 Net 30", "--date", "2026-01-31", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      JSON.stringify({
        terms: "2/10 Net 30",
        netDays: 30,
        dueDate: "2026-03-02",
        discounts: [
          { percent: 2, days: 10, deadline: "2026-02-10", simpleApr: 0.3724, effectiveApr: 0.4459 },
        ],
      }) + "\n",
    );
  });

  it("works out end-of-month terms from the invoice date", async () => {
    const r = await runHeadroom(["terms", "Net 45 EOM", "--date", "2028-02-10", "--json"]);
    expect(JSON.parse(r.stdout)).toEqual({
      terms: "Net 45 EOM",
      netDays: 64,
      dueDate: "2028-04-14",
      discounts: [],
    });
  });

  it("explains the result in words without --json", async () => {
    const r = await runHeadroom(["terms", "2% 10 net 30", "--date", "2026-06-01"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Due date\s+2026-07-01 \(30 days\)/);
    expect(r.stdout).toMatch(
      /2% if paid by 2026-06-11; forgoing it costs 37\.24% a year simple, 44\.59% compounded/,
    );
  });

  it("says when the invoice date is today's because none was given", async () => {
    const assumed = await runHeadroom(["terms", "Net 30"]);
    expect(assumed.stdout).toMatch(
      /^Invoice date {2}\d{4}-\d{2}-\d{2} \(today, UTC: --date sets another day\)$/m,
    );
    const given = await runHeadroom(["terms", "Net 30", "--date", "2026-06-01"]);
    expect(given.stdout).toMatch(/^Invoice date {2}2026-06-01$/m);
  });

  it("uses today when no date is given", async () => {
    const r = await runHeadroom(["terms", "Net 30", "--json"]);
    const today = new Date().toISOString().slice(0, 10);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { dueDate: string };
    expect(new Date(body.dueDate).getTime() - new Date(today).getTime()).toBe(30 * 86_400_000);
  });

  it("exits 1 and points at the part it did not understand", async () => {
    const r = await runHeadroom(["terms", "Net 3O"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("3O");
    expect(r.stderr).toMatch(/\n\s*Net 3O\n\s*\^\^/);
  });

  it("exits 2 for a bad --date", async () => {
    const r = await runHeadroom(["terms", "Net 30", "--date", "2026-02-30"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--date: .*not a real date/);
  });
});
