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

/**
 * A write's payload whose entity, under `field`, is read from its read model only when the query
 * selects it: a getter, as a page's `totalCount` (graphql-js reads a field of the object it is given
 * only when the field is asked for). Most clients ask for the revision alone after a write.
 */
export type EntityPayload<K extends string, N> = { readonly [P in K]: Promise<N | null> } & Omit<WriteResult<N>, 'node'>;

/** What every mutation answers: the entity as its read model has it once the write is applied. */
@Injectable()
export class MutationResults {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly catchUp: ProjectionCatchUp,
  ) {}

  async read<N>(logical: string, id: string, outcome: CommandOutcome<unknown>, alsoWaitFor: string[] = []): Promise<WriteResult<N>> {
    await this.caughtUp(logical, outcome, alsoWaitFor);
    const node = await this.readModels.get<N>(logical, id);
    return { node, ...this.answered(outcome) };
  }

  /**
   * As `read`, the wait included (the answer still comes after every projection named applied the
   * write), but the entity is read only if the query selects `field`, once however often it does.
   */
  async payload<K extends string, N>(field: K, logical: string, id: string, outcome: CommandOutcome<unknown>, alsoWaitFor: string[] = []): Promise<EntityPayload<K, N>> {
    await this.caughtUp(logical, outcome, alsoWaitFor);
    let node: Promise<N | null> | undefined;
    const entity = (): Promise<N | null> => (node ??= this.readModels.get<N>(logical, id));
    return Object.defineProperty(this.answered(outcome), field, { get: entity, enumerable: true }) as EntityPayload<K, N>;
  }

  private async caughtUp(logical: string, outcome: CommandOutcome<unknown>, alsoWaitFor: readonly string[]): Promise<void> {
    // Only when the outcome's position is still its own last event's (some payloads wait for a later one).
    const { written } = outcome;
    const eventAt = written !== undefined && written.position === outcome.position ? { streamId: outcome.streamName, type: written.type } : undefined;
    await this.catchUp.waitFor(outcome.position, [logical, ...alsoWaitFor], undefined, eventAt);
  }

  private answered(outcome: CommandOutcome<unknown>): Omit<WriteResult<never>, 'node'> {
    return { revision: outcome.revision, position: outcome.position?.toString() ?? null, replayed: outcome.replayed };
  }
}
