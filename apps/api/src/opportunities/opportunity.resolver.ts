import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { EntityReader } from '../shared/entity-reader';
import { ReadModelsService } from '../shared/read-models.service';
import { opportunityNodeFromState } from '../shared/state-mappers';
import { opportunityFilter, opportunitySort } from './opportunity.filters';
import { OpportunityConnection, OpportunityFilter, OpportunityNode, OpportunityOrder } from './opportunity.types';

@Resolver(() => OpportunityNode)
@Roles(...READERS)
export class OpportunityResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly entities: EntityReader,
  ) {}

  @Query(() => OpportunityNode, { nullable: true })
  async opportunity(
    @Args('id', { type: () => ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date,
  ): Promise<OpportunityNode | null> {
    return this.entities.find({ readModel: 'opportunities', stream: 'OPPORTUNITY', id }, asOf, request, opportunityNodeFromState);
  }

  @Query(() => OpportunityConnection)
  async opportunities(
    @Args('filter', { type: () => OpportunityFilter, nullable: true }) filter?: OpportunityFilter,
    @Args('orderBy', { type: () => OpportunityOrder, nullable: true }) orderBy?: OpportunityOrder,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<OpportunityConnection> {
    const query = { filter: opportunityFilter(filter), sort: opportunitySort(orderBy), first, after, keep: 'page' as const };
    return this.readModels.list('opportunities', query, (doc) => doc as unknown as OpportunityNode);
  }
}
