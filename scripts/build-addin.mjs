// Builds the Excel add-in into dist/addin/: the shared-runtime page (taskpane.html), the custom
// functions (functions.js) and the task pane (taskpane.js), functions.json generated from the
// functions' JSDoc, the icons, the help page (support.html), and manifest.xml for the base URL the
// add-in will be served from.
//
//   node scripts/build-addin.mjs [--base-url https://host/path] [--out-dir dir]
//
// The base URL also comes from HEADROOM_ADDIN_BASE_URL; the default is https://localhost:3000, where
// `npm run serve:addin` serves the build for sideloading. Office only loads add-ins over HTTPS.
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
/** The origin manifest.xml is written for; the build swaps it for the chosen base URL. */
export const DEV_BASE_URL = "https://localhost:3000";
export const FUNCTIONS_SOURCE = `${root}/addin/functions/functions.ts`;
const TASKPANE_SOURCE = `${root}/addin/taskpane/main.tsx`;

/** A user-facing build failure: printed without a stack, exit code 1. */
export class BuildError extends Error {}

/**
 * The base URL as the manifest will use it: https only (Office refuses anything else), no query or
 * fragment, no trailing slash. Throws BuildError with the reason.
 */
export function normalizeBaseUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new BuildError(
      `--base-url "${text}" is not a URL; give one like https://addins.example.com/headroom`,
    );
  }
  if (url.protocol !== "https:") {
    throw new BuildError(
      `--base-url "${text}" must start with https://: Office loads add-ins only over HTTPS`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new BuildError(`--base-url "${text}" must not have a query, fragment or user name`);
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * functions.json from the JSDoc of the functions file, with custom-functions-metadata's own
 * parser. Its errors (a bad tag, an unsupported type, a duplicate id) fail the build.
 */
export async function generateFunctionsMetadata(source = FUNCTIONS_SOURCE) {
  // Loaded here: it brings the TypeScript compiler, which an argument error need not wait for.
  const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata");
  const result = await generateCustomFunctionsMetadata(source, false);
  if (result.errors.length > 0) {
    throw new BuildError(
      `${source} has errors in its custom-function annotations:\n${result.errors.map((e) => `  - ${e}`).join("\n")}`,
    );
  }
  if (!result.metadataJson) throw new BuildError(`${source} declares no @customfunction`);
  return { json: result.metadataJson, associate: result.associate };
}

/** esbuild's build; its errors are already printed, so a failure only needs saying. */
async function bundle(options) {
  try {
    await build(options);
  } catch (e) {
    if (Array.isArray(e?.errors) && e.errors.length > 0) {
      throw new BuildError(`bundling failed with ${e.errors.length} error(s), shown above`);
    }
    throw e;
  }
}

/** manifest.xml with every development URL pointing at `baseUrl` instead. */
export function manifestFor(baseUrl, template = readFileSync(`${root}/manifest.xml`, "utf8")) {
  return template.replaceAll(DEV_BASE_URL, baseUrl);
}

/** Reads `--base-url`/`--out-dir`/`--functions-source` (with a space or `=`) and the environment. */
export function parseArgs(argv, env) {
  const options = { baseUrl: env.HEADROOM_ADDIN_BASE_URL || DEV_BASE_URL, outDir: `${root}/dist/addin` };
  options.functionsSource = FUNCTIONS_SOURCE;
  const names = { "--base-url": "baseUrl", "--out-dir": "outDir", "--functions-source": "functionsSource" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const key = names[flag];
    if (!key) throw new BuildError(`unknown option ${argv[i]}; options: ${Object.keys(names).join(", ")}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new BuildError(`${flag} needs a value`);
    options[key] = value;
  }
  return options;
}

/** Builds the add-in into `outDir` (emptied first). */
export async function buildAddin({ baseUrl = DEV_BASE_URL, outDir, functionsSource = FUNCTIONS_SOURCE }) {
  const base = normalizeBaseUrl(baseUrl);
  const metadata = await generateFunctionsMetadata(functionsSource);
  const out = resolve(outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await bundle({
    entryPoints: { functions: functionsSource, taskpane: TASKPANE_SOURCE },
    outdir: out,
    bundle: true,
    // Classic scripts: taskpane.html loads them after office.js, and they also run from file:// in tests.
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    sourcemap: "linked",
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    logLevel: "warning",
  });
  writeFileSync(`${out}/functions.json`, metadata.json);
  cpSync(`${root}/addin/taskpane/taskpane.html`, `${out}/taskpane.html`);
  // The manifest's SupportUrl.
  cpSync(`${root}/addin/support.html`, `${out}/support.html`);
  cpSync(`${root}/addin/assets`, `${out}/assets`, { recursive: true });
  writeFileSync(`${out}/manifest.xml`, manifestFor(base));
  return { baseUrl: base, outDir: out, functions: JSON.parse(metadata.json).functions.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const built = await buildAddin(parseArgs(process.argv.slice(2), process.env));
    console.log(
      `Built the Excel add-in into ${built.outDir} for ${built.baseUrl} (${built.functions} custom functions).`,
    );
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    console.error(`build:addin failed: ${e.message}`);
    process.exitCode = 1;
  }
}
