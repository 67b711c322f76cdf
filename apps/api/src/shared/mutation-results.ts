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
    await this.catchUp.waitFor(outcome.position, [logical, ...alsoWaitFor]);
    const node = await this.readModels.get<N>(logical, id);
    return { node, revision: outcome.revision, position: outcome.position?.toString() ?? null, replayed: outcome.replayed };
  }
}
