import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { AccountNode } from '../accounts/account.types';
import { ContactNode } from '../contacts/contact.types';
import { GraphReader } from '../graph/graph-reader';
import { OpportunityContactRole, OpportunityNode } from './opportunity.types';

@Resolver(() => OpportunityNode)
export class OpportunityLinksResolver {
  constructor(private readonly graph: GraphReader) {}

  @ResolveField(() => AccountNode, { nullable: true, description: 'The account of the deal. As of an instant: as it was then.' })
  account(@Parent() opportunity: OpportunityNode, @Context() request: RequestContext): Promise<AccountNode | null> {
    return this.graph.node(request, 'ACCOUNT', opportunity.accountId, opportunity.asOf);
  }

  /** The roles carry the instant the opportunity was read as of, for their contacts. */
  @ResolveField(() => [OpportunityContactRole])
  contactRoles(@Parent() opportunity: OpportunityNode): OpportunityContactRole[] {
    return opportunity.contactRoles.map((role) => ({ ...role, asOf: opportunity.asOf }));
  }
}

@Resolver(() => OpportunityContactRole)
export class OpportunityContactRoleResolver {
  constructor(private readonly graph: GraphReader) {}

  @ResolveField(() => ContactNode, { nullable: true, description: 'The contact in this role. As of an instant: as they were then.' })
  contact(@Parent() role: OpportunityContactRole, @Context() request: RequestContext): Promise<ContactNode | null> {
    return this.graph.node(request, 'CONTACT', role.contactId, role.asOf);
  }
}
