import { describe, expect, it } from "vitest";
import {
  ambiguousOrderMessage,
  DateColumnSurvey,
  dateTextToIso,
  orderHint,
  parseDayMonthOrder,
  readDateText,
  type DateReading,
} from "../../../shared/dates/date-text";

const dmy: DateReading = { order: "dmy", system: "1900" };
const mdy: DateReading = { order: "mdy", system: "1900" };
const open: DateReading = { order: undefined, system: "1900" };

function iso(text: string, reading: DateReading): string {
  const r = dateTextToIso(text, reading);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe("dates as exports write them", () => {
  it.each([
    ["2026-11-21", "2026-11-21"],
    ["2026-11-21T00:00:00", "2026-11-21"],
    ["2026-11-21 13:45:10.500", "2026-11-21"],
    ["2026/11/21", "2026-11-21"],
    ["2026.1.5", "2026-01-05"],
    ["21.11.2026", "2026-11-21"],
    ["21.11.2026 00:00:00", "2026-11-21"],
    ["21-Nov-2026", "2026-11-21"],
    ["21 NOV 2026", "2026-11-21"],
    ["21 November 2026", "2026-11-21"],
    ["Nov 21, 2026", "2026-11-21"],
    ["Sept 3, 2026", "2026-09-03"],
    ["46347", "2026-11-21"],
    ["46347.75", "2026-11-21"],
  ])("reads %s as %s, whether or not the column's order is known", (text, expected) => {
    expect(iso(text, open)).toBe(expected);
    expect(iso(text, dmy)).toBe(expected);
    if (!text.includes(".") || text.startsWith("2026")) expect(iso(text, mdy)).toBe(expected);
  });

  it("reads day-month numbers in the column's order, slashes and dashes alike", () => {
    expect(iso("03/04/2026", dmy)).toBe("2026-04-03");
    expect(iso("03/04/2026", mdy)).toBe("2026-03-04");
    expect(iso("03-04-2026", dmy)).toBe("2026-04-03");
    expect(iso("11/21/2026 9:05 AM", mdy)).toBe("2026-11-21");
  });

  it("reads dots day first unless --date-format says otherwise", () => {
    expect(iso("03.04.2026", open)).toBe("2026-04-03");
    expect(iso("04.03.2026", mdy)).toBe("2026-04-03");
  });

  it("returns an ISO date as it is, without a new string", () => {
    const text = "2026-11-21";
    expect(dateTextToIso(text, open)).toEqual({ ok: true, value: text });
  });

  it("says why a date cannot be read", () => {
    const fail = (text: string, reading: DateReading) => {
      const r = readDateText(text, reading);
      return r.ok ? "read" : r.error;
    };
    expect(fail("31/11/2026", dmy)).toBe('"31/11/2026" is not a real date: November 2026 has 30 days');
    expect(fail("11/21/2026", dmy)).toBe('"11/21/2026" is not a real date: there is no month 21');
    expect(fail("03/04/2026", open)).toBe(
      '"03/04/2026" could be 3 April 2026 or 4 March 2026: the column does not say which (--date-format dmy or mdy)',
    );
    expect(fail("21-Noc-2026", open)).toBe('"21-Noc-2026" is not a date: no month is called "Noc"');
    expect(fail("60", open)).toMatch(
      /^"60" is not a date: Excel date serial 60 is 1900-02-29, which never existed/,
    );
    expect(fail("21/11/26", open)).toMatch(
      /is not a date: write it as 2026-11-21, 21\.11\.2026, 21\/11\/2026/,
    );
  });
});

describe("the day/month order of a column", () => {
  it("tells what one value says", () => {
    expect(orderHint("2026-11-21")).toBe("none");
    expect(orderHint("21.11.2026")).toBe("none"); // dots are day first everywhere
    expect(orderHint("21/11/2026")).toBe("day-first");
    expect(orderHint("11/21/2026")).toBe("month-first");
    expect(orderHint("03/04/2026")).toBe("either");
    expect(orderHint("31/11/2026")).toBe("none"); // no real day either way: decides nothing
    expect(orderHint("21-Nov-2026")).toBe("none");
  });

  it("is decided by the first value with a day over 12, and stays so", () => {
    const survey = new DateColumnSurvey();
    for (const [text, line] of [
      ["2026-01-02", 2],
      ["03/04/2026", 3],
      ["31/11/2026", 4],
      ["13/04/2026", 5],
      ["04/13/2026", 6],
    ] as const) {
      survey.add(text, line);
      if (line === 4) expect(survey.done).toBe(false);
    }
    expect(survey.done).toBe(true);
    expect(survey.result()).toEqual({ kind: "decided", order: "dmy", by: { text: "13/04/2026", line: 5 } });
  });

  it("is ambiguous when every value reads either way, keeping three examples for the message", () => {
    const survey = new DateColumnSurvey();
    ["01/02/2026", "03/04/2026", " 05/06/2026 ", "07/08/2026"].forEach((t, i) => survey.add(t, i + 2));
    const found = survey.result();
    expect(found).toEqual({
      kind: "ambiguous",
      examples: [
        { text: "01/02/2026", line: 2 },
        { text: "03/04/2026", line: 3 },
        { text: "05/06/2026", line: 4 },
      ],
    });
    if (found.kind !== "ambiguous") return;
    expect(ambiguousOrderMessage("Invoice Date", found.examples, "line")).toBe(
      'the "Invoice Date" column has dates that read either way, day first or month first, and none has a day over 12 to tell which: "01/02/2026" (line 2), "03/04/2026" (line 3), "05/06/2026" (line 4). For "01/02/2026", --date-format dmy reads 1 February 2026 and --date-format mdy reads 2 January 2026. Say which with --date-format dmy or --date-format mdy.',
    );
  });

  it("needs no order for ISO dates, month names or serials", () => {
    const survey = new DateColumnSurvey();
    ["2026-01-02", "21-Nov-2026", "46347", "21.11.2026"].forEach((t, i) => survey.add(t, i + 2));
    expect(survey.result()).toEqual({ kind: "not-needed" });
  });

  it("takes --date-format as dmy, mdy or a pattern", () => {
    expect(parseDayMonthOrder("dmy")).toEqual({ ok: true, value: "dmy" });
    expect(parseDayMonthOrder("MM/DD/YYYY")).toEqual({ ok: true, value: "mdy" });
    expect(parseDayMonthOrder("ymd").ok).toBe(false);
  });
});
