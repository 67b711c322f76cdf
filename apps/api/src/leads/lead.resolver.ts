import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { EntityReader } from '../shared/entity-reader';
import { leadNodeFromState } from '../shared/state-mappers';
import { ReadModelsService } from '../shared/read-models.service';
import { leadFilter, leadSort } from './lead.filters';
import { LeadConnection, LeadFilter, LeadNode, LeadOrder } from './lead.types';


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
    return this.entities.find({ readModel: 'leads', stream: 'LEAD', id }, asOf, request, leadNodeFromState);
  }

  @Query(() => LeadConnection)
  async leads(
    @Args('filter', { type: () => LeadFilter, nullable: true }) filter?: LeadFilter,
    @Args('orderBy', { type: () => LeadOrder, nullable: true }) orderBy?: LeadOrder,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<LeadConnection> {
    // Leads are people: their pages are never kept, and neither is the count of a search for one.
    const query = { filter: leadFilter(filter), sort: leadSort(orderBy), first, after, keep: filter?.search ? undefined : ('count' as const) };
    return this.readModels.list('leads', query, (doc) => doc as unknown as LeadNode);
  }
}
