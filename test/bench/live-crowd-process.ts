import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { cpuSecondsOf } from './api-server';
import type { CrowdCounts, CrowdReply, CrowdRequest, CrowdSocketSpec } from './live-crowd';

/** A request before it is numbered (Omit over each kind of request). */
type Ask<R = CrowdRequest> = R extends unknown ? Omit<R, 'id'> : never;

/** The crowd of raw graphql-ws subscribers (live-crowd.ts), in its own process, driven from here. */
export class LiveCrowd {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: CrowdReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(`Crowd: ${reply.error}`));
      else waiter?.resolve(reply.result);
    });
    child.on('exit', (code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`The crowd process exited (${code})`));
      this.waiting.clear();
    });
  }

  static start(): LiveCrowd {
    return new LiveCrowd(fork(join(__dirname, 'live-crowd.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  }

  /** Opens one socket per spec, each with its one subscription; resolves once every socket was acknowledged. */
  async open(url: string, token: string, sockets: CrowdSocketSpec[]): Promise<void> {
    await this.ask({ op: 'open', url, token, sockets });
  }

  counts(): Promise<CrowdCounts> {
    return this.ask({ op: 'counts' }) as Promise<CrowdCounts>;
  }

  /** Polls until every socket received at least `nexts` pushes; fails on any refusal or closed socket. */
  async untilEachReceived(nexts: number, timeoutMs = 60_000, meanwhile: () => Promise<void> = async () => undefined): Promise<CrowdCounts> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.counts();
      if (counts.refusals || counts.closedByServer) throw new Error(`A crowd subscriber was refused or closed: ${counts.firstProblem}`);
      if (counts.fewest >= nexts) return counts;
      if (Date.now() > deadline) throw new Error(`Crowd subscribers did not all receive ${nexts} pushes: ${JSON.stringify(counts)}`);
      await meanwhile();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Polls until the crowd received `nexts` pushes in all; fails after `timeoutMs`, or on any refusal or closed socket. */
  async untilTotal(nexts: number, timeoutMs = 30_000): Promise<CrowdCounts> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.counts();
      if (counts.refusals || counts.closedByServer) throw new Error(`A crowd subscriber was refused or closed: ${counts.firstProblem}`);
      if (counts.nexts >= nexts) return counts;
      if (Date.now() > deadline) throw new Error(`The crowd received ${counts.nexts} pushes in all, not ${nexts}, within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /** Closes every socket (normal closure) and waits for the server to have closed them too. */
  async closeAll(): Promise<void> {
    await this.ask({ op: 'close' });
  }

  cpuSeconds(): number | null {
    return cpuSecondsOf(this.child.pid!);
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.disconnect();
    });
  }

  private ask(request: Ask): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ ...request, id });
    });
  }
}
