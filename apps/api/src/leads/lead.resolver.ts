import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { pagingOf } from '../graphql/page-args';
import { EntityReader } from '../shared/entity-reader';
import { ReadModelsService } from '../shared/read-models.service';
import { leadFilter, leadSort } from './lead.filters';
import { LeadConnection, LeadListArgs, LeadNode } from './lead.types';

@Resolver(() => LeadNode)
@Roles(...READERS)
export class LeadResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly entities: EntityReader,
  ) {}

  @Query(() => LeadNode, { nullable: true, description: 'With asOf, replayed from the event store up to that instant (auditor).' })
  async lead(
    @Args('id', { type: () => ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date,
  ): Promise<LeadNode | null> {
    return this.entities.find({ stream: 'LEAD', id }, asOf, request);
  }

  @Query(() => LeadConnection)
  async leads(@Args() args: LeadListArgs): Promise<LeadConnection> {
    const { filter, orderBy, ...page } = args;
    const query = { filter: leadFilter(filter), sort: leadSort(orderBy), ...pagingOf(page) };
    return this.readModels.list('leads', query, (doc) => doc as unknown as LeadNode);
  }
}
