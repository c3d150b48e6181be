import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/sheet/cell-values";
import { exampleRulesDir } from "../../helpers/rule-files";
import { registerRows } from "../register";
import { startHarness, type Harness } from "./pane-harness";

// The rule book comes from an intranet server on another origin than the add-in, as in Excel: the
// browser's CORS checks, the credentials mode, ETag exposure and the preflights for If-None-Match
// and If-Match are Chromium's own. Each test sets how the server answers (`harness.rules.cors`).

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
  // The analyst is signed in to the intranet: the browser holds its cookie. Whether it is sent is
  // the pane's choice.
  await harness.signIn();
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(() => {
  harness.rules.requests = [];
  harness.rules.preflights = [];
});

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").trim();
const seed = () => {
  const { header, rows } = registerRows(5);
  return { sheets: [{ name: "AP", rows: [header, ...rows], table: "Register" }], use1904: false };
};
const clickLoad = async (page: Page) => {
  await page.getByTestId("rules-url-load").click();
  await page.getByTestId("rules-url-load").and(page.locator(":enabled")).waitFor();
};
const openWithUrl = async () => {
  const page = await harness.openPane(seed());
  await page.getByTestId("rules-url").fill(harness.rulesUrl);
  return page;
};

describe("the rule book from a server on another origin", () => {
  it("loads from a server that allows any origin (*) without sending cookies, and refreshes with 304s", async () => {
    harness.rules.cors = "any";
    const page = await openWithUrl();
    expect(await page.getByTestId("rules-url-cookies").isChecked()).toBe(false);
    await clickLoad(page);
    // Sending credentials to a server that answers `*` is refused by the browser: this loads only
    // because nothing is sent.
    expect(await page.getByTestId("rule-errors").count()).toBe(0);
    expect(await text(page, "rule-revision")).toBe("14");
    expect(harness.rules.requests.map((r) => [r.name, r.status, r.cookie])).toEqual([
      ["rules.json", 200, false],
      ["finance.json", 200, false],
      ["procurement.json", 200, false],
      ["shared.json", 200, false],
    ]);

    // The main view names the file and its server; the address is behind a disclosure.
    const host = new URL(harness.rulesUrl).host;
    expect(await text(page, "rule-source")).toBe(`From rules.json on ${host}`);
    expect(await page.getByTestId("rule-source-url").isVisible()).toBe(false);
    await page.getByTestId("rule-source-details").locator("summary").click();
    expect(await text(page, "rule-source-url")).toBe(harness.rulesUrl);
    expect(await page.getByTestId("rule-no-etag").count()).toBe(0);

    // Refresh asks for changes only: the browser asks the server first (a preflight for
    // If-None-Match), then every file answers 304 and the pane says nothing changed.
    harness.rules.requests = [];
    await clickLoad(page);
    await page.getByTestId("rule-note").waitFor();
    expect(await text(page, "rule-note")).toBe("Unchanged since the last load.");
    expect(harness.rules.requests.map((r) => [r.name, r.status, r.ifNoneMatch])).toEqual(
      ["rules.json", "finance.json", "procurement.json", "shared.json"].map((n) => [
        n,
        304,
        harness.rules.etag(n),
      ]),
    );
    expect(harness.rules.preflights.length).toBeGreaterThan(0);
    for (const p of harness.rules.preflights) expect(p.headers.toLowerCase()).toContain("if-none-match");
    await page.close();
  });

  it("says what IT must configure when the server does not allow the request (CORS)", async () => {
    // Cookies ticked, but the server answers `*`: the browser refuses the answer to the page.
    harness.rules.cors = "any";
    const page = await openWithUrl();
    await page.getByTestId("rules-url-cookies").check();
    await clickLoad(page);
    await page.getByTestId("rule-errors").waitFor();
    const errors = await text(page, "rule-errors");
    expect(errors).toContain(
      "did not allow this add-in to read its answer (the browser's cross-origin check, CORS)",
    );
    const pane = new URL(harness.baseUrl).origin;
    expect(errors).toContain(
      `Access-Control-Allow-Origin: ${pane} (named; * is refused when cookies are sent)`,
    );
    expect(errors).toContain("Access-Control-Allow-Credentials: true");
    expect(errors).toContain("Access-Control-Allow-Headers: If-None-Match, If-Match, Content-Type");
    expect(errors).toContain("Access-Control-Expose-Headers: ETag");
    expect(errors).toContain("Local Network Access");
    expect(await page.getByTestId("rule-revision").count()).toBe(0);
    await page.close();
  });

  it("sends the sign-in cookie only when the analyst ticks the setting, and publishes with it", async () => {
    harness.rules.cors = "credentials";
    const budgets = JSON.parse(readFileSync(join(exampleRulesDir, "finance.json"), "utf8")) as {
      budgets: { costCenter: string; period: string; amount: string; action: string }[];
    };
    const budgetRows: CellValue[][] = [
      ["Cost center", "Period", "Amount", "Action"],
      ...budgets.budgets.map((b) => [
        b.costCenter,
        b.period,
        b.costCenter === "IT-HW" ? 1250000 : Number(b.amount),
        b.action,
      ]),
    ];
    const page = await harness.openPane({
      sheets: [{ name: "Budgets", rows: budgetRows, table: "BudgetTable" }],
      use1904: false,
    });
    await page.getByTestId("rules-url").fill(harness.rulesUrl);

    // By default no cookie goes: the server answers 401 and the pane says what to do.
    await clickLoad(page);
    await page.getByTestId("rule-errors").waitFor();
    expect(await text(page, "rule-errors")).toContain(
      'answered 401 Unauthorized. The server wants you signed in: tick "Send my sign-in cookies to this server" and load again.',
    );
    expect(harness.rules.requests).toMatchObject([{ name: "rules.json", status: 401, cookie: false }]);

    await page.getByTestId("rules-url-cookies").check();
    await clickLoad(page);
    await page.getByTestId("rule-revision").waitFor();
    expect(await page.getByTestId("rule-errors").count()).toBe(0);
    expect(harness.rules.requests.slice(1).every((r) => r.cookie && r.status === 200)).toBe(true);
    await page.getByTestId("rule-source-details").locator("summary").click();
    expect(await text(page, "rule-source-details")).toContain("Loaded with your sign-in cookies.");

    // Save to URL: a PUT with If-Match, after a preflight that allowed it, with the same cookie.
    const before = Number(await text(page, "rule-revision"));
    await page.getByTestId("tab-publish").click();
    await page.getByTestId("budget-find").click();
    await page.getByTestId("budget-preview").click();
    await page.getByTestId("diff").waitFor();
    harness.rules.requests = [];
    harness.rules.preflights = [];
    await page.getByTestId("publish-put").click();
    await page.getByTestId("publish-note").waitFor();
    expect(await text(page, "publish-note")).toContain(`Saved as revision ${before + 1}.`);
    const puts = harness.rules.requests.filter((r) => r.method === "PUT");
    expect(puts.map((r) => [r.name, r.status, r.cookie, r.ifMatch !== null])).toEqual([
      ["finance.json", 200, true, true],
      ["shared.json", 200, true, true],
    ]);
    expect(harness.rules.preflights.map((p) => p.method)).toEqual(["PUT", "PUT"]);
    for (const p of harness.rules.preflights) expect(p.headers.toLowerCase()).toContain("if-match");
    // The new ETags were readable (exposed), so a refresh right after asks for changes only.
    harness.rules.requests = [];
    await page.getByTestId("tab-check").click();
    await clickLoad(page);
    await page.getByTestId("rule-note").waitFor();
    expect(await text(page, "rule-note")).toBe("Unchanged since the last load.");
    expect(harness.rules.requests.every((r) => r.status === 304 && r.cookie)).toBe(true);
    await page.close();
  });

  it("says honestly what a server that hides its ETag cannot do: ask for changes only, or guard a save", async () => {
    harness.rules.cors = "no-expose";
    const budgetRows: CellValue[][] = [
      ["Cost center", "Period", "Amount", "Action"],
      ["IT-HW", "FY2026", 1300000, "stop"],
    ];
    const page = await harness.openPane({
      sheets: [{ name: "Budgets", rows: budgetRows, table: "BudgetTable" }],
      use1904: false,
    });
    await page.getByTestId("rules-url").fill(harness.rulesUrl);
    await clickLoad(page);
    await page.getByTestId("rule-revision").waitFor();
    await page.getByTestId("rule-no-etag").waitFor();
    expect(await text(page, "rule-no-etag")).toMatch(
      /gave no ETag the add-in can read, so Refresh cannot ask for changes only .* and Save to URL is refused.*Access-Control-Expose-Headers/s,
    );

    // Refresh: the pane has no ETag to send, so it sends no If-None-Match (no preflight) and
    // cannot say the rule book is unchanged.
    await clickLoad(page);
    expect(harness.rules.preflights).toEqual([]);
    expect(await page.getByTestId("rule-note").count()).toBe(0);
    expect(await page.getByTestId("rule-no-etag").count()).toBe(1);

    // Save to URL is refused before anything is sent, and says why.
    await page.getByTestId("tab-publish").click();
    await page.getByTestId("budget-find").click();
    await page.getByTestId("budget-preview").click();
    await page.getByTestId("diff").waitFor();
    const puts = harness.rules.puts.length;
    await page.getByTestId("publish-put").click();
    await page.getByTestId("publish-error").waitFor();
    expect(await text(page, "publish-error")).toMatch(
      /loaded without an ETag Headroom could read.*Access-Control-Expose-Headers/s,
    );
    expect(harness.rules.puts.length).toBe(puts);
    await page.close();
  });
});
