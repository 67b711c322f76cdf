import { postTogether } from './post-together';
import type { ExecuteMessage, ToWriteWorker } from './worker-messages';

/**
 * The commands the event loop sends the write worker, gathered over one turn and posted as one
 * message: the resolvers of the requests read in one turn each send a command, and every
 * `postMessage` clones, wakes the worker's thread and is handled there as an event of its own. The
 * worker then starts them together, so they also meet in one group commit. Anything else (a
 * switch, stop) is posted at once, after what was gathered, so order holds. The Outbox does the same
 * the other way.
 */
export class CommandPost {
  private gathered: ExecuteMessage[] = [];
  private scheduled = false;

  constructor(
    private readonly post: (message: ToWriteWorker) => void,
    /** A command whose input cannot cross the thread fails alone, with why. */
    private readonly failUncloneable: (id: number, error: unknown) => void,
  ) {}

  send(message: ToWriteWorker): void {
    if (message.kind !== 'execute') {
      this.flush();
      this.post(message);
      return;
    }
    this.gathered.push(message);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    const commands = this.gathered;
    this.gathered = [];
    postTogether(commands, (all) => this.post({ kind: 'several', messages: all }), (command) => this.postOne(command));
  }

  private postOne(command: ExecuteMessage): void {
    try {
      this.post(command);
    } catch (error) {
      this.failUncloneable(command.id, error);
    }
  }
}
