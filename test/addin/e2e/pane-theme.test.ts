import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contrastRatio, type Rgb } from "../../../shared/color/contrast";
import { dateToExcelSerial } from "../../../shared/dates/excel-serial";
import { parseIsoDate } from "../../../shared/dates/plain-date";
import type { CellValue } from "../../../shared/sheet/cell-values";
import type { OfficeTheme } from "../sim/sim-host";
import { loadRulesByUrl, startHarness, type Harness } from "./pane-harness";

// Every text in the pane reaches WCAG AA (4.5:1) against what is really behind it, in each of
// Office's themes (https://learn.microsoft.com/en-us/javascript/api/office/office.officetheme).
// Microsoft does not publish the colours each theme reports. Colorful, White and Dark Gray are the
// values reported by Office 2016 (OfficeDev/office-ui-fabric-core issue 732): note Dark Gray's light
// controls on a dark body. Black's are plausible values, not measured in Office.
const THEMES: Record<string, OfficeTheme> = {
  colorful: {
    bodyBackgroundColor: "#e6e6e6",
    bodyForegroundColor: "#444444",
    controlBackgroundColor: "#fdfdfd",
    controlForegroundColor: "#444444",
    isDarkTheme: false,
  },
  white: {
    bodyBackgroundColor: "#ffffff",
    bodyForegroundColor: "#444444",
    controlBackgroundColor: "#fdfdfd",
    controlForegroundColor: "#444444",
    isDarkTheme: false,
  },
  "dark gray": {
    bodyBackgroundColor: "#6a6a6a",
    bodyForegroundColor: "#f0f0f0",
    controlBackgroundColor: "#d4d4d4",
    controlForegroundColor: "#262626",
    isDarkTheme: true,
  },
  black: {
    bodyBackgroundColor: "#262626",
    bodyForegroundColor: "#ffffff",
    controlBackgroundColor: "#363636",
    controlForegroundColor: "#ffffff",
    isDarkTheme: true,
  },
};

type Sample = { text: string; where: string; kinds: string[]; fg: Rgb; bg: Rgb };

/**
 * Runs in the page: every visible text node (and the text form controls draw themselves: values,
 * placeholders, the file picker's button) with its computed colour and the colour behind it,
 * found by walking up to the first opaque background and compositing the translucent ones on the
 * way. Disabled controls are left out: WCAG exempts inactive components.
 */
const SAMPLE = `(() => {
  const parse = (s) => {
    const m = /rgba?\\(([^)]*)\\)/.exec(s || "");
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
  const backdrop = (el, first) => {
    const layers = first && first[3] > 0 ? [first] : [];
    for (let e = el; e; e = e.parentElement) {
      if (layers.length && layers[layers.length - 1][3] >= 1) break;
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
    }
    let rgb = [255, 255, 255];
    for (let i = layers.length - 1; i >= 0; i--) rgb = over(layers[i], rgb);
    return rgb;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const hidden = (el) => {
    if (!el.checkVisibility({ checkVisibilityCSS: true }) || el.getClientRects().length === 0) return true;
    for (let d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      if (!d.open && !el.closest("summary")) return true;
    }
    return false;
  };
  const kindsOf = (el) => {
    const k = [];
    const add = (sel, name) => el.closest(sel) && k.push(name);
    add(".error", "error"); add(".error strong", "error-title"); add(".warning", "warning");
    add(".muted", "muted"); add(".badge.block", "badge-block"); add(".badge.warn", "badge-warn");
    add(".badge.info", "badge-info"); add("tr.over td.num", "over-budget"); add("button.primary", "primary");
    add("[role=tab]", "tab"); add("summary", "summary"); add("[data-testid=flagged]", "flagged");
    add("[data-testid=io-stats]", "io-stats"); add("textarea", "textarea"); add("a", "link");
    return k;
  };
  const where = (el) => {
    const t = el.closest("[data-testid]");
    return el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") +
      (t ? " in " + t.getAttribute("data-testid") : "");
  };
  const out = [];
  const push = (el, text, fgText, first, extra) => {
    const bg = backdrop(el, first);
    const fg = parse(fgText);
    const o = opacity(el) * fg[3];
    out.push({ text: text.slice(0, 60), where: where(el) + (extra || ""), kinds: kindsOf(el),
      fg: [0, 1, 2].map((i) => Math.round(fg[i] * o + bg[i] * (1 - o))), bg: bg.map(Math.round) });
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent.trim() || el.closest("script, style, option, select, textarea")) continue;
    if (el.closest(":disabled") || hidden(el)) continue;
    push(el, n.textContent.trim(), getComputedStyle(el).color);
  }
  for (const el of document.querySelectorAll("input, select, textarea")) {
    // Boxes, dots and sliders draw no text.
    if (["hidden", "checkbox", "radio", "range", "color"].includes(el.type) || el.disabled || hidden(el)) continue;
    push(el, el.value || el.type, getComputedStyle(el).color, parse(getComputedStyle(el).backgroundColor));
    if (el.placeholder && !el.value) {
      const ph = getComputedStyle(el, "::placeholder");
      push(el, el.placeholder, ph.color, parse(getComputedStyle(el).backgroundColor), "::placeholder");
    }
    if (el.type === "file") {
      const b = getComputedStyle(el, "::file-selector-button");
      push(el, "file button", b.color, parse(b.backgroundColor), "::file-selector-button");
    }
  }
  return out;
})()`;

const samples = (page: Page) => page.evaluate(SAMPLE) as Promise<Sample[]>;

/** Texts below 4.5:1, described so a failure says which and where. */
function belowAA(list: Sample[]): string[] {
  return list
    .map((s) => ({ ...s, ratio: contrastRatio(s.fg, s.bg) }))
    .filter((s) => s.ratio < 4.5)
    .map(
      (s) => `${s.ratio.toFixed(2)}:1 "${s.text}" (${s.where}) rgb(${s.fg.join()}) on rgb(${s.bg.join()})`,
    );
}

const kinds = (list: Sample[]) => new Set(list.flatMap((s) => s.kinds));

const serial = (iso: string) =>
  dateToExcelSerial((parseIsoDate(iso) as { ok: true; value: number }).value, "1900");
const HEADER = [
  "PO Number",
  "Invoice Date",
  "Vendor",
  "Vendor ID",
  "Cost Center",
  "Category",
  "Amount",
  "Currency",
  "Payment Terms",
];
/** Over IT-HW's budget (blocked), a blocked supplier, a supplier not preferred (warned), one ok. */
const ROWS: CellValue[][] = [
  ["PO-1", serial("2026-09-01"), "Dell", 10042, "IT-HW", "it-hardware", 500000, "USD", "Net 10"],
  [
    "PO-2",
    serial("2026-09-01"),
    "GadgetZone Online GmbH",
    10240,
    "IT-HW",
    "it-hardware",
    120,
    "USD",
    "Net 30",
  ],
  [
    "PO-3",
    serial("2026-09-02"),
    "Kantoorhuis B.V.",
    20011,
    "EU-OPS",
    "office-supplies",
    70.41,
    "EUR",
    "Net 30",
  ],
  ["PO-4", serial("2026-09-01"), "Steelcase", 10150, "FAC", "furniture", 1885.69, "USD", "Net 45"],
];
const BUDGETS: CellValue[][] = [
  ["Cost center", "Period", "Amount", "Action"],
  ["IT-HW", "FY2026", 1250000, "stop"],
];
const BAD_BUDGETS: CellValue[][] = [
  ["Cost center", "Period", "Amount", "Action"],
  ["FAC", 46327, "12,5x", "halt"],
];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const selectSheet = (page: Page, sheet: string) =>
  page.evaluate((name) => {
    const wb = (window as unknown as { __sim: { host: { workbook: Record<string, unknown> } } }).__sim.host
      .workbook as { selection: unknown; sheet(n: string): unknown };
    wb.selection = { sheet: wb.sheet(name), rect: { row: 1, col: 0, rows: 1, cols: 1 } };
  }, sheet);

/** Puts the pane into states that show every kind of text, asserting AA in each. */
async function everyTextReadable(page: Page, round: number): Promise<void> {
  await loadRulesByUrl(page, harness.baseUrl);
  // The same revision with other content: loaded, with a warning.
  const finance = harness.rules.files.get("finance.json")!;
  harness.rules.files.set(
    "finance.json",
    finance.replace(/"owner": "Facilities Manager[^"]*"/, `"owner": "Facilities Manager ${round}"`),
  );
  await page.getByTestId("rules-url-load").click();
  await page.getByTestId("rule-revision-warning").waitFor();
  // A broken file: an error box, the rule book above stays in use.
  await page.getByTestId("rules-file").setInputFiles({
    name: "finance.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"schemaVersion": 1, "budgets": [{"amout": 1}]}'),
  });
  await page.getByTestId("rule-errors").waitFor();
  await page.getByTestId("check").click();
  await page.getByTestId("check-status").waitFor();

  let seen = await samples(page);
  expect(belowAA(seen)).toEqual([]);
  for (const k of [
    "error",
    "error-title",
    "warning",
    "muted",
    "badge-block",
    "badge-warn",
    "over-budget",
    "tab",
    "primary",
  ]) {
    expect(kinds(seen), k).toContain(k);
  }
  // Every finding of a flagged row and the request figures, opened.
  await page.getByTestId("flagged-expand").first().click();
  await page.getByTestId("io-details").locator("summary").click();
  seen = await samples(page);
  expect(belowAA(seen)).toEqual([]);
  expect(kinds(seen)).toContain("io-stats");
  expect(seen.some((s) => s.where.includes("flagged-findings"))).toBe(true);

  // Publish: a budget table that cannot be published (error), then one that can (preview, download).
  await page.getByTestId("tab-publish").click();
  await selectSheet(page, "Plan");
  await page.getByTestId("budget-find").click();
  await page.getByTestId("budget-address").waitFor();
  await page.getByTestId("budget-preview").click();
  await page.getByTestId("publish-error").waitFor();
  seen = await samples(page);
  expect(belowAA(seen)).toEqual([]);
  expect(kinds(seen)).toContain("error");

  await selectSheet(page, "Budgets");
  await page.getByTestId("budget-find").click();
  await page.getByTestId("budget-preview").click();
  await page.getByTestId("diff").waitFor();
  await page.getByTestId("publish-download").click();
  await page.getByTestId("publish-file-note").waitFor();
  seen = await samples(page);
  expect(belowAA(seen)).toEqual([]);
  expect(kinds(seen)).toContain("textarea");
}

describe("the task pane in Office's themes", () => {
  const seed = {
    sheets: [
      { name: "AP", rows: [HEADER, ...ROWS], table: "Register" },
      { name: "Budgets", rows: BUDGETS, table: "BudgetTable" },
      { name: "Plan", rows: BAD_BUDGETS, table: "Plan" },
    ],
    use1904: false,
  };

  Object.entries(THEMES).forEach(([name, theme], round) => {
    it(`every text reaches 4.5:1 in the ${name} theme`, async () => {
      const page = await harness.openPane(seed, { theme });
      // The pane takes the host's body colour as it is.
      const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const hex = theme.bodyBackgroundColor;
      expect(body).toBe(`rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(", ")})`);
      await everyTextReadable(page, round);
      await page.close();
    }, 90_000);
  });

  it("every text reaches 4.5:1 with no Office theme, in the system's dark mode", async () => {
    const page = await harness.openPane(seed);
    await page.emulateMedia({ colorScheme: "dark" });
    await everyTextReadable(page, 10);
    await page.close();
  }, 90_000);
});
