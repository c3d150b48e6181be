import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
// One lock for every extension build the tests make: two wxt builds at once would share extension/.wxt.
const LOCK = join(ROOT, "dist/extension/.e2e-build-lock");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".wxt" || entry.name === ".output" || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when `build` has all of `files` and is newer than every source of extension/ and shared/. */
export function buildIsCurrent(build: string, files: string[]): boolean {
  const manifest = join(build, "manifest.json");
  if (!existsSync(manifest) || !files.every((f) => existsSync(join(build, f)))) return false;
  const built = statSync(manifest).mtimeMs;
  return newestSource(join(ROOT, "extension")) <= built && newestSource(join(ROOT, "shared")) <= built;
}

/** Runs `wxt build extension <args>` under the lock unless `isCurrent()` says the build is fresh. */
export async function buildUnlessCurrent(
  isCurrent: () => boolean,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
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
    if (isCurrent()) return;
    mkdirSync(join(ROOT, "dist/extension"), { recursive: true });
    await promisify(execFile)("npx", ["wxt", "build", "extension", ...args], { cwd: ROOT, env });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
