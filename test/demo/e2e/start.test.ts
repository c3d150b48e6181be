import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../helpers/cli";

/** A free port base with its neighbour free too (rule book, shop), and one for the add-in. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startDemo(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  // `npm start` runs this same script; the test skips npm's own start-up and the build (npm test built it).
  const child = spawn(
    process.execPath,
    [join(repoRoot, "scripts/start.mjs"), "--headless", "--no-build", ...args],
    {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function portsAreFree(...ports: number[]): Promise<boolean> {
  const results = await Promise.all(
    ports.map(
      (port) =>
        new Promise<boolean>((resolve) => {
          const server = createServer()
            .once("error", () => resolve(false))
            .listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
        }),
    ),
  );
  return results.every(Boolean);
}

async function ports(): Promise<{ base: number; addin: number }> {
  for (;;) {
    const base = await freePort();
    if (await portsAreFree(base + 1)) return { base, addin: await freePort() };
  }
}

describe("npm start, headless", () => {
  it("prints each demo supplier's verdict, writes screenshots and the register summary, then stops", async () => {
    const { base, addin } = await ports();
    const out = mkdtempSync(join(tmpdir(), "headroom-demo-"));
    const demo = startDemo(["--port-base", String(base), "--addin-port", String(addin), "--out", out]);
    const code = await demo.exited;
    const text = demo.output();
    expect(text, text).not.toContain("Error");
    expect(code, text).toBe(0);

    const block = (label: string) => {
      const start = text.indexOf(label);
      expect(start, `no "${label}" in:\n${text}`).toBeGreaterThanOrEqual(0);
      return text.slice(start, text.indexOf("\n\n", start));
    };
    expect(text).toContain("Northwind Analytics Inc., revision 14");

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

    expect(text).toContain("Rows: 5 blocked, 53 warnings, 66 notes, 159 ok.");
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
