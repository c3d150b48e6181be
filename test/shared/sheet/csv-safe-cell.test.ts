import { describe, expect, it } from "vitest";
import { csvSafeCell, looksLikeFormula } from "../../../shared/sheet/safe-cell-text";

describe("CSV cells a spreadsheet would run as formulas", () => {
  it.each([
    '=HYPERLINK("http://x","pay")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\tcmd",
    "\rcmd",
    "-25 EUR+1",
    "-A1",
    "＝1+1",
  ])("neutralises %j with a single quote in front", (cell) => {
    expect(looksLikeFormula(cell)).toBe(true);
    expect(csvSafeCell(cell)).toBe("'" + cell);
  });

  it.each([
    "-25.00",
    "+3",
    "-1.234,56",
    "-1 234,56",
    "-25.00 EUR",
    "-€1,234.50",
    "-",
    "Dell",
    "",
    "'=already quoted",
    "1-2",
  ])("leaves %j as it is (numbers stay numbers)", (cell) => {
    expect(looksLikeFormula(cell)).toBe(false);
    expect(csvSafeCell(cell)).toBe(cell);
  });
});
