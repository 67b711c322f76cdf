import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { PROCESS_CHECKPOINTS, type CheckpointStore } from '../core/checkpoints';
import { CheckpointedRunner } from '../core/checkpointed-runner';
import { EVENT_STORE } from '../core/tokens';
import { LeadConversionProcess } from './lead-conversion.process';

/**
 * Drives LeadConversionProcess from the log with a checkpoint, so a conversion whose request died
 * after LeadConverted was appended is completed when the process (re)starts.
 */
@Injectable()
export class LeadConversionRunner extends CheckpointedRunner {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PROCESS_CHECKPOINTS) checkpoints: CheckpointStore,
    private readonly process: LeadConversionProcess,
  ) {
    super(store, checkpoints, { name: 'Lead conversion', checkpoint: 'process:lead-conversion', filter: { categories: ['lead'], eventTypes: ['LeadConverted'] } });
  }

  protected async complete(event: RecordedEvent): Promise<void> {
    await this.process.complete(event);
  }
}
