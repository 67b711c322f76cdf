import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { AS_OF, ENTITY_ID, rolesNote } from '../graphql/argument-descriptions';
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

  @Query(() => OpportunityNode, {
    nullable: true,
    description: `One opportunity by id; null if there is none. ${rolesNote(READERS)} With asOf (auditor, admin): the opportunity as it stood then, with its account's name then.`,
  })
  async opportunity(
    @Args('id', { type: () => ID, description: ENTITY_ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true, description: AS_OF }) asOf?: Date,
  ): Promise<OpportunityNode | null> {
    return this.entities.find({ stream: 'OPPORTUNITY', id }, asOf, request);
  }

  @Query(() => OpportunityConnection, { description: `Opportunities, by expected close date unless orderBy says otherwise, or best match first when searched. ${rolesNote(READERS)}` })
  async opportunities(@Args() args: OpportunityListArgs): Promise<OpportunityConnection> {
    const { filter, orderBy, ...page } = args;
    const query = { filter: opportunityFilter(filter), sort: opportunitySort(orderBy, filter), ...pagingOf(page), keep: 'page' as const };
    return this.readModels.list('opportunities', query, (doc) => doc as unknown as OpportunityNode);
  }
}
