import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { pagingOf } from '../graphql/page-args';
import { EntityReader } from '../shared/entity-reader';
import { ReadModelsService } from '../shared/read-models.service';
import { opportunityFilter, opportunitySort } from './opportunity.filters';
import { OpportunityConnection, OpportunityListArgs, OpportunityNode } from './opportunity.types';

@Resolver(() => OpportunityNode)
@Roles(...READERS)
export class OpportunityResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly entities: EntityReader,
  ) {}

  @Query(() => OpportunityNode, { nullable: true, description: 'With asOf (auditor): the opportunity as it stood then, with its account\'s name then.' })
  async opportunity(
    @Args('id', { type: () => ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date,
  ): Promise<OpportunityNode | null> {
    return this.entities.find({ stream: 'OPPORTUNITY', id }, asOf, request);
  }

  @Query(() => OpportunityConnection)
  async opportunities(@Args() args: OpportunityListArgs): Promise<OpportunityConnection> {
    const { filter, orderBy, ...page } = args;
    const query = { filter: opportunityFilter(filter), sort: opportunitySort(orderBy), ...pagingOf(page) };
    return this.readModels.list('opportunities', query, (doc) => doc as unknown as OpportunityNode);
  }
}
