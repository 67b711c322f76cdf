import { Args, Context, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { PipelineReports } from '@crm/application';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { GraphReader } from '../graph/graph-reader';
import { AFTER, FILTER, rolesNote } from '../graphql/argument-descriptions';
import { selectsField } from '../graphql/selects-field';
import type { OpportunityNode } from '../opportunities/opportunity.types';
import { PipelineFilter } from '../pipeline/pipeline.types';
import { pipelineQueryOf } from '../pipeline/pipeline-query';
import { definitionNode } from '../pipelines/pipeline-definition.resolver';
import { MOVEMENT_BUCKETS, MovementBucket, MovementOpportunityConnection, PipelineMovement, type MovementBucketSource } from './movement.types';
import { movementPage } from './movement-page';

type BucketParent = MovementBucketSource & { currency: string };

/**
 * A bucket with its currency, for its connection. `entries` stays a getter: the opportunities behind a
 * bucket are made into objects only when a query pages through them, not for its count and sum.
 */
const bucketIn = (bucket: MovementBucketSource, currency: string): BucketParent => ({
  count: bucket.count,
  amount: bucket.amount,
  currency,
  get entries() {
    return bucket.entries;
  },
});

/**
 * `pipelineMovement`: the pipeline at two instants and, per currency, which opportunities account for
 * the difference (DESIGN.md, "The pipeline through time"). Each bucket pages through its
 * opportunities by id; each edge's node is the opportunity as it is now.
 */
@Resolver(() => MovementBucket)
@Roles(...READERS)
export class PipelineMovementResolver {
  constructor(
    private readonly reports: PipelineReports,
    private readonly graph: GraphReader,
  ) {}

  @Query(() => PipelineMovement, {
    description: `Why the pipeline changed between two instants (business time), per currency: start, created, pulledIn, increased, decreased, pushedOut, won, lost and end, each with its opportunities. An opportunity is in the pipeline at an instant when it is OPEN then in the filter's pipeline (the default one unless named), with its expected close date, owner and currency within the filter then. \`to\` before \`from\` is BAD_USER_INPUT. ${rolesNote(READERS)}`,
  })
  async pipelineMovement(
    @Args('from', { type: () => Date, description: 'The first instant.' }) from: Date,
    @Args('to', { type: () => Date, description: 'The second instant; not before `from`.' }) to: Date,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { type: () => PipelineFilter, nullable: true, description: FILTER }) filter?: PipelineFilter,
  ): Promise<PipelineMovement> {
    // A waterfall reads counts and sums only: listing tens of thousands of opportunities is left out unless a bucket's are asked for.
    const report = await this.reports.movement(from, to, pipelineQueryOf(filter), selectsField(info, 'opportunities'));
    const currencies = report.currencies.map((movement) => {
      const buckets = Object.fromEntries(MOVEMENT_BUCKETS.map((name) => [name, bucketIn(movement[name], movement.currency)]));
      return { currency: movement.currency, ...buckets } as PipelineMovement['currencies'][number];
    });
    return { from, to, pipeline: definitionNode(report.definition), currencies };
  }

  @ResolveField(() => MovementOpportunityConnection, { description: 'The opportunities in this bucket, by id, each with what it adds to the bucket.' })
  async opportunities(
    @Parent() bucket: BucketParent,
    @Context() request: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: 'How many to return: 0 to 500, 20 unless given.' }) first?: number,
    @Args('after', { type: () => String, nullable: true, description: AFTER }) after?: string,
  ): Promise<MovementOpportunityConnection> {
    const page = movementPage(bucket, bucket.currency, first, after);
    const edges = await Promise.all(
      page.edges.map(async ({ opportunityId, ...edge }) => ({ ...edge, node: await this.graph.node<OpportunityNode>(request, 'OPPORTUNITY', opportunityId) })),
    );
    return { ...page, edges };
  }
}
