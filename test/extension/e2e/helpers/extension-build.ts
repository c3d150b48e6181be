import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
/** The END-TO-END TEST BUILD: its manifest pre-grants the test hosts (headless Chromium cannot answer a prompt). */
export const E2E_BUILD = join(ROOT, "dist/extension/chrome-mv3-e2e");
const LOCK = join(ROOT, "dist/extension/.e2e-build-lock");

/** Host permissions the supplier-page tests need the e2e build to hold. */
export const NEEDED_HOST_PATTERNS = [
  "*://*.dell.com/*",
  "*://*.lenovo.com/*",
  "*://*.gadgetzone.example/*",
  "*://*.kantoorhuis.example.nl/*",
  "http://127.0.0.1/*",
];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".wxt" || entry.name === ".output" || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  const manifest = join(E2E_BUILD, "manifest.json");
  if (!existsSync(manifest) || !existsSync(join(E2E_BUILD, "content-scripts/supplier.js"))) return false;
  if (!existsSync(join(E2E_BUILD, "overlay.html"))) return false;
  const built = statSync(manifest).mtimeMs;
  return newestSource(join(ROOT, "extension")) <= built && newestSource(join(ROOT, "shared")) <= built;
}

function missingHosts(): string[] {
  const manifest = JSON.parse(readFileSync(join(E2E_BUILD, "manifest.json"), "utf8")) as {
    host_permissions?: string[];
  };
  const granted = new Set(manifest.host_permissions ?? []);
  return NEEDED_HOST_PATTERNS.filter((p) => !granted.has(p));
}

async function withLock<T>(run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK, { recursive: false });
      break;
    } catch {
      // Another test file is building; a lock older than two minutes is a crashed run's.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000)
        rmSync(LOCK, { recursive: true });
      if (Date.now() - started > 180_000) throw new Error(`waited 3 minutes for ${LOCK}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await run();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * The e2e build, rebuilt (`wxt build extension --mode e2e`, default test hosts: the example rule
 * book's supplier sites and 127.0.0.1) when it is missing or older than the sources. Fails when the
 * build does not grant the hosts these tests use.
 */
export async function ensureE2eBuild(): Promise<string> {
  await withLock(async () => {
    if (buildIsCurrent()) return;
    mkdirSync(join(ROOT, "dist/extension"), { recursive: true });
    const env = { ...process.env };
    delete env["HEADROOM_E2E_HOSTS"];
    await promisify(execFile)("npx", ["wxt", "build", "extension", "--mode", "e2e"], { cwd: ROOT, env });
  });
  const missing = missingHosts();
  if (missing.length > 0) {
    throw new Error(
      `${E2E_BUILD} does not grant ${missing.join(", ")}; rebuild it with the default test hosts`,
    );
  }
  return E2E_BUILD;
}
