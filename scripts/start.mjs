// `npm start` on a fresh clone: installs the dependencies when they are missing, then runs the demo
// (demo/start.ts, through tsx). Arguments pass through: npm start -- --headless
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

if (!existsSync(`${root}node_modules/.bin/tsx`)) {
  console.log("• Installing dependencies (npm install)");
  // npm is a .cmd file on Windows, which only a shell runs.
  const install = spawnSync(npm, ["install", "--no-audit", "--no-fund"], {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
// Node runs the TypeScript through tsx's loader, in one process, so signals reach the demo itself.
const demo = spawn(process.execPath, ["--import", "tsx", `${root}demo/start.ts`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
// Ctrl-C reaches the whole process group; a signal sent to this process alone is passed on, so the
// demo always gets to stop the servers and the browser it started.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => demo.kill(signal));
demo.on("exit", (code, signal) =>
  process.exit(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1)),
);
