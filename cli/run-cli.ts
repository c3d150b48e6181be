import { bundleCommand } from "./commands/bundle";
import { checkCommand } from "./commands/check";
import { diffCommand } from "./commands/diff";
import { schemaCommand } from "./commands/schema";
import { termsCommand } from "./commands/terms";
import { validateCommand } from "./commands/validate";
import { terminalSafe } from "../shared/text/quote";
import {
  EXIT,
  OutputClosedError,
  UsageError,
  type Command,
  type CommandIo,
  type CommandOutput,
  type CommandResult,
} from "./usage";

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

/** Where `runCli` sends what commands stream: a Node writable such as `process.stdout`. */
export type OutputStream = Pick<NodeJS.WritableStream, "write" | "once" | "on">;

/**
 * Runs one command line; never exits the process itself, so tests and other tools can call it. What it
 * prints for people holds no control character (a register cell or a rule file cannot drive the
 * terminal); data on stdout is left as it is. Output a command streams goes to `io.stdout` as it is
 * written (without one, it is collected into the result's `stdout`).
 */
export async function runCli(
  argv: string[],
  io: { cwd?: string; now?: Date; stdout?: OutputStream; stdin?: NodeJS.ReadableStream } = {},
): Promise<CommandResult> {
  const collected: string[] = [];
  const stdout = io.stdout ? streamOutput(io.stdout) : collectOutput(collected);
  let result: CommandResult;
  try {
    result = await runCommand(argv, {
      cwd: io.cwd ?? process.cwd(),
      now: io.now ?? new Date(),
      stdout,
      stdin: io.stdin ?? process.stdin,
    });
  } catch (e) {
    // The reader of a pipe stopped reading (`| head`): nothing more to say, as other Unix tools do.
    if (e instanceof OutputClosedError) return { code: EXIT.ok };
    throw e;
  }
  const text =
    result.stdout === undefined
      ? undefined
      : result.stdoutIsData
        ? result.stdout
        : terminalSafe(result.stdout);
  const out = collected.length > 0 ? collected.join("") + (text ?? "") : text;
  return {
    code: result.code,
    ...(out === undefined ? {} : { stdout: out }),
    ...(result.stderr === undefined ? {} : { stderr: terminalSafe(result.stderr) }),
  };
}

/** Writes to a Node stream, waiting for "drain" when its buffer is full; a closed pipe stops the command. */
function streamOutput(stream: OutputStream): CommandOutput {
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  // One listener for the whole run: an error between two writes (EPIPE) must not go unhandled.
  stream.on("error", (e: NodeJS.ErrnoException) => {
    failure = e.code === "EPIPE" ? new OutputClosedError() : e;
    wake?.();
  });
  const write = async (chunk: string | Uint8Array) => {
    if (failure) throw failure;
    if (!stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        stream.once("drain", resolve);
      });
      wake = undefined;
    }
    if (failure) throw failure;
  };
  return { text: (t) => write(terminalSafe(t)), data: write };
}

function collectOutput(into: string[]): CommandOutput {
  const decoder = new TextDecoder();
  return {
    text: async (t) => void into.push(terminalSafe(t)),
    data: async (c) => void into.push(typeof c === "string" ? c : decoder.decode(c, { stream: true })),
  };
}

async function runCommand(argv: string[], io: CommandIo): Promise<CommandResult> {
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
