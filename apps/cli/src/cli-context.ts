import type { Writable } from 'node:stream';

/** Where a command reads its environment and writes its output: the process, or a test's buffers. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Progress bars only where a person watches (a terminal), never into logs or pipes. */
  stderrIsTTY: boolean;
  /** A module the command's worker threads require first: a TypeScript loader when the CLI runs from sources (tests). */
  workerPreload?: string;
}

/** The exit codes scripts may rely on. */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Handed to every command: its I/O, and where it leaves its exit code. */
export interface CliContext {
  io: CliIo;
  exitCode: ExitCode;
}

export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stderrIsTTY: Boolean(process.stderr.isTTY),
});

export const writeLine = (stream: Writable, text = ''): void => {
  stream.write(`${text}\n`);
};
