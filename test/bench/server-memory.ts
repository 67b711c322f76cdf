import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerMemory {
  /** Resident memory of the whole process (every thread), after a collection on the API's thread. */
  rssBytes: number;
  /** Live objects on the API's thread's heap, after that collection. */
  heapBytes: number;
  /** Live objects on the write thread's heap after its collection; null when it has none or did not answer. */
  writeThreadHeapBytes: number | null;
  /** Buffers outside the heap that JavaScript objects hold (socket buffers among them). */
  externalBytes: number;
}

/** What a bench server needs to answer `ServerMemoryProbe.read()`: node's arguments and the environment. */
export const memoryProbeSetup = (file: string): { nodeArgs: string[]; env: NodeJS.ProcessEnv } => ({
  nodeArgs: ['--expose-gc', '--require', join(__dirname, 'server-memory-probe.js')],
  env: { CRM_BENCH_MEMORY_FILE: file },
});

/** Asks the server started with `memoryProbeSetup` for its memory (server-memory-probe.ts) and waits for the answer. */
export class ServerMemoryProbe {
  private asked = 0;

  constructor(
    private readonly pid: number,
    private readonly file: string,
  ) {}

  async read(timeoutMs = 10_000): Promise<ServerMemory> {
    const request = ++this.asked;
    process.kill(this.pid, 'SIGUSR2');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (existsSync(this.file)) {
        const figures = JSON.parse(readFileSync(this.file, 'utf8')) as { asked: number; rss: number; heapUsed: number; external: number; writeThreadHeapUsed?: number | null };
        if (figures.asked === request) return { rssBytes: figures.rss, heapBytes: figures.heapUsed, writeThreadHeapBytes: figures.writeThreadHeapUsed ?? null, externalBytes: figures.external };
      }
      if (Date.now() > deadline) throw new Error('The bench server did not report its memory: was it started with memoryProbeSetup?');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
