import { runNode } from "../../helpers/cli";

export { runNode };

/** Builds the add-in into `outDir` with `scripts/build-addin.mjs`. */
export async function buildAddinInto(outDir: string, args: string[] = [], env: Record<string, string> = {}) {
  const result = await runNode(["scripts/build-addin.mjs", "--out-dir", outDir, ...args], {
    env: { HEADROOM_ADDIN_BASE_URL: "", ...env },
  });
  if (result.code !== 0) throw new Error(`build:addin failed (${result.code}): ${result.stderr}`);
  return result;
}
