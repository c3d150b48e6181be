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
 * file on stdout, which is passed on byte for byte (JSON escapes its own control characters). A
 * command whose output can be large writes it to `io.stdout` as it goes instead (see `CommandOutput`).
 */
export type CommandResult = { code: number; stdout?: string; stderr?: string; stdoutIsData?: boolean };

/**
 * Standard output as a command streams to it. Each write resolves once the stream can take more
 * (backpressure: a slow reader of a pipe holds the command back rather than its memory filling up).
 * The same rule as for `CommandResult`: `text` is for people and has control characters removed,
 * `data` (JSON, JSON Lines, CSV) is passed on byte for byte; a string is written as UTF-8.
 */
export type CommandOutput = {
  text(text: string): Promise<void>;
  data(chunk: string | Uint8Array): Promise<void>;
};

/** What a command may use of its surroundings. */
export type CommandIo = {
  cwd: string;
  now: Date;
  stdout: CommandOutput;
  /** Standard input, for a command that reads a file named "-". */
  stdin: NodeJS.ReadableStream;
};

export type Command = {
  name: string;
  summary: string;
  help: string;
  run(args: string[], io: CommandIo): Promise<CommandResult>;
};

/**
 * Thrown by a `CommandOutput` write when standard output has been closed by its reader (as
 * `headroom check … --jsonl | head` does): the command stops reading, and the runner ends quietly.
 */
export class OutputClosedError extends Error {
  constructor() {
    super("standard output was closed");
  }
}
