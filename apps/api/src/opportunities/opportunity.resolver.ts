import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { AFTER, AS_OF, ENTITY_ID, FILTER, FIRST, ORDER_BY } from '../graphql/argument-descriptions';
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

  @Query(() => OpportunityNode, { nullable: true, description: 'One opportunity by id (rep, manager, auditor, analyst, admin).' })
  async opportunity(
    @Args('id', { type: () => ID, description: ENTITY_ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true, description: AS_OF }) asOf?: Date,
  ): Promise<OpportunityNode | null> {
    return this.entities.find({ readModel: 'opportunities', stream: 'OPPORTUNITY', id }, asOf, request, opportunityNodeFromState);
  }

  @Query(() => OpportunityConnection, { description: 'Opportunities, a page at a time (rep, manager, auditor, analyst, admin).' })
  async opportunities(
    @Args('filter', { type: () => OpportunityFilter, nullable: true, description: FILTER }) filter?: OpportunityFilter,
    @Args('orderBy', { type: () => OpportunityOrder, nullable: true, description: ORDER_BY }) orderBy?: OpportunityOrder,
    @Args('first', { type: () => Int, nullable: true, description: FIRST }) first?: number,
    @Args('after', { type: () => String, nullable: true, description: AFTER }) after?: string,
  ): Promise<OpportunityConnection> {
    const query = { filter: opportunityFilter(filter), sort: opportunitySort(orderBy), first, after };
    return this.readModels.list('opportunities', query, (doc) => doc as unknown as OpportunityNode);
  }
}
