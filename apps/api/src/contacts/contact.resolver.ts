import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
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

  @Query(() => ContactNode, { nullable: true, description: 'With asOf (auditor): the contact as it stood then, at the account it worked at then.' })
  async contact(
    @Args('id', { type: () => ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date,
  ): Promise<ContactNode | null> {
    return this.entities.find({ stream: 'CONTACT', id }, asOf, request);
  }

  @Query(() => ContactConnection)
  async contacts(@Args() args: ContactListArgs): Promise<ContactConnection> {
    const { filter, orderBy, ...page } = args;
    const query = { filter: contactFilter(filter), sort: contactSort(orderBy), ...pagingOf(page) };
    return this.readModels.list('contacts', query, (doc) => doc as unknown as ContactNode);
  }
}
