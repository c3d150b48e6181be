import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startRulesServer,
  startSiteServer,
  type RulesServer,
  type RunningServer,
} from "./helpers/fixture-servers";
import {
  hookText,
  launchHeadroom,
  OptionsPage,
  overlayFrame,
  waitForHook,
  type HeadroomBrowser,
} from "./helpers/headroom-browser";

// The rule book as the buyer's browser meets it over time: unchanged (304), changed, and broken in
// the ways real hosts break. rules-v1 leaves 25,000.00 USD on IT-HW; rules-v2 (revision 8) spends
// 5,000.00 more. The Dell cart page's total is 2,340.00.

let browser: HeadroomBrowser;
let sites: RunningServer;
let rules: RulesServer;
let options: OptionsPage;
let supplierPage: Page;
let frame: Frame;

beforeAll(async () => {
  [sites, rules] = await Promise.all([startSiteServer(), startRulesServer()]);
  browser = await launchHeadroom();
  options = await OptionsPage.open(browser.context, browser.extensionId);
  await options.setRulesUrl(rules.url);
  await options.refresh();
  await options.waitForRevision(7);
  await options.setDefaultCostCenter("IT-HW");
  supplierPage = await browser.context.newPage();
  await supplierPage.goto(`http://www.dell.com:${sites.port}/cart-json-ld.html`);
  frame = await overlayFrame(supplierPage);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([sites?.close(), rules?.close()]);
});

/** Refreshes from the options page and waits for the rules server to have answered. */
async function refreshAndWait(): Promise<void> {
  const before = rules.log.length;
  await options.refresh();
  await expect.poll(() => rules.log.length, { timeout: 10_000 }).toBeGreaterThan(before);
  await options.page.waitForTimeout(300);
}

describe("rule-book refresh", () => {
  it("starts from the first rule book, in the options page and the overlay", async () => {
    expect(await options.revision()).toBe("7");
    expect(await hookText(frame, "headroom-remaining")).toContain("25,000.00");
    expect(await waitForHook(frame, "headroom-after-purchase", /22,660\.00/)).toContain("2,340.00");
    expect(await hookText(frame, "headroom-rule-book")).toMatch(/revision 7/);
  });

  it("an unchanged file costs a 304 and changes nothing", async () => {
    await refreshAndWait();
    expect(rules.log.at(-1)).toEqual({ ifNoneMatch: '"rules-v1"', status: 304 });
    expect(await options.revision()).toBe("7");
    expect(await options.page.getByTestId("rules-error").count()).toBe(0);
    expect(await hookText(frame, "headroom-remaining")).toContain("25,000.00");
  });

  it("a changed file is used at once, and the open overlay updates", async () => {
    rules.setMode("v2");
    await refreshAndWait();
    expect(rules.log.at(-1)?.status).toBe(200);
    await options.waitForRevision(8);
    expect(await waitForHook(frame, "headroom-remaining", /20,000\.00/)).toContain("20,000.00 USD left");
    expect(await waitForHook(frame, "headroom-after-purchase", /17,660\.00/)).toContain("17,660.00");
    expect(await waitForHook(frame, "headroom-rule-book", /revision 8/)).toMatch(/revision 8/);
  });

  it.each([
    ["server-error", /500/],
    ["login-page", /./],
    ["truncated", /./],
  ] as const)("a %s keeps the last good rule book and shows the error", async (mode, message) => {
    rules.setMode(mode);
    await refreshAndWait();
    const error = options.page.getByTestId("rules-error");
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).toMatch(message);
    expect(await options.revision()).toBe("8");
    // The overlay keeps the last good figures and says the refresh failed.
    expect(await waitForHook(frame, "headroom-rules-error", /failed/)).toMatch(/last good rule book/);
    expect(await hookText(frame, "headroom-remaining")).toContain("20,000.00");
  });

  it("a redirect to another origin is refused, naming both addresses; the last good rule book stays", async () => {
    rules.setMode("redirect-away");
    await refreshAndWait();
    expect(rules.log.at(-1)?.status).toBe(302);
    const error = options.page.getByTestId("rules-error");
    await expect
      .poll(() => error.textContent(), { timeout: 10_000 })
      .toMatch(/redirected the rule book to another server, which Headroom does not follow/);
    const text = (await error.textContent()) ?? "";
    expect(text).toContain(`URL: ${rules.url}`);
    expect(text).toContain(`Redirected to: ${rules.elsewhereUrl}`);
    // The browser followed (nothing can look before it does), but revision 9 from there is not taken.
    expect(rules.elsewhereRequests()).toBeGreaterThan(0);
    expect(await options.revision()).toBe("8");
    expect(await waitForHook(frame, "headroom-rules-error", /failed/)).toMatch(/last good rule book/);
    expect(await hookText(frame, "headroom-rule-book")).toMatch(/revision 8/);
  });

  it("an older revision is refused: the panel keeps the newer one, the options page says so, and a confirmed reset takes it", async () => {
    // rules-v1 is revision 7; revision 8 is in use.
    rules.setMode("v1");
    await refreshAndWait();
    expect(rules.log.at(-1)?.status).toBe(200);
    const error = options.page.getByTestId("rules-error");
    await expect
      .poll(() => error.textContent(), { timeout: 10_000 })
      .toMatch(/The server now serves revision 7, older than revision 8 in use\./);
    expect(await error.textContent()).toMatch(
      /If going back to revision 7 is intended, reset the highest revision/,
    );
    expect(await options.revision()).toBe("8");
    expect(await options.page.getByTestId("rules-highest").textContent()).toMatch(
      /Highest revision taken from .*: 8\. Headroom never goes back .*; it just refused one/,
    );
    expect(await waitForHook(frame, "headroom-rules-error", /older than revision 8/)).toMatch(
      /last good rule book/,
    );
    expect(await hookText(frame, "headroom-remaining")).toContain("20,000.00");
    expect(await hookText(frame, "headroom-rule-book")).toMatch(/revision 8/);

    // The reset asks first, then takes what the server serves: revision 7, in the panel too.
    await options.page.getByTestId("reset-revision").click();
    await options.page.getByTestId("reset-revision-confirm").click();
    await options.waitForRevision(7);
    expect(await options.page.getByTestId("rules-error").count()).toBe(0);
    expect(await waitForHook(frame, "headroom-remaining", /25,000\.00/)).toContain("25,000.00");
    expect(await waitForHook(frame, "headroom-rule-book", /revision 7/)).toMatch(/revision 7/);
  });
});
