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

  /** Follows the log until stop(): catch-up, then live. */
  start(): void {
    if (this.running) return;
    this.running = (async () => {
      const after = (await this.checkpoints.get(this.options.checkpoint)) ?? undefined;
      this.subscription = this.store.subscribeToAll({ after, filter: this.options.filter });
      for await (const event of this.subscription) await this.handle(event);
    })().catch((error: unknown) => this.logger.error(`${this.options.name} runner stopped: ${String(error)}`));
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
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
