import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { AS_OF, ENTITY_ID, rolesNote } from '../graphql/argument-descriptions';
import { pagingOf } from '../graphql/page-args';
import { EntityReader } from '../shared/entity-reader';
import { ReadModelsService } from '../shared/read-models.service';
import { accountFilter, accountSort } from './account.filters';
import { AccountConnection, AccountListArgs, AccountNode } from './account.types';

@Resolver(() => AccountNode)
@Roles(...READERS)
export class AccountResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly entities: EntityReader,
  ) {}

  @Query(() => AccountNode, {
    nullable: true,
    description:
      `One account by id; null if there is none. ${rolesNote(READERS)} With asOf (auditor, admin): the account as it stood then, ` +
      'its figures counted from the contacts and opportunities it had then; its links and lists follow the same instant.',
  })
  async account(
    @Args('id', { type: () => ID, description: ENTITY_ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true, description: AS_OF }) asOf?: Date,
  ): Promise<AccountNode | null> {
    return this.entities.find({ stream: 'ACCOUNT', id }, asOf, request);
  }

  @Query(() => AccountConnection, { description: `Accounts, by name unless orderBy says otherwise, or best match first when searched. ${rolesNote(READERS)}` })
  async accounts(@Args() args: AccountListArgs): Promise<AccountConnection> {
    const { filter, orderBy, ...page } = args;
    const query = { filter: accountFilter(filter), sort: accountSort(orderBy, filter), ...pagingOf(page), keep: 'page' as const };
    return this.readModels.list('accounts', query, (doc) => doc as unknown as AccountNode);
  }
}
