import { runCli } from "./run-cli";

/** Entry point of the `headroom` command (bundled to dist/cli/headroom.mjs). */
async function main(): Promise<void> {
  const result = await runCli(process.argv.slice(2), { stdout: process.stdout, stdin: process.stdin });
  if (result.stdout) await write(process.stdout, result.stdout);
  if (result.stderr) await write(process.stderr, result.stderr);
  process.exitCode = result.code;
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

main().catch((e: unknown) => {
  process.stderr.write(
    `headroom: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 70;
});
