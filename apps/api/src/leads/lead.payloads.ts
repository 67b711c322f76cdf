import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AccountNode } from '../accounts/account.types';
import { ContactNode } from '../contacts/contact.types';
import { OpportunityNode } from '../opportunities/opportunity.types';
import { LeadNode } from './lead.types';
import { WRITERS, Roles } from '../auth/roles.decorator';

@ObjectType()
@Roles(...WRITERS)
export class LeadPayload {
  @Field(() => LeadNode, { nullable: true, description: 'The lead as the read model has it after this write.' })
  lead!: LeadNode | null;

  @Field(() => Int, { nullable: true, description: 'Revision of the lead stream after the write.' })
  revision!: number | null;

  @Field(() => String, { nullable: true, description: 'Global log position of the write (opaque).' })
  position!: string | null;
}

@ObjectType({ description: 'The converted lead and the account, contact and (optional) opportunity it became.' })
@Roles(...WRITERS)
export class ConvertLeadPayload extends LeadPayload {
  @Field(() => AccountNode, { nullable: true }) account!: AccountNode | null;
  @Field(() => ContactNode, { nullable: true }) contact!: ContactNode | null;
  @Field(() => OpportunityNode, { nullable: true }) opportunity!: OpportunityNode | null;
}
