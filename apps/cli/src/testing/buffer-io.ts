import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Writable } from 'node:stream';
import type { CliIo } from '../cli-context';
import { runCli } from '../cli';

/** A Writable that keeps everything written to it, for asserting on a command's output. */
export class BufferStream extends Writable {
  private chunks: string[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk.toString());
    done();
  }
  get text(): string {
    return this.chunks.join('');
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TempDataDir {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Runs the command line in-process against this data folder, as `crm <argv>` would. */
  run(argv: string[], env?: NodeJS.ProcessEnv): Promise<CliRun>;
  cleanup(): void;
}

/** Threads started by a command run from sources compile them as jest does (`rebuild --all`). */
const WORKER_PRELOAD = extname(__filename) === '.ts' ? join(__dirname, '../../../../test/support/ts-register.js') : undefined;

export const tempDataDir = (): TempDataDir => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
  const env: NodeJS.ProcessEnv = { CRM_DATA_DIR: dir, PATH: process.env.PATH };
  return {
    dir,
    env,
    run: async (argv, extra = {}) => {
      const stdout = new BufferStream();
      const stderr = new BufferStream();
      const io: CliIo = { stdout, stderr, env: { ...env, ...extra }, stderrIsTTY: false, workerPreload: WORKER_PRELOAD };
      const code = await runCli(argv, io);
      return { code, stdout: stdout.text, stderr: stderr.text };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};
