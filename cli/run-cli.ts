import { bundleCommand } from "./commands/bundle";
import { checkCommand } from "./commands/check";
import { diffCommand } from "./commands/diff";
import { schemaCommand } from "./commands/schema";
import { termsCommand } from "./commands/terms";
import { validateCommand } from "./commands/validate";
import { terminalSafe } from "../shared/text/quote";
import { EXIT, UsageError, type Command, type CommandResult } from "./usage";

const COMMANDS: readonly Command[] = [
  validateCommand,
  checkCommand,
  diffCommand,
  bundleCommand,
  termsCommand,
  schemaCommand,
];

const mainHelp = `Usage: headroom <command> [options]

Headroom keeps finance's budgets and procurement's preferred suppliers in one rule book.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n")}

Run "headroom <command> --help" for a command's options.`;

/**
 * Runs one command line; never exits the process itself, so tests and other tools can call it. What it
 * prints for people holds no control character (a register cell or a rule file cannot drive the
 * terminal); data on stdout is left as it is.
 */
export async function runCli(
  argv: string[],
  io = { cwd: process.cwd(), now: new Date() },
): Promise<CommandResult> {
  const result = await runCommand(argv, io);
  return {
    code: result.code,
    ...(result.stdout === undefined
      ? {}
      : { stdout: result.stdoutIsData ? result.stdout : terminalSafe(result.stdout) }),
    ...(result.stderr === undefined ? {} : { stderr: terminalSafe(result.stderr) }),
  };
}

async function runCommand(argv: string[], io: { cwd: string; now: Date }): Promise<CommandResult> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    return {
      code: name === undefined ? EXIT.usage : EXIT.ok,
      [name === undefined ? "stderr" : "stdout"]: mainHelp + "\n",
    };
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return { code: EXIT.usage, stderr: `headroom: unknown command "${name}"\n\n${mainHelp}\n` };
  if (rest.includes("--help") || rest.includes("-h")) return { code: EXIT.ok, stdout: command.help + "\n" };
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      return { code: EXIT.usage, stderr: `headroom ${name}: ${e.message}\n${e.help ? `\n${e.help}\n` : ""}` };
    }
    throw e;
  }
}
