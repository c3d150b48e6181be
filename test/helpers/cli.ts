import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export type ProcessResult = { code: number | null; stdout: string; stderr: string };

/** Runs Node on `args` as a separate process from the repository root (or `cwd`), collecting its output. */
export function runNode(
  args: string[],
  opts: { cwd?: string; input?: string; env?: Record<string, string> } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: opts.cwd ?? repoRoot,
      env: { ...process.env, ...opts.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}

/** Runs `headroom` as a separate process, the way a user or a CI job does. */
export function runHeadroom(
  args: string[],
  opts: { cwd?: string; input?: string } = {},
): Promise<ProcessResult> {
  return runNode([`${repoRoot}bin/headroom.mjs`, ...args], opts);
}
