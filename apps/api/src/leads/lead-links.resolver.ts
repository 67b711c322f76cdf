import { Context, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { AccountNode } from '../accounts/account.types';
import { ContactNode } from '../contacts/contact.types';
import { OpportunityNode } from '../opportunities/opportunity.types';
import { GraphReader } from '../graph/graph-reader';
import { LeadNode } from './lead.types';

/** What a converted lead became; read as of the instant the lead was read as of, if any. */
@ObjectType('LeadConversion', { description: 'The account, contact and opportunity a lead was converted into.' })
@Roles(...READERS)
export class LeadConversion {
  accountId!: string;
  contactId!: string;
  opportunityId!: string | null;
  asOf?: Date;
}

@Resolver(() => LeadNode)
export class LeadLinksResolver {
  @ResolveField(() => LeadConversion, { nullable: true, description: 'What the lead was converted into; null until it is converted (read with asOf: until then, its entities as they were then).' })
  convertedTo(@Parent() lead: LeadNode): LeadConversion | null {
    if (lead.convertedAccountId === null || lead.convertedContactId === null) return null;
    return { accountId: lead.convertedAccountId, contactId: lead.convertedContactId, opportunityId: lead.convertedOpportunityId, asOf: lead.asOf };
  }
}

const NOT_YET = 'Null until the read models show it, or as of an instant before it existed.';

/**
 * The conversion's entities are made right after the lead records it, at its business time; until
 * the read models show them (or, as of an instant, before they existed) they are null.
 */
@Resolver(() => LeadConversion)
export class LeadConversionResolver {
  constructor(private readonly graph: GraphReader) {}

  @ResolveField(() => AccountNode, { nullable: true, description: `The account the lead became a contact at: a new one, or the existing one the conversion named. ${NOT_YET}` })
  account(@Parent() conversion: LeadConversion, @Context() request: RequestContext): Promise<AccountNode | null> {
    return this.graph.node(request, 'ACCOUNT', conversion.accountId, conversion.asOf);
  }

  @ResolveField(() => ContactNode, { nullable: true, description: `The contact the lead became. ${NOT_YET}` })
  contact(@Parent() conversion: LeadConversion, @Context() request: RequestContext): Promise<ContactNode | null> {
    return this.graph.node(request, 'CONTACT', conversion.contactId, conversion.asOf);
  }

  @ResolveField(() => OpportunityNode, { nullable: true, description: `The opportunity the conversion opened; null when it opened none. ${NOT_YET}` })
  opportunity(@Parent() conversion: LeadConversion, @Context() request: RequestContext): Promise<OpportunityNode | null> {
    return this.graph.node(request, 'OPPORTUNITY', conversion.opportunityId, conversion.asOf);
  }
}
