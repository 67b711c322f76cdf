import { Inject, Logger } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '@crm/domain';
import { projectionNamed, UnknownProjectionError, type ProjectionStatus, type Projector } from '@crm/read-models';
import { READERS, Roles } from '../auth/roles.decorator';
import { PROJECTOR } from '../shared/projector.token';
import { ProjectionNode, RebuildProjectionInput, RebuildProjectionPayload } from './projection.types';

/** How long rebuildProjection waits before answering with the rebuild's progress so far. */
const ANSWER_WITHIN_MS = 1_000;

const toNode = (status: ProjectionStatus): ProjectionNode => ({
  ...status,
  position: status.position?.toString() ?? null,
  headPosition: status.headPosition?.toString() ?? null,
  lag: status.lag.toString(),
  rebuildPosition: status.rebuildPosition?.toString() ?? null,
});

@Resolver(() => ProjectionNode)
export class ProjectionsResolver {
  private readonly logger = new Logger('Projections');

  constructor(@Inject(PROJECTOR) private readonly projector: Projector) {}

  @Query(() => [ProjectionNode], { description: 'Every projection and how far it has read the event log (rep, manager, auditor, analyst, admin).' })
  @Roles(...READERS)
  async projections(): Promise<ProjectionNode[]> {
    return (await this.projector.status()).map(toNode);
  }

  /**
   * Starts a blue-green rebuild (the current copy keeps serving) and answers with its status; the
   * rebuild goes on in the background and `projections` shows its progress.
   */
  @Mutation(() => RebuildProjectionPayload, {
    description:
      'Rebuilds a projection from the whole log into a fresh copy while the current one keeps serving; readers switch once the copy has caught up (analyst, admin).',
  })
  @Roles('analyst')
  async rebuildProjection(@Args('input', { description: 'Which projection to rebuild.' }) input: RebuildProjectionInput): Promise<RebuildProjectionPayload> {
    try {
      projectionNamed(input.name);
    } catch (error) {
      if (error instanceof UnknownProjectionError) throw new NotFoundError('Projection', input.name);
      throw error;
    }
    const rebuild = this.projector.rebuild([input.name]);
    const settled = await Promise.race([rebuild.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), ANSWER_WITHIN_MS))]);
    if (!settled) rebuild.catch((error: unknown) => this.logger.error(`Rebuild of ${input.name} failed: ${String(error)}`));
    const status = (await this.projector.status()).find((s) => s.name === input.name);
    if (!status) throw new NotFoundError('Projection', input.name);
    return { projection: toNode(status) };
  }
}
