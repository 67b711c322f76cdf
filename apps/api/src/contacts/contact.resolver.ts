import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { EntityReader } from '../shared/entity-reader';
import { ReadModelsService } from '../shared/read-models.service';
import { contactNodeFromState } from '../shared/state-mappers';
import { contactFilter, contactSort } from './contact.filters';
import { ContactConnection, ContactFilter, ContactNode, ContactOrder } from './contact.types';

@Resolver(() => ContactNode)
@Roles(...READERS)
export class ContactResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly entities: EntityReader,
  ) {}

  @Query(() => ContactNode, { nullable: true })
  async contact(
    @Args('id', { type: () => ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date,
  ): Promise<ContactNode | null> {
    return this.entities.find({ readModel: 'contacts', stream: 'CONTACT', id }, asOf, request, contactNodeFromState);
  }

  @Query(() => ContactConnection)
  async contacts(
    @Args('filter', { type: () => ContactFilter, nullable: true }) filter?: ContactFilter,
    @Args('orderBy', { type: () => ContactOrder, nullable: true }) orderBy?: ContactOrder,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ContactConnection> {
    // Contacts are people: their pages are never kept, and neither is the count of a search or an email.
    const findsPerson = Boolean(filter?.search || filter?.email);
    const query = { filter: contactFilter(filter), sort: contactSort(orderBy), first, after, keep: findsPerson ? undefined : ('count' as const) };
    return this.readModels.list('contacts', query, (doc) => doc as unknown as ContactNode);
  }
}
