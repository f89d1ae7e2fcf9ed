/** Where the CLI writes, injectable so commands can be tested without spawning a process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** A file is refused, or a check failed. */
  failed: 1,
  /** Bad usage, or the file could not be read or written. */
  usage: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UsageError extends Error {
  override name = 'UsageError';
}
