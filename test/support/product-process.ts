import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** A port free on 127.0.0.1 now (the process prints the port it was given, not the one it bound, so 0 will not do). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Built (a bench under dist/): the entry's compiled file; else the TypeScript source through the test loader. */
const entryArgs = (entry: string): string[] =>
  __filename.endsWith('.js') ? [join(ROOT, entry.replace(/\.ts$/, '.js'))] : ['-r', join(ROOT, 'test/support/ts-register.js'), join(ROOT, entry)];

export interface ProductProcessOptions {
  dataDir: string;
  /** Added to this process's environment (CRM_JWT_SECRET, CRM_WEBHOOK_*, ...). */
  env?: NodeJS.ProcessEnv;
  /** Default: a free one. */
  port?: number;
  /** How long the process may take to answer /health/ready (default 60 s: it builds its read models first). */
  readyWithinMs?: number;
  /** The entry point, from the repository's root (default `src/main.ts`, `npm start`'s; `apps/api/src/main.ts` for the scaled API). */
  entry?: string;
  /** Ready when this appears in its output instead of when /health/ready answers (a process without HTTP: apps/projector). */
  readyWhenPrinted?: string;
}

export interface ProductProcess {
  pid: number;
  port: number;
  /** `http://127.0.0.1:<port>`: `/graphql`, `/health/ready`, ... */
  baseUrl: string;
  dataDir: string;
  /** A GraphQL operation that must succeed: its data, or an Error carrying the errors. */
  gql<T = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** What the process wrote to stdout and stderr so far, for a failing test's message. */
  output(): string;
  /** Sends the signal (SIGKILL: a crash) and resolves when the process has ended. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM: the product's own orderly stop; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * `npm start`'s entry point (src/main.ts) from the TypeScript sources, as a child process of its own:
 * a test or a bench can crash it (SIGKILL) and start it again on the same data folder. The write
 * worker inherits the `-r` loader. Resolves once /health/ready answers.
 */
export const startProductProcess = async (options: ProductProcessOptions): Promise<ProductProcess> => {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, entryArgs(options.entry ?? 'src/main.ts'), {
    cwd: ROOT,
    env: { ...process.env, ...options.env, CRM_DATA_DIR: options.dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    // The last 64 KiB are enough to say why it failed.
    output = (output + chunk.toString('utf8')).slice(-65_536);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exited = false;
  void ended.then(() => {
    exited = true;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyWithinMs ?? 60_000);
  const printed = options.readyWhenPrinted;
  const isReady = (): Promise<boolean> =>
    printed !== undefined ? Promise.resolve(output.includes(printed)) : fetch(`${baseUrl}/health/ready`).then((response) => response.ok, () => false);
  while (!(await isReady())) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      await ended;
      throw new Error(`The product process did not become ready (${exited ? `exit code ${child.exitCode}` : 'timed out'}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: child.pid!,
    port,
    baseUrl,
    dataDir: options.dataDir,
    gql: (token, query, variables) => graphql(`${baseUrl}/graphql`, token, query, variables),
    output: () => output,
    kill: async (signal = 'SIGKILL') => {
      if (!exited) child.kill(signal);
      await ended;
    },
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      return ended;
    },
  };
};

const graphql = async <T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors !== undefined || body.data === undefined) throw new Error(`${query.slice(0, 60)}...: HTTP ${response.status} ${JSON.stringify(body.errors)}`);
  return body.data;
};
