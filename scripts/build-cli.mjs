// Bundles the CLI into dist/cli/headroom.mjs (one file, zod included) so `npx headroom` starts fast.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export async function buildCli() {
  await build({
    entryPoints: [`${root}/cli/headroom.ts`],
    outfile: `${root}/dist/cli/headroom.mjs`,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    sourcemap: "linked",
    logLevel: "warning",
    banner: { js: "// Built by scripts/build-cli.mjs from cli/ and shared/. Do not edit." },
    // ExcelJS (for .xlsx registers) is loaded from node_modules when a workbook is read: bundled, its
    // CommonJS requires of Node modules fail in an ES module, and every command would parse it.
    external: ["exceljs"],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
