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

/**
 * What a command hands back to the runner: text for stdout and stderr, and the exit code. Text for
 * people has control characters removed by the runner; `stdoutIsData` marks JSON, CSV or a rule-book
 * file on stdout, which is passed on byte for byte (JSON escapes its own control characters).
 */
export type CommandResult = { code: number; stdout?: string; stderr?: string; stdoutIsData?: boolean };

export type Command = {
  name: string;
  summary: string;
  help: string;
  run(args: string[], io: { cwd: string; now: Date }): Promise<CommandResult>;
};
