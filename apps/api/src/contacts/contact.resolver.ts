import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { AS_OF, ENTITY_ID, rolesNote } from '../graphql/argument-descriptions';
import { pagingOf } from '../graphql/page-args';
import { EntityReader } from '../shared/entity-reader';
import { ReadModelsService } from '../shared/read-models.service';
import { contactFilter, contactSort } from './contact.filters';
import { ContactConnection, ContactListArgs, ContactNode } from './contact.types';

@Resolver(() => ContactNode)
@Roles(...READERS)
export class ContactResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly entities: EntityReader,
  ) {}

  @Query(() => ContactNode, {
    nullable: true,
    description: `One contact by id; null if there is none. ${rolesNote(READERS)} With asOf (auditor, admin): the contact as it stood then, at the account it worked at then.`,
  })
  async contact(
    @Args('id', { type: () => ID, description: ENTITY_ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true, description: AS_OF }) asOf?: Date,
  ): Promise<ContactNode | null> {
    return this.entities.find({ stream: 'CONTACT', id }, asOf, request);
  }

  @Query(() => ContactConnection, { description: `Contacts, by last name unless orderBy says otherwise, or best match first when searched. ${rolesNote(READERS)}` })
  async contacts(@Args() args: ContactListArgs): Promise<ContactConnection> {
    const { filter, orderBy, ...page } = args;
    // Contacts are people: their pages are never kept, and neither is the count of a search or an email.
    const findsPerson = Boolean(filter?.search || filter?.email);
    const query = { filter: contactFilter(filter), sort: contactSort(orderBy, filter), ...pagingOf(page), keep: findsPerson ? undefined : ('count' as const) };
    return this.readModels.list('contacts', query, (doc) => doc as unknown as ContactNode);
  }
}
