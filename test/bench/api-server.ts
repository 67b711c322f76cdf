import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

/** The built embedded process (`npm start`'s entry point) in its own process, so the load generator does not share its event loop. */
export const startBenchServer = async (dataDir: string, secret: string): Promise<BenchServer> => {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, '../../src/main.js')], {
    env: { ...process.env, CRM_DATA_DIR: dataDir, CRM_JWT_SECRET: secret, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 1200 || child.exitCode !== null) throw new Error('The bench server did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `${url}/graphql`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};
