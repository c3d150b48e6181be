import { delimiter, join } from "node:path";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ports, portsAreFree, startDemo } from "./demo-process";

/** PATH without any folder that holds a Chromium, as on a machine where none is installed. */
function pathWithoutChromium(): string {
  return (process.env["PATH"] ?? "")
    .split(delimiter)
    .filter((dir) => !["chromium", "chromium-browser"].some((name) => existsSync(join(dir, name))))
    .join(delimiter);
}

describe("npm start -- --headless on a machine without Chromium", () => {
  it("runs finance's side, says what the buyer's side needs, and exits 0 without a stack trace", async () => {
    const { base, addin } = await ports();
    const demo = startDemo(["--port-base", String(base), "--addin-port", String(addin)], {
      env: { CHROMIUM_PATH: "/nowhere/chromium", PATH: pathWithoutChromium() },
    });
    const code = await demo.exited;
    const text = demo.output();
    expect(code, text).toBe(0);

    // What needs no browser still runs: the rule-book and add-in servers, and finance's summary.
    expect(text).toMatch(/Rule book {3}http:\/\/localhost:\d+\/rules\.json {2}\(Northwind Analytics Inc\./);
    expect(text).toMatch(/Add-in {6}https:\/\/localhost:\d+\/manifest\.xml/);
    expect(text).toContain(
      "Finance's side: headroom check examples/purchases.csv --rules examples/rules --as-of 2026-11-30",
    );
    expect(text).toContain("Checked 283 rows: 5 blocked, 53 warnings, 66 notes, 159 ok.");
    expect(text).toContain("Against budgets: 280 rows new");
    expect(text).toMatch(/IT-HW +FY2026 +1,200,000\.00/);

    // The buyer's part is named, with why and how to get Chromium.
    expect(text).toContain("Buyer's side skipped: the demo shows the browser extension in Chromium.");
    expect(text).toContain("CHROMIUM_PATH is /nowhere/chromium, which does not exist");
    expect(text).toContain("sudo apt-get install -y chromium");
    expect(text).not.toMatch(/^\s+at /m);
    expect(text).not.toContain("Error");
    expect(await portsAreFree(base, base + 1, addin)).toBe(true);
  });
});
