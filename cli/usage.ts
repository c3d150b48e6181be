/** Thrown for wrong command-line use; the CLI prints the message and the command's help and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help?: string,
  ) {
    super(message);
  }
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** What a command hands back to the runner: text for stdout and stderr, and the exit code. */
export type CommandResult = { code: number; stdout?: string; stderr?: string };

export type Command = {
  name: string;
  summary: string;
  help: string;
  run(args: string[], io: { cwd: string; now: Date }): Promise<CommandResult>;
};
