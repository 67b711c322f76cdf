import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../support/product-process';

export interface BenchServer {
  url: string;
  /** The server process, for what /proc tells about it. */
  pid: number;
  /** CPU seconds the server process (every thread) has used so far; null where /proc is not there. */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc's utime and stime: 100 on every Linux that Node supports. */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process (every thread) has used so far; null where /proc is not there. */
export const cpuSecondsOf = (pid: number): number | null => {
  try {
    // Fields after the command name, which may itself hold spaces: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
};

/**
 * The built embedded process (`npm start`'s entry point) in its own process, so the load generator
 * does not share its event loop. `env` is added to this process's environment; personal fields are
 * encrypted unless it sets CRM_BENCH_PLAIN_PERSONAL_DATA=1 (one set in the shell is not passed on).
 * The server builds its read models before it is ready: a long log needs a longer `readyWithinMs`.
 * `nodeArgs` go to node before the entry point (e.g. a module to preload for measuring).
 */
export const startBenchServer = async (
  dataDir: string,
  secret: string,
  env: NodeJS.ProcessEnv = {},
  readyWithinMs = 120_000,
  nodeArgs: readonly string[] = [],
): Promise<BenchServer> => {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(__dirname, '../../src/main.js')], {
    env: { ...process.env, CRM_BENCH_PLAIN_PERSONAL_DATA: undefined, ...env, CRM_DATA_DIR: dataDir, CRM_JWT_SECRET: secret, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i * 100 > readyWithinMs || child.exitCode !== null) throw new Error('The bench server did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `${url}/graphql`,
    pid: child.pid!,
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};
