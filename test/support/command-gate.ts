import { BroadcastChannel } from 'node:worker_threads';
import { join } from 'node:path';

/** The write-worker preload that holds every command until the gate opens (see gated-commands.js). */
export const GATED_COMMANDS = join(__dirname, '../../src/write-worker/testing/gated-commands.js');

/** The test's side of a server started with GATED_COMMANDS: how many commands are held, and the release. */
export class CommandGate {
  private readonly channel: BroadcastChannel;
  private heldCount = 0;
  private waiters: Array<() => void> = [];

  constructor(dataDir: string) {
    this.channel = new BroadcastChannel(`command-gate:${dataDir}`);
    this.channel.onmessage = (event) => {
      this.heldCount = ((event as { data: { held: number } }).data).held;
      const waiting = this.waiters;
      this.waiters = [];
      waiting.forEach((wake) => wake());
    };
  }

  /** Until `count` commands are held inside the write path: their requests reached the process. */
  async held(count: number): Promise<void> {
    while (this.heldCount < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Lets every held command, and every later one, through. */
  open(): void {
    this.channel.postMessage('open');
  }

  close(): void {
    this.channel.close();
  }
}
