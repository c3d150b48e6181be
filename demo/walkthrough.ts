import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserContext, Frame, Page } from "playwright-core";

/** One stop of the buyer's walk through the demo shop. */
export type DemoStop = {
  label: string;
  url: string;
  /** Pick this cost center in the panel first (it is then remembered for the supplier). */
  costCenter?: string;
  /** A site that is not a supplier: the extension must show nothing there. */
  notASupplier?: boolean;
  screenshot: string;
};

export const DEMO_STOPS: readonly DemoStop[] = [
  { label: "Dell, preferred: one laptop", url: "http://www.dell.com/", screenshot: "dell-product.png" },
  {
    label: "Dell, preferred: cart of 20 laptops",
    url: "http://www.dell.com/cart/",
    screenshot: "dell-cart.png",
  },
  {
    label: "Dell, preferred: fleet order of 400 laptops",
    url: "http://www.dell.com/bulk/",
    screenshot: "dell-fleet-order.png",
  },
  { label: "Lenovo, approved but not preferred", url: "http://www.lenovo.com/", screenshot: "lenovo.png" },
  { label: "GadgetZone, blocked", url: "http://www.gadgetzone.example/", screenshot: "gadgetzone.png" },
  {
    label: "Kantoorhuis, approved, prices in euros (cost center EU-OPS)",
    url: "http://www.kantoorhuis.example.nl/",
    costCenter: "EU-OPS",
    screenshot: "kantoorhuis.png",
  },
  {
    label: "Morning News, not a supplier",
    url: "http://news.example.org/",
    notASupplier: true,
    screenshot: "not-a-supplier.png",
  },
];

/** What the buyer sees at one stop, as the panel shows it. */
export type StopReport = {
  stop: DemoStop;
  overlay: boolean;
  status?: string;
  terms?: string;
  remaining?: string;
  afterPurchase?: string;
  findings?: string[];
  alternatives?: string;
};

const PANEL_TIMEOUT_MS = 15_000;
/** How long a non-supplier page is watched for a panel that must not come. */
const QUIET_MS = 2_000;

const clean = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

/** Points the extension at the rule book and a default cost center through its own options page. */
export async function configureExtension(
  context: BrowserContext,
  extensionId: string,
  rulesUrl: string,
  costCenter: string,
): Promise<string> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId("rules-url").fill(rulesUrl);
  await page.getByTestId("default-cost-center").fill(costCenter);
  await page.getByTestId("save-settings").click();
  await page.getByTestId("refresh-rules").click();
  await page.getByTestId("rules-revision").filter({ hasText: /\d/ }).waitFor({ timeout: PANEL_TIMEOUT_MS });
  // The options page lists the rule book's status as term/description pairs.
  const status = page.getByTestId("rules-status");
  const terms = (await status.locator("dt").allInnerTexts()).map(clean);
  const values = (await status.locator("dd").allInnerTexts()).map(clean);
  const field = (name: string) => values[terms.indexOf(name)] ?? "?";
  await page.close();
  return `${field("Organisation")}, revision ${field("Revision")}, from ${field("Source")}`;
}

async function overlayFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + PANEL_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().includes("/overlay.html"));
    if (frame) {
      const status = frame.getByTestId("headroom-supplier-status");
      if (await status.count()) return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`No Headroom panel appeared on ${page.url()} within ${PANEL_TIMEOUT_MS / 1000} s.`);
}

const textOf = async (frame: Frame, testId: string) => {
  const el = frame.getByTestId(testId);
  return (await el.count()) ? clean(await el.first().innerText()) : undefined;
};

/** A description list as "Terms 2/10 Net 45; Contract ends 2027-03-31", for one line of output. */
const pairsOf = async (frame: Frame, testId: string) => {
  const list = frame.getByTestId(testId);
  if (!(await list.count())) return undefined;
  const terms = (await list.locator("dt").allInnerTexts()).map(clean);
  const values = (await list.locator("dd").allInnerTexts()).map(clean);
  return terms.map((t, i) => `${t} ${values[i] ?? ""}`.trim()).join("; ");
};

/** Visits one stop the way a buyer would and reads the panel. */
export async function visitStop(page: Page, stop: DemoStop, outDir: string): Promise<StopReport> {
  await page.goto(stop.url);
  if (stop.notASupplier) {
    await page.waitForTimeout(QUIET_MS);
    const overlay = (await page.locator("[data-headroom-overlay]").count()) > 0;
    await page.screenshot({ path: join(outDir, stop.screenshot) });
    return { stop, overlay };
  }
  let frame = await overlayFrame(page);
  if (stop.costCenter) {
    const before = await textOf(frame, "headroom-remaining");
    await frame.getByTestId("headroom-cost-center").selectOption(stop.costCenter);
    const deadline = Date.now() + PANEL_TIMEOUT_MS;
    while ((await textOf(frame, "headroom-remaining")) === before && Date.now() < deadline) {
      await page.waitForTimeout(100);
    }
    frame = await overlayFrame(page);
  }
  // Prices are read once the page settles; give the panel a moment to show the after-purchase figure.
  await frame
    .getByTestId("headroom-after-purchase")
    .waitFor({ timeout: 3_000 })
    .catch(() => undefined);
  const findings = frame.getByTestId("headroom-findings").locator("li");
  const report: StopReport = {
    stop,
    overlay: true,
    status: await textOf(frame, "headroom-supplier-status"),
    terms: await pairsOf(frame, "headroom-terms"),
    remaining: await textOf(frame, "headroom-remaining"),
    afterPurchase: await textOf(frame, "headroom-after-purchase"),
    findings: (await findings.allInnerTexts()).map(clean),
    alternatives: (await frame.getByTestId("headroom-alternatives").locator("li").allInnerTexts())
      .map(clean)
      .join(", "),
  };
  await page.screenshot({ path: join(outDir, stop.screenshot) });
  return report;
}

/** The walk-through as a buyer would tell it, one block per stop. */
export function formatReport(r: StopReport): string {
  const lines = [`${r.stop.label}: ${r.stop.url}`];
  if (!r.overlay) {
    lines.push(r.stop.notASupplier ? "  No panel: this site is not in the rule book." : "  No panel.");
    if (r.stop.notASupplier) return lines.join("\n");
  }
  const row = (name: string, value: string | undefined) =>
    value && lines.push(`  ${name.padEnd(16)}${value}`);
  row("Supplier", r.status);
  row("Negotiated", r.terms);
  row("Headroom", r.remaining);
  row("After purchase", r.afterPurchase);
  if (r.findings?.length) {
    lines.push(`  Checks`);
    for (const f of r.findings) lines.push(`    - ${f}`);
  } else lines.push(`  Checks          nothing tripped`);
  row("Prefer instead", r.alternatives);
  return lines.join("\n");
}

/** Walks every stop in one tab, writing a screenshot per stop into `outDir`; `onStop` hears each as it is done. */
export async function walkThrough(
  context: BrowserContext,
  outDir: string,
  onStop: (report: StopReport) => void = () => {},
): Promise<StopReport[]> {
  await mkdir(outDir, { recursive: true });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const reports: StopReport[] = [];
  for (const stop of DEMO_STOPS) {
    const report = await visitStop(page, stop, outDir);
    onStop(report);
    reports.push(report);
  }
  await page.close();
  return reports;
}
