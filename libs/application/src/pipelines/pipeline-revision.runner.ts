import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { PROCESS_CHECKPOINTS, type CheckpointStore } from '../core/checkpoints';
import { CheckpointedRunner } from '../core/checkpointed-runner';
import { EVENT_STORE } from '../core/tokens';
import { PipelineRevisionProcess } from './pipeline-revision.process';

/**
 * Drives PipelineRevisionProcess from the log with a checkpoint, so a revision whose request died
 * after PipelineRevised was appended still moves its opportunities when a process (re)starts.
 */
@Injectable()
export class PipelineRevisionRunner extends CheckpointedRunner {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PROCESS_CHECKPOINTS) checkpoints: CheckpointStore,
    private readonly process: PipelineRevisionProcess,
  ) {
    super(store, checkpoints, {
      name: 'Pipeline revision',
      checkpoint: 'process:pipeline-revision',
      filter: { categories: ['pipeline'], eventTypes: ['PipelineRevised'] },
    });
  }

  protected async complete(event: RecordedEvent): Promise<void> {
    await this.process.complete(event);
  }
}
