import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { AFTER, AS_OF, ENTITY_ID, FILTER, FIRST, ORDER_BY, rolesNote } from '../graphql/argument-descriptions';
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

  @Query(() => LeadNode, {
    nullable: true,
    description: `One lead by id; null if there is none. ${rolesNote(READERS)} With asOf, replayed from the event store up to that instant (auditor, admin).`,
  })
  async lead(
    @Args('id', { type: () => ID, description: ENTITY_ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true, description: AS_OF }) asOf?: Date,
  ): Promise<LeadNode | null> {
    return this.entities.find({ readModel: 'leads', stream: 'LEAD', id }, asOf, request, leadNodeFromState);
  }

  @Query(() => LeadConnection, { description: `Leads, newest capture first unless orderBy says otherwise. ${rolesNote(READERS)}` })
  async leads(
    @Args('filter', { type: () => LeadFilter, nullable: true, description: FILTER }) filter?: LeadFilter,
    @Args('orderBy', { type: () => LeadOrder, nullable: true, description: ORDER_BY }) orderBy?: LeadOrder,
    @Args('first', { type: () => Int, nullable: true, description: FIRST }) first?: number,
    @Args('after', { type: () => String, nullable: true, description: AFTER }) after?: string,
  ): Promise<LeadConnection> {
    const query = { filter: leadFilter(filter), sort: leadSort(orderBy), first, after };
    return this.readModels.list('leads', query, (doc) => doc as unknown as LeadNode);
  }
}
