import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { AFTER, AS_OF, ENTITY_ID, FILTER, FIRST, ORDER_BY } from '../graphql/argument-descriptions';
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

  @Query(() => ContactNode, { nullable: true, description: 'One contact by id (rep, manager, auditor, analyst, admin).' })
  async contact(
    @Args('id', { type: () => ID, description: ENTITY_ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true, description: AS_OF }) asOf?: Date,
  ): Promise<ContactNode | null> {
    return this.entities.find({ readModel: 'contacts', stream: 'CONTACT', id }, asOf, request, contactNodeFromState);
  }

  @Query(() => ContactConnection, { description: 'Contacts, a page at a time (rep, manager, auditor, analyst, admin).' })
  async contacts(
    @Args('filter', { type: () => ContactFilter, nullable: true, description: FILTER }) filter?: ContactFilter,
    @Args('orderBy', { type: () => ContactOrder, nullable: true, description: ORDER_BY }) orderBy?: ContactOrder,
    @Args('first', { type: () => Int, nullable: true, description: FIRST }) first?: number,
    @Args('after', { type: () => String, nullable: true, description: AFTER }) after?: string,
  ): Promise<ContactConnection> {
    const query = { filter: contactFilter(filter), sort: contactSort(orderBy), first, after };
    return this.readModels.list('contacts', query, (doc) => doc as unknown as ContactNode);
  }
}
