#!/usr/bin/env node
// Launcher for the `headroom` command. Runs the bundled CLI, rebuilding it first when the sources are
// newer than the bundle (so `npx headroom` in a checkout always runs the code you are looking at).
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = `${root}dist/cli/headroom.mjs`;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(bundle) ||
  (existsSync(`${root}shared`) &&
    Math.max(newestSource(`${root}shared`), newestSource(`${root}cli`)) > statSync(bundle).mtimeMs);
if (stale) {
  const { buildCli } = await import(pathToFileURL(`${root}scripts/build-cli.mjs`).href);
  await buildCli();
}
await import(pathToFileURL(bundle).href);
