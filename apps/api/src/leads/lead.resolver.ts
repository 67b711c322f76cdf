import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { HistoryService } from '@crm/application';
import type { LeadState } from '@crm/domain';
import { assertAuditor } from '../auth/assert-auditor';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { ReadModelsService } from '../shared/read-models.service';
import { leadFilter, leadSort } from './lead.filters';
import { LeadConnection, LeadFilter, LeadNode, LeadOrder } from './lead.types';
import { leadNodeFromState } from './lead-state.mapper';

@Resolver(() => LeadNode)
export class LeadResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly history: HistoryService,
  ) {}

  @Query(() => LeadNode, { nullable: true, description: 'With asOf, replayed from the event store up to that instant (auditor).' })
  @Roles(...READERS)
  async lead(
    @Args('id', { type: () => ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date,
  ): Promise<LeadNode | null> {
    if (!asOf) return this.readModels.get<LeadNode>('leads', id);
    assertAuditor(request);
    const replayed = await this.history.stateAsOf('LEAD', id, asOf);
    return replayed ? leadNodeFromState(replayed.state as LeadState, replayed.revision) : null;
  }

  @Query(() => LeadConnection)
  @Roles(...READERS)
  async leads(
    @Args('filter', { type: () => LeadFilter, nullable: true }) filter?: LeadFilter,
    @Args('orderBy', { type: () => LeadOrder, nullable: true }) orderBy?: LeadOrder,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<LeadConnection> {
    const query = { filter: leadFilter(filter), sort: leadSort(orderBy), first, after };
    return this.readModels.list('leads', query, (doc) => doc as unknown as LeadNode);
  }
}
