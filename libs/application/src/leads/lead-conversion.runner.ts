import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '@crm/event-store';
import { PROCESS_CHECKPOINTS, type CheckpointStore } from '../core/checkpoints';
import { EVENT_STORE } from '../core/tokens';
import { LeadConversionProcess } from './lead-conversion.process';

const CHECKPOINT = 'process:lead-conversion';
const FILTER = { categories: ['lead'], eventTypes: ['LeadConverted'] };
const ATTEMPTS = 3;

/**
 * Drives LeadConversionProcess from the log with a checkpoint, so a conversion whose request died
 * after LeadConverted was appended is completed when the process (re)starts. The checkpoint is saved
 * after completion; a crash in between only repeats idempotent steps.
 */
@Injectable()
export class LeadConversionRunner {
  private readonly logger = new Logger(LeadConversionRunner.name);
  private subscription: Subscription | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROCESS_CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    private readonly process: LeadConversionProcess,
  ) {}

  /** Completes every conversion recorded after the checkpoint, then returns how many it handled. */
  async catchUp(): Promise<number> {
    let handled = 0;
    const after = (await this.checkpoints.get(CHECKPOINT)) ?? undefined;
    for await (const event of this.store.readAll({ after, filter: FILTER })) {
      await this.handle(event);
      handled++;
    }
    return handled;
  }

  /** Follows the log until stop(): catch-up, then live. */
  start(): void {
    if (this.running) return;
    this.running = (async () => {
      const after = (await this.checkpoints.get(CHECKPOINT)) ?? undefined;
      this.subscription = this.store.subscribeToAll({ after, filter: FILTER });
      for await (const event of this.subscription) await this.handle(event);
    })().catch((error: unknown) => this.logger.error(`Lead conversion runner stopped: ${String(error)}`));
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.running;
    this.running = null;
  }

  private async handle(event: RecordedEvent): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await this.process.complete(event);
        break;
      } catch (error) {
        if (attempt === ATTEMPTS) {
          this.logger.error(`Conversion ${event.streamName}@${event.revision} could not be completed: ${String(error)}`);
        }
      }
    }
    await this.checkpoints.save(CHECKPOINT, event.position);
  }
}
