import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../helpers/cli";
import { atClock, ports, portsAreFree, startDemo } from "../demo-process";

/** The demo's output from one run, and one stop's block of it. */
function report(text: string) {
  return (label: string) => {
    const start = text.indexOf(label);
    expect(start, `no "${label}" in:\n${text}`).toBeGreaterThanOrEqual(0);
    return text.slice(start, text.indexOf("\n\n", start));
  };
}

const FINANCE_COMMAND = "headroom check examples/purchases.csv --rules examples/rules --as-of 2026-11-30";

describe("npm start, headless", () => {
  it("prints each demo supplier's verdict, writes screenshots and the register summary, then stops", async () => {
    const { base, addin } = await ports();
    const out = mkdtempSync(join(tmpdir(), "headroom-demo-"));
    // The example rule book's own year: nothing is moved, and the README's picture and text match.
    const demo = startDemo(["--port-base", String(base), "--addin-port", String(addin), "--out", out], {
      under: atClock("2026-11-21 10:00:00"),
    });
    const code = await demo.exited;
    const text = demo.output();
    expect(text, text).not.toContain("Error");
    expect(code, text).toBe(0);

    const block = report(text);
    expect(text).toContain("Northwind Analytics Inc., revision 14");
    expect(text).not.toContain("moved to");

    const one = block("Dell, preferred: one laptop");
    expect(one).toMatch(/preferred/i);
    expect(one).toContain("2/10 Net 45");
    expect(one).toContain("439,350.00 USD");
    expect(one).toContain("438,101.00 USD");

    const cart = block("Dell, preferred: cart of 20 laptops");
    expect(cart).toContain("414,370.00 USD");
    expect(cart).toMatch(/approval/i);

    const fleet = block("Dell, preferred: fleet order of 400 laptops");
    expect(fleet).toContain("will be exceeded by 60,250.00 USD");
    expect(fleet).toContain("CFO");

    const lenovo = block("Lenovo, approved but not preferred");
    expect(lenovo).toMatch(/approved/i);
    expect(lenovo).toContain("Dell Technologies Inc.");

    const gadget = block("GadgetZone, blocked");
    expect(gadget).toMatch(/blocked/i);
    expect(gadget).toContain("Dell Technologies Inc.");

    const kantoor = block("Kantoorhuis, approved, prices in euros");
    expect(kantoor).toContain("45,660.00 EUR");
    expect(kantoor).toContain("44,425.44 EUR");

    expect(block("Morning News, not a supplier")).toContain("No panel");

    expect(text).toContain(FINANCE_COMMAND);
    expect(text).toContain("Checked 283 rows: 5 blocked, 53 warnings, 66 notes, 159 ok.");
    expect(readdirSync(out).sort()).toEqual(
      [
        "dell-cart.png",
        "dell-fleet-order.png",
        "dell-product.png",
        "gadgetzone.png",
        "kantoorhuis.png",
        "lenovo.png",
        "not-a-supplier.png",
      ].sort(),
    );
    expect(await portsAreFree(base, base + 1, addin)).toBe(true);
    // The README opens with this picture; the test keeps it current.
    copyFileSync(join(out, "dell-fleet-order.png"), join(repoRoot, "docs/images/demo-fleet-order.png"));
  });

  it("stays current on any day: in a later year it moves the example rule book there and says so", async () => {
    const { base, addin } = await ports();
    const out = mkdtempSync(join(tmpdir(), "headroom-demo-"));
    const demo = startDemo(["--port-base", String(base), "--addin-port", String(addin), "--out", out], {
      under: atClock("2030-06-30 10:00:00"),
    });
    const code = await demo.exited;
    const text = demo.output();
    expect(code, text).toBe(0);
    expect(text).toContain(
      "The example rule book is written for FY2026; the demo serves it moved to FY2030, today's fiscal year (2030-06-30)",
    );
    expect(text).toContain("+4 years, every amount as written");

    const block = report(text);
    const one = block("Dell, preferred: one laptop");
    expect(one).toContain("439,350.00 USD left of 1,200,000.00 USD (FY2030)");
    expect(one).toContain("Contract ends 2031-03-31");
    expect(one).toContain("pay by 2030-07-10");
    expect(block("Dell, preferred: fleet order of 400 laptops")).toContain(
      "Budget IT-HW (FY2030) will be exceeded by 60,250.00 USD",
    );
    expect(block("Kantoorhuis, approved, prices in euros")).toContain("44,425.44 EUR");
    // Finance's example is checked as written, for the day the command names.
    expect(text).toContain(FINANCE_COMMAND);
    expect(text).toContain("revision 14, as of 2026-11-30.");
    expect(text).toContain("Checked 283 rows: 5 blocked, 53 warnings, 66 notes, 159 ok.");
  });

  it("stops everything it started on Ctrl-C", async () => {
    const { base, addin } = await ports();
    const demo = startDemo([
      "--port-base",
      String(base),
      "--addin-port",
      String(addin),
      "--out",
      mkdtempSync(join(tmpdir(), "headroom-demo-")),
    ]);
    const deadline = Date.now() + 60_000;
    while (!demo.output().includes("Extension   loaded") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(demo.output()).toContain("Extension   loaded");
    demo.child.kill("SIGINT");
    expect(await demo.exited).toBe(0);
    expect(demo.output()).toContain("Stopping");
    expect(await portsAreFree(base, base + 1, addin)).toBe(true);
  });

  it("says so when a port is already taken", async () => {
    const { base, addin } = await ports();
    const blocker = createServer().listen(base + 1, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const demo = startDemo(["--port-base", String(base), "--addin-port", String(addin)]);
    expect(await demo.exited).toBe(1);
    expect(demo.output()).toContain(`Port ${base + 1} is already in use, so the demo shop cannot start.`);
    blocker.close();
    expect(await portsAreFree(base)).toBe(true);
  });
});
