import type { BrowserContext, Frame, Page } from "playwright-core";
import { launchChromium } from "../../../helpers/chromium";
import { ensureE2eBuild } from "./extension-build";
import { FIXTURE_HOSTS } from "./fixture-servers";

/** Chromium with the e2e build loaded and the fixture domains mapped to 127.0.0.1. */
export type HeadroomBrowser = {
  context: BrowserContext;
  extensionId: string;
  close: () => Promise<void>;
};

export async function launchHeadroom(): Promise<HeadroomBrowser> {
  const extension = await ensureE2eBuild();
  const { context, close } = await launchChromium({
    extensions: [extension],
    mapHosts: FIXTURE_HOSTS,
    // Plain-http fixture sites under real-looking names: no automatic upgrade to https.
    extraArgs: ["--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable"],
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, close };
}

/** The options page, by its test hooks. */
export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return new OptionsPage(page);
  }

  async setRulesUrl(url: string): Promise<void> {
    await this.page.getByTestId("rules-url").fill(url);
    await this.page.getByTestId("save-settings").click();
  }

  async setDefaultCostCenter(id: string): Promise<void> {
    await this.page.getByTestId("default-cost-center").fill(id);
    await this.page.getByTestId("save-settings").click();
  }

  async refresh(): Promise<void> {
    await this.page.getByTestId("refresh-rules").click();
  }

  /** The revision of the rule book in use, as the options page shows it. */
  async revision(): Promise<string> {
    return ((await this.page.getByTestId("rules-revision").textContent()) ?? "").trim();
  }

  /** Waits until the options page shows this revision in use. */
  async waitForRevision(revision: number): Promise<void> {
    await this.page
      .getByTestId("rules-revision")
      .filter({ hasText: new RegExp(`^\\s*${revision}\\s*$`) })
      .waitFor({ timeout: 20_000 });
  }
}

/**
 * The overlay's frame in a supplier tab, once it has rendered a verdict. A frame that goes away while
 * it loads (the page removed the panel and it was put back) is waited for again.
 */
export async function overlayFrame(page: Page, timeout = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().endsWith("/overlay.html") && !f.isDetached());
    if (frame !== undefined) {
      try {
        await frame
          .getByTestId("headroom-supplier-status")
          .waitFor({ timeout: Math.max(1, Math.min(2000, deadline - Date.now())) });
        if (!frame.isDetached()) return frame;
      } catch (error) {
        lastError = error;
      }
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no overlay frame on ${page.url()} within ${timeout} ms (${String(lastError)})`);
}

/** Text of an overlay test hook. */
export async function hookText(frame: Frame, testId: string): Promise<string> {
  return ((await frame.getByTestId(testId).textContent()) ?? "").replace(/\s+/g, " ").trim();
}

/** Waits until an overlay hook's text matches (the overlay re-renders when the background says so). */
export async function waitForHook(
  frame: Frame,
  testId: string,
  pattern: RegExp,
  timeout = 15_000,
): Promise<string> {
  await frame.getByTestId(testId).filter({ hasText: pattern }).waitFor({ timeout });
  return hookText(frame, testId);
}

/**
 * The JavaScript worlds the extension has in a page: a content script runs in an isolated world the
 * DevTools protocol reports with the extension's origin. Used to prove a page got no script at all.
 */
export async function extensionWorlds(
  context: BrowserContext,
  page: Page,
  extensionId: string,
): Promise<string[]> {
  const cdp = await context.newCDPSession(page);
  const names: string[] = [];
  cdp.on("Runtime.executionContextCreated", (event: { context: { origin: string; name: string } }) => {
    if (event.context.origin.includes(extensionId)) names.push(event.context.name);
  });
  await cdp.send("Runtime.enable");
  await page.waitForTimeout(200);
  await cdp.detach();
  return names;
}
