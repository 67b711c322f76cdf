import { Injectable } from '@nestjs/common';
import type { CommandOutcome } from '@crm/application';
import { ReadModelsService } from './read-models.service';
import { ProjectionCatchUp } from './projection-catch-up';

export interface WriteResult<N> {
  node: N | null;
  revision: number | null;
  position: string | null;
  replayed: boolean;
}

/** What every mutation answers: the entity as its read model has it once the write is applied. */
@Injectable()
export class MutationResults {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly catchUp: ProjectionCatchUp,
  ) {}

  async read<N>(logical: string, id: string, outcome: CommandOutcome<unknown>, alsoWaitFor: string[] = []): Promise<WriteResult<N>> {
    // Only when the outcome's position is still its own last event's (some payloads wait for a later one).
    const { written } = outcome;
    const eventAt = written !== undefined && written.position === outcome.position ? { streamId: outcome.streamName, type: written.type } : undefined;
    await this.catchUp.waitFor(outcome.position, [logical, ...alsoWaitFor], undefined, eventAt);
    const node = await this.readModels.get<N>(logical, id);
    return { node, revision: outcome.revision, position: outcome.position?.toString() ?? null, replayed: outcome.replayed };
  }
}
