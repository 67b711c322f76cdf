import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AccountNode } from '../accounts/account.types';
import { ContactNode } from '../contacts/contact.types';
import { OpportunityNode } from '../opportunities/opportunity.types';
import { LeadNode } from './lead.types';
import { WRITERS, Roles } from '../auth/roles.decorator';
import { REPLAYED } from '../shared/mutation-input';

@ObjectType({ description: 'What a lead mutation answers: the lead once the lists show the write, and where the write stands in its stream and the log.' })
@Roles(...WRITERS)
export class LeadPayload {
  @Field(() => LeadNode, { nullable: true, description: 'The lead as the read model has it after this write (the answer waits, boundedly, for it to catch up).' })
  lead!: LeadNode | null | Promise<LeadNode | null>;

  @Field(() => Int, { nullable: true, description: 'Revision of the lead stream after the write; the current one when the command changed nothing. Pass it as expectedRevision next.' })
  revision!: number | null;

  @Field(() => String, { nullable: true, description: 'Global log position of the write, or of the stream\'s last event when nothing changed (opaque).' })
  position!: string | null;

  @Field({ description: REPLAYED })
  replayed!: boolean;
}

@ObjectType({ description: 'The converted lead and the account, contact and (optional) opportunity it became.' })
@Roles(...WRITERS)
export class ConvertLeadPayload extends LeadPayload {
  @Field(() => AccountNode, { nullable: true, description: 'The account the lead converted into, new or existing.' }) account!: AccountNode | null;
  @Field(() => ContactNode, { nullable: true, description: 'The contact the lead became (the same person, the same data subject).' }) contact!: ContactNode | null;
  @Field(() => OpportunityNode, { nullable: true, description: 'The opportunity opened by the conversion; null when none was asked for.' }) opportunity!: OpportunityNode | null;
}
