import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/sheet/cell-values";
import { loadRulesByUrl, startHarness, type Harness } from "./pane-harness";

// Download and copy say only what happened. Excel on the web can refuse the Clipboard API (its
// frame's permissions policy) and Excel on Mac saves nothing from a download, so each changed file's
// text is also offered in a read-only box to select and copy by hand.

/** A budget table; each test gives another amount, so every preview has a change to publish. */
const budgets = (amount: number): CellValue[][] => [
  ["Cost center", "Period", "Amount", "Action"],
  ["IT-HW", "FY2026", amount, "stop"],
];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A pane with a publish preview of the budget table (finance.json and shared.json change). */
async function previewed(amount: number): Promise<Page> {
  const page = await harness.openPane({
    sheets: [{ name: "Budgets", rows: budgets(amount), table: "BudgetTable" }],
    use1904: false,
  });
  await loadRulesByUrl(page, harness.baseUrl);
  await page.getByTestId("tab-publish").click();
  await page.getByTestId("budget-find").click();
  await page.getByTestId("budget-preview").click();
  await page.getByTestId("diff").waitFor();
  return page;
}

const byFile = (page: Page, testId: string, file: string) =>
  page.locator(
    `[data-testid=${testId}][data-file$="/${file}"], [data-testid=${testId}][data-file="${file}"]`,
  );

/** The text the pane saves to the server: what the file holds once published. */
async function savedText(page: Page, file: string): Promise<string> {
  await page.getByTestId("publish-put").click();
  await page.getByTestId("publish-note").waitFor();
  expect(await page.getByTestId("publish-note").textContent()).toContain("Saved as revision");
  return harness.rules.files.get(file)!;
}

describe("taking the published files away", () => {
  it("says the clipboard was blocked and offers the file's whole text, selected, to copy by hand", async () => {
    const page = await previewed(1_250_000);
    // As in Excel on the web when the pane's frame may not use the clipboard.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () =>
        Promise.reject(
          new DOMException(
            "The Clipboard API has been blocked because of a permissions policy applied to the current document.",
            "NotAllowedError",
          ),
        );
    });
    await byFile(page, "publish-copy", "finance.json").click();
    const note = page.getByTestId("publish-file-note");
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^Could not copy finance\.json: the clipboard is blocked here/);
    expect(await note.textContent()).toContain("Ctrl+C (Cmd+C on a Mac)");
    expect(await note.textContent()).not.toMatch(/copied/i);

    const box = byFile(page, "publish-text", "finance.json");
    expect(await box.isVisible()).toBe(true);
    expect(await box.getAttribute("readonly")).not.toBeNull();
    const text = await box.inputValue();
    // Focused and wholly selected, ready for Ctrl+C.
    const selected = () =>
      page.evaluate(() => {
        const a = document.activeElement as HTMLTextAreaElement;
        return [a.dataset["testid"], a.selectionStart, a.selectionEnd];
      });
    expect(await selected()).toEqual(["publish-text", 0, text.length]);
    // Select all does the same after the analyst clicked elsewhere.
    await page.getByTestId("diff").click();
    await byFile(page, "publish-select-all", "finance.json").click();
    expect(await selected()).toEqual(["publish-text", 0, text.length]);
    // Only the file it was asked for; the other stays folded.
    expect(await byFile(page, "publish-text", "shared.json").count()).toBe(0);
    expect(JSON.parse(text)).toMatchObject({ team: "finance" });
    // Exactly the file: the same text the pane then saves to the server.
    expect(await savedText(page, "finance.json")).toBe(text);
    await page.close();
  });

  it("says it copied when the clipboard took the file, and the clipboard holds exactly it", async () => {
    await harness.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: harness.baseUrl,
    });
    const page = await previewed(1_260_000);
    await page.bringToFront();
    await byFile(page, "publish-copy", "shared.json").click();
    const note = page.getByTestId("publish-file-note");
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^Copied shared\.json to the clipboard/);
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    // No box forced open when the copy worked; it can still be shown.
    expect(await byFile(page, "publish-text", "shared.json").count()).toBe(0);
    await byFile(page, "publish-show", "shared.json").click();
    expect(await byFile(page, "publish-show", "shared.json").getAttribute("aria-expanded")).toBe("true");
    expect(await byFile(page, "publish-text", "shared.json").inputValue()).toBe(clip);
    expect(await savedText(page, "shared.json")).toBe(clip);
    await harness.context.clearPermissions();
    await page.close();
  });

  it("after a download says only that the browser was asked, and shows every file's text", async () => {
    const page = await previewed(1_270_000);
    await page.getByTestId("publish-download").click();
    const note = (await page.getByTestId("publish-file-note").textContent())!;
    expect(note).toMatch(/^Your browser was asked to save finance\.json and shared\.json\./);
    expect(note).toContain(
      "If no file appears (Excel on Mac saves none), copy the text from the boxes below",
    );
    expect(note).not.toMatch(/downloaded/i);
    const boxes = page.getByTestId("publish-text");
    expect(await boxes.count()).toBe(2);
    const texts = await boxes.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    expect(texts.map((t) => (JSON.parse(t) as { team: string }).team)).toEqual(["finance", "shared"]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.close();
  });
});
