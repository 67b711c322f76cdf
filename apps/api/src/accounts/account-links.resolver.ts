import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { AccountMember } from '../graph/as-of-reader';
import type { RequestContext } from '../auth/request-user';
import { ContactConnection, ContactNode } from '../contacts/contact.types';
import { OpportunityConnection, OpportunityNode } from '../opportunities/opportunity.types';
import { PageArgs, pagingOf } from '../graphql/page-args';
import { GraphReader } from '../graph/graph-reader';
import { AccountConnection, AccountNode } from './account.types';

const AS_OF_ORDER = 'As of an instant (an account read with asOf): those it had then, as they were then, in the order they joined it.';

/** An account's links: its parent, and its children, contacts and opportunities as connections. */
@Resolver(() => AccountNode)
export class AccountLinksResolver {
  constructor(private readonly graph: GraphReader) {}

  @ResolveField(() => AccountNode, { nullable: true, description: 'The parent account (`parentAccountId`); null for an account without one. As of an instant: the parent it had then, as it was then.' })
  parent(@Parent() account: AccountNode, @Context() request: RequestContext): Promise<AccountNode | null> {
    return this.graph.node(request, 'ACCOUNT', account.parentAccountId, account.asOf);
  }

  @ResolveField(() => AccountConnection, { description: `Accounts whose parent this is, by name. ${AS_OF_ORDER}` })
  children(@Parent() account: AccountNode, @Context() request: RequestContext, @Args() page: PageArgs): Promise<AccountConnection> {
    return this.members(request, 'CHILD', account, page);
  }

  @ResolveField(() => ContactConnection, { description: `Contacts at this account (those who left it too, until they move on), by last name. ${AS_OF_ORDER}` })
  contacts(@Parent() account: AccountNode, @Context() request: RequestContext, @Args() page: PageArgs): Promise<ContactConnection> {
    return this.members<ContactNode>(request, 'CONTACT', account, page);
  }

  @ResolveField(() => OpportunityConnection, {
    description:
      'Opportunities at this account, open and closed, by expected close date. ' +
      'As of an instant (an account read with asOf): those opened there by then, as they were then, in the order opened.',
  })
  opportunities(@Parent() account: AccountNode, @Context() request: RequestContext, @Args() page: PageArgs): Promise<OpportunityConnection> {
    return this.members<OpportunityNode>(request, 'OPPORTUNITY', account, page);
  }

  private members<N>(request: RequestContext, kind: AccountMember, account: AccountNode, page: PageArgs) {
    return this.graph.members<N>(request, kind, account.id, account.asOf, pagingOf(page));
  }
}
