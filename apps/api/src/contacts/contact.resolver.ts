import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { HistoryService } from '@crm/application';
import type { ContactState } from '@crm/domain';
import { assertAuditor } from '../auth/assert-auditor';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { ReadModelsService } from '../shared/read-models.service';
import { contactNodeFromState } from '../shared/state-mappers';
import { contactFilter, contactSort } from './contact.filters';
import { ContactConnection, ContactFilter, ContactNode, ContactOrder } from './contact.types';

@Resolver(() => ContactNode)
@Roles(...READERS)
export class ContactResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly history: HistoryService,
  ) {}

  @Query(() => ContactNode, { nullable: true })
  async contact(
    @Args('id', { type: () => ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date,
  ): Promise<ContactNode | null> {
    if (!asOf) return this.readModels.get<ContactNode>('contacts', id);
    assertAuditor(request);
    const replayed = await this.history.stateAsOf('CONTACT', id, asOf);
    return replayed ? contactNodeFromState(replayed.state as ContactState, replayed.revision) : null;
  }

  @Query(() => ContactConnection)
  async contacts(
    @Args('filter', { type: () => ContactFilter, nullable: true }) filter?: ContactFilter,
    @Args('orderBy', { type: () => ContactOrder, nullable: true }) orderBy?: ContactOrder,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ContactConnection> {
    const query = { filter: contactFilter(filter), sort: contactSort(orderBy), first, after };
    return this.readModels.list('contacts', query, (doc) => doc as unknown as ContactNode);
  }
}
