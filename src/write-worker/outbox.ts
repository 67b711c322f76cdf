import { postTogether } from './post-together';
import type { FromWriteWorker } from './worker-messages';

type Outcome = Extract<FromWriteWorker, { kind: 'outcome' }>;
type News = Extract<FromWriteWorker, { kind: 'checkpointed' }>;

/**
 * The write worker's outcomes and projector news, sent once per turn of its event loop as one message.
 * A group commit answers every command in it at once, and each live projection then tells its news,
 * which were a message each (each `postMessage` clones and wakes the other thread, which handles it as
 * an event of its own); gathered, a wait often finds its news already told when its outcome arrives.
 * A projection's later news replaces its earlier one of the same turn: each says how far everything of
 * its own is stored. Anything else (ready, stopped, a switch, a failed command) is sent at once, after
 * what was gathered, so order holds.
 */
export class Outbox {
  private outcomes: Outcome[] = [];
  private news = new Map<string, News>();
  private scheduled = false;

  constructor(
    private readonly post: (message: FromWriteWorker) => void,
    /** A command whose outcome cannot cross the thread fails alone, with why. */
    private readonly failUncloneable: (id: number, error: unknown) => void,
  ) {}

  send(message: FromWriteWorker): void {
    if (message.kind === 'outcome') this.outcomes.push(message);
    else if (message.kind === 'checkpointed') this.news.set(message.projection, message);
    else {
      this.flush();
      this.post(message);
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends what was gathered: news first, so the waits its outcomes start find them already told. */
  flush(): void {
    this.scheduled = false;
    const messages: FromWriteWorker[] = [...this.news.values(), ...this.outcomes];
    this.news.clear();
    this.outcomes = [];
    postTogether(messages, (all) => this.post({ kind: 'several', messages: all }), (message) => this.postOne(message));
  }

  private postOne(message: FromWriteWorker): void {
    try {
      this.post(message);
    } catch (error) {
      if (message.kind === 'outcome') this.failUncloneable(message.id, error);
      else throw error;
    }
  }
}
