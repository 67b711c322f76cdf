import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { AccountNode } from '../accounts/account.types';
import { GraphReader } from '../graph/graph-reader';
import { ContactNode } from './contact.types';

@Resolver(() => ContactNode)
export class ContactLinksResolver {
  constructor(private readonly graph: GraphReader) {}

  @ResolveField(() => AccountNode, {
    nullable: true,
    description: 'The account the contact works at (or left from, until moving on). As of an instant: the account then, as it was then.',
  })
  account(@Parent() contact: ContactNode, @Context() request: RequestContext): Promise<AccountNode | null> {
    return this.graph.node(request, 'ACCOUNT', contact.accountId, contact.asOf);
  }
}
