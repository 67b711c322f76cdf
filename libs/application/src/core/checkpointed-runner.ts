import { Logger } from '@nestjs/common';
import type { EventStore, LogFilter, RecordedEvent, Subscription } from '@crm/event-store';
import type { CheckpointStore } from './checkpoints';

const ATTEMPTS = 3;

export interface RunnerOptions {
  /** For the log: "Lead conversion". */
  name: string;
  /** Where the checkpoint is kept: `process:<name>`. */
  checkpoint: string;
  filter: LogFilter;
}

/**
 * Drives a process from the log with a checkpoint, so what a request began and a crash cut short is
 * completed when a process (re)starts. The checkpoint is saved after each event is handled; a crash in
 * between only repeats the process's steps, which must be idempotent. An event that fails three
 * times is logged and passed, so one cannot stop every later one.
 */
export abstract class CheckpointedRunner {
  private readonly logger: Logger;
  private subscription: Subscription | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  protected constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly options: RunnerOptions,
  ) {
    this.logger = new Logger(options.name);
  }

  /** Handles every event recorded after the checkpoint, then returns how many it handled. */
  async catchUp(): Promise<number> {
    let handled = 0;
    const after = (await this.checkpoints.get(this.options.checkpoint)) ?? undefined;
    for await (const event of this.store.readAll({ after, filter: this.options.filter })) {
      await this.handle(event);
      handled++;
    }
    return handled;
  }

  /**
   * Follows the log until stop(): catch-up, then live. `mayContinue` (a lease the runner holds) is
   * asked before each event: once it says no, the runner stops taking events, leaving them to whoever
   * holds the lease now.
   */
  start(mayContinue: () => boolean = () => true): void {
    if (this.running) return;
    this.stopping = false;
    this.running = (async () => {
      const after = (await this.checkpoints.get(this.options.checkpoint)) ?? undefined;
      // Stopped while the checkpoint was read: no subscription, or stop() would not know to close it.
      if (this.stopping) return;
      const subscription = this.store.subscribeToAll({ after, filter: this.options.filter });
      this.subscription = subscription;
      try {
        for await (const event of subscription) {
          if (this.stopping || !mayContinue()) break;
          await this.handle(event);
        }
      } finally {
        await subscription.close();
      }
    })().catch((error: unknown) => this.logger.error(`${this.options.name} runner stopped: ${String(error)}`));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
    await this.running;
    this.running = null;
  }

  protected abstract complete(event: RecordedEvent): Promise<void>;

  private async handle(event: RecordedEvent): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await this.complete(event);
        break;
      } catch (error) {
        if (attempt === ATTEMPTS) {
          this.logger.error(`${event.type} ${event.streamName}@${event.revision} could not be completed: ${String(error)}`);
        }
      }
    }
    await this.checkpoints.save(this.options.checkpoint, event.position);
  }
}
