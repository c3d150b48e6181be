// Runs the built `headroom` CLI (dist/cli/headroom.mjs) in this process with the arguments given,
// and writes this process's peak memory to the file named by HEADROOM_BENCH_RSS_FILE when it exits:
// the CLI's own high-water mark, which a parent process cannot read from outside.
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const out = process.env.HEADROOM_BENCH_RSS_FILE!;
process.on("exit", () => {
  writeFileSync(out, JSON.stringify({ peakRss: process.resourceUsage().maxRSS * 1024 }));
});
const cli = fileURLToPath(new URL("../cli/headroom.mjs", import.meta.url));
process.argv = [process.argv[0]!, cli, ...process.argv.slice(2)];
await import(pathToFileURL(cli).href);
