import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { repoRoot } from "../helpers/cli";

/** A free port base with its neighbour free too (rule book, shop), and one for the add-in. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type DemoOptions = {
  /** Environment variables for the demo, over the test's own. */
  env?: Record<string, string>;
  /** A command the demo runs under, such as `["faketime", "-f", "@2030-06-30 12:00:00"]`. */
  under?: string[];
};

/** `npm start -- --headless` as a process; `npm test` built everything, so the build is skipped. */
export function startDemo(
  args: string[],
  options: DemoOptions = {},
): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  // `npm start` runs this same script; the test skips npm's own start-up and the build (npm test built it).
  const command = [
    ...(options.under ?? []),
    process.execPath,
    join(repoRoot, "scripts/start.mjs"),
    "--headless",
    "--no-build",
    ...args,
  ];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export async function portsAreFree(...ports: number[]): Promise<boolean> {
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

export async function ports(): Promise<{ base: number; addin: number }> {
  for (;;) {
    const base = await freePort();
    if (await portsAreFree(base + 1)) return { base, addin: await freePort() };
  }
}

/**
 * Runs the demo at a fixed clock: `faketime` (libfaketime) gives the demo and the Chromium it starts
 * this day and time, so its figures and dates do not depend on the day the tests run. `-f @…` sets an
 * absolute start even when the whole suite already runs under faketime.
 */
export function atClock(dateTime: string): string[] {
  const probe = spawnSync("faketime", ["-f", `@${dateTime}`, process.execPath, "-e", "0"], {
    stdio: "ignore",
  });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      "The demo tests run it at a fixed date with faketime: install it (Debian/Ubuntu: apt-get install -y faketime; " +
        `macOS: brew install libfaketime). ${probe.error?.message ?? `faketime exited ${probe.status}`}`,
    );
  }
  return ["faketime", "-f", `@${dateTime}`];
}
