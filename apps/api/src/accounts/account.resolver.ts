import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Doc } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { ContactConnection, type ContactNode } from '../contacts/contact.types';
import { OpportunityConnection, type OpportunityNode } from '../opportunities/opportunity.types';
import { byAccountLoader } from '../shared/by-account.loader';
import { firstPageOf } from '../shared/nested-connection';
import { EntityReader } from '../shared/entity-reader';
import { ReadModelsService } from '../shared/read-models.service';
import { accountNodeFromState } from '../shared/state-mappers';
import { accountFilter, accountSort } from './account.filters';
import { AccountConnection, AccountFilter, AccountNode, AccountOrder } from './account.types';

const CONTACT_SORT = [{ field: 'lastName', direction: 'asc' as const }];
const OPPORTUNITY_SORT = [{ field: 'expectedCloseDate', direction: 'asc' as const }];

@Resolver(() => AccountNode)
@Roles(...READERS)
export class AccountResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly entities: EntityReader,
  ) {}

  @Query(() => AccountNode, { nullable: true })
  async account(
    @Args('id', { type: () => ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date,
  ): Promise<AccountNode | null> {
    return this.entities.find({ readModel: 'accounts', stream: 'ACCOUNT', id }, asOf, request, accountNodeFromState);
  }

  @Query(() => AccountConnection)
  async accounts(
    @Args('filter', { type: () => AccountFilter, nullable: true }) filter?: AccountFilter,
    @Args('orderBy', { type: () => AccountOrder, nullable: true }) orderBy?: AccountOrder,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AccountConnection> {
    const query = { filter: accountFilter(filter), sort: accountSort(orderBy), first, after, keep: 'page' as const };
    return this.readModels.list('accounts', query, (doc) => doc as unknown as AccountNode);
  }

  @ResolveField(() => ContactConnection, { description: 'Contacts at this account, by last name.' })
  async contacts(
    @Parent() account: AccountNode,
    @Context() request: RequestContext,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ContactConnection> {
    if (after) return this.readModels.list('contacts', { filter: { accountId: account.id }, sort: CONTACT_SORT, first, after }, (d) => d as unknown as ContactNode);
    const docs = await byAccountLoader<Doc>(request, this.readModels, 'contacts').load(account.id);
    return firstPageOf(docs, CONTACT_SORT, first, (d) => d as unknown as ContactNode);
  }

  @ResolveField(() => OpportunityConnection, { description: 'Opportunities at this account, by expected close date.' })
  async opportunities(
    @Parent() account: AccountNode,
    @Context() request: RequestContext,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<OpportunityConnection> {
    if (after) return this.readModels.list('opportunities', { filter: { accountId: account.id }, sort: OPPORTUNITY_SORT, first, after }, (d) => d as unknown as OpportunityNode);
    const docs = await byAccountLoader<Doc>(request, this.readModels, 'opportunities').load(account.id);
    return firstPageOf(docs, OPPORTUNITY_SORT, first, (d) => d as unknown as OpportunityNode);
  }
}
