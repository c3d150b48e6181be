import { spawn } from "node:child_process";
import { repoRoot } from "../../helpers/cli";

/** Runs a Node script of the repo as its own process, as `npm run …` does. */
export function runNode(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Builds the add-in into `outDir` with `scripts/build-addin.mjs`. */
export async function buildAddinInto(outDir: string, args: string[] = [], env: Record<string, string> = {}) {
  const result = await runNode(["scripts/build-addin.mjs", "--out-dir", outDir, ...args], {
    HEADROOM_ADDIN_BASE_URL: "",
    ...env,
  });
  if (result.code !== 0) throw new Error(`build:addin failed (${result.code}): ${result.stderr}`);
  return result;
}
