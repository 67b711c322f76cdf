import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ContactRole, LossReason } from '@crm/domain';
import { DecimalScalar } from '../graphql/scalars';
import { MutationInput, REPLAYED } from '../shared/mutation-input';
import { PAYLOAD_POSITION, PAYLOAD_REVISION, payloadEntity } from '../shared/payload-descriptions';
import { OpportunityNode } from './opportunity.types';
import { WRITERS, Roles } from '../auth/roles.decorator';

const TEXT = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: 'must be a date as YYYY-MM-DD' };

/** What the domain's parsers accept (Money, Currency, CalendarDate, UserId). */
const AMOUNT = `A non-negative decimal with at most the currency's minor digits ("12500.00" EUR, "12500" JPY), up to 10^15.`;
const CURRENCY = 'An ISO 4217 code such as EUR (any case, stored in capitals).';
const CLOSE_DATE = 'A real date as YYYY-MM-DD.';
const NAME = 'One line, 1 to 200 characters.';
const OWNER = "A user id as the token's `sub` carries it: one line without spaces, up to 200 characters.";
const STAGE_KEY = 40;
const CLOSING_STAGE =
  "A stage key of the opportunity's pipeline (any letter case): another key is RULE_VIOLATION STAGE_NOT_IN_PIPELINE, a WON or LOST stage STAGE_NOT_OPEN (winOpportunity and loseOpportunity close).";

@InputType({ description: 'A new deal at an account, in a pipeline (the default one unless named).' })
export class OpenOpportunityInput extends MutationInput {
  @Field(() => ID, {
    nullable: true,
    description: "The new opportunity's id (a UUID) if you choose it; else one derived from `commandId`, so a retry with the same commandId opens no second one.",
  })
  @IsOptional() @IsUUID() id?: string;
  @Field(() => ID, { description: 'The account the deal is with; it must exist (else RULE_VIOLATION ACCOUNT_NOT_FOUND).' }) @IsUUID() accountId!: string;
  @Field({ description: `What the deal is called. ${NAME}` }) @IsString() @MaxLength(TEXT) name!: string;
  @Field(() => DecimalScalar, { description: `The expected deal value. ${AMOUNT}` }) @IsString() amount!: string;
  @Field({ description: `The amount's currency. ${CURRENCY}` }) @IsString() @MaxLength(3) currency!: string;
  @Field({ description: `When the deal is expected to close. ${CLOSE_DATE}` }) @Matches(DATE, DATE_MESSAGE) expectedCloseDate!: string;
  @Field({ nullable: true, description: `The rep who owns it; the caller when omitted. ${OWNER}` }) @IsOptional() @IsString() @MaxLength(TEXT) ownerId?: string;
  @Field(() => ID, {
    nullable: true,
    description: 'A primary contact: an active contact of the same account, else RULE_VIOLATION CONTACT_NOT_AT_ACCOUNT.',
  })
  @IsOptional() @IsUUID() primaryContactId?: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The pipeline it goes into; the default pipeline when omitted. Unknown: RULE_VIOLATION PIPELINE_NOT_FOUND; archived: PIPELINE_ARCHIVED.',
  })
  @IsOptional() @IsUUID() pipelineId?: string;
  @Field({ nullable: true, description: `The OPEN stage it starts at; the pipeline's first OPEN stage when omitted. ${CLOSING_STAGE}` })
  @IsOptional() @IsString() @MaxLength(STAGE_KEY) stage?: string;
}

@InputType({ description: 'The opportunity a mutation acts on.' })
export class OpportunityRefInput extends MutationInput {
  @Field(() => ID, { description: 'The opportunity; an unknown one is NOT_FOUND.' }) @IsUUID() opportunityId!: string;
}

@InputType({ description: "An open opportunity's next stage, forwards or backwards." })
export class ChangeOpportunityStageInput extends OpportunityRefInput {
  @Field({ description: `The OPEN stage to move to; the current one is a no-op. ${CLOSING_STAGE}` })
  @IsString() @MaxLength(STAGE_KEY) stage!: string;
}

@InputType({ description: 'A new name, amount or close date of an open opportunity: omitted fields stay as they are.' })
export class ReviseOpportunityInput extends OpportunityRefInput {
  @Field({ nullable: true, description: `New name. ${NAME}` }) @IsOptional() @IsString() @MaxLength(TEXT) name?: string;
  @Field(() => DecimalScalar, { nullable: true, description: `New amount, in \`currency\` if given, else in the current one. ${AMOUNT}` })
  @IsOptional() @IsString() amount?: string;
  @Field({ nullable: true, description: `New currency; needs \`amount\` (else BAD_USER_INPUT on amount). ${CURRENCY}` })
  @IsOptional() @IsString() @MaxLength(3) currency?: string;
  @Field({ nullable: true, description: `New expected close date. ${CLOSE_DATE}` }) @IsOptional() @Matches(DATE, DATE_MESSAGE) expectedCloseDate?: string;
}

@InputType({ description: "An open opportunity's new owner." })
export class AssignOpportunityInput extends OpportunityRefInput {
  @Field({ description: `The new owner. ${OWNER}` }) @IsString() @MaxLength(TEXT) ownerId!: string;
}

@InputType({ description: 'A role for a contact in an open opportunity.' })
export class AssignContactRoleInput extends OpportunityRefInput {
  @Field(() => ID, { description: "An active contact of the opportunity's account, else RULE_VIOLATION CONTACT_NOT_AT_ACCOUNT." })
  @IsUUID() contactId!: string;
  @Field(() => ContactRole, { description: 'The role to add; a contact may hold several, one call each.' })
  @IsEnum(ContactRole) role!: ContactRole;
  @Field({ defaultValue: false, description: 'true makes this contact the primary one, in place of any other; false leaves the primary contact as it is.' })
  @IsBoolean() primary!: boolean;
}

@InputType({ description: 'Why an open opportunity was lost.' })
export class LoseOpportunityInput extends OpportunityRefInput {
  @Field(() => LossReason, { description: 'Why it was lost.' }) @IsEnum(LossReason) reason!: LossReason;
  @Field({ nullable: true, description: 'Who won the deal instead, when known: one line, up to 200 characters.' })
  @IsOptional() @IsString() @MaxLength(TEXT) competitor?: string;
  @Field({
    nullable: true,
    description: 'Free text on the loss, up to 2000 characters. Kept in plain text in the event log (and `history`), so no place for personal data.',
  })
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
  @Field({ nullable: true, description: "The LOST stage it closes at, when its pipeline has several; the first LOST stage when omitted. Another key: RULE_VIOLATION STAGE_NOT_LOST." })
  @IsOptional() @IsString() @MaxLength(STAGE_KEY) stage?: string;
}

@InputType({ description: 'A won or lost opportunity to open again.' })
export class ReopenOpportunityInput extends OpportunityRefInput {
  @Field({
    nullable: true,
    description: `The OPEN stage to reopen at; when omitted, the stage it was closed from if that is still an OPEN stage, else the pipeline's first. ${CLOSING_STAGE}`,
  })
  @IsOptional() @IsString() @MaxLength(STAGE_KEY) stage?: string;
}

@InputType({ description: 'An open opportunity to take into another pipeline.' })
export class MoveOpportunityToPipelineInput extends OpportunityRefInput {
  @Field(() => ID, { description: 'The pipeline to move it into. Unknown: RULE_VIOLATION PIPELINE_NOT_FOUND; archived: PIPELINE_ARCHIVED.' })
  @IsUUID() pipelineId!: string;
  @Field({
    nullable: true,
    description:
      "The OPEN stage of that pipeline it arrives at; its first OPEN stage when omitted (or, for the pipeline it is in, the stage it is at: a no-op). Another key: RULE_VIOLATION STAGE_NOT_IN_PIPELINE or STAGE_NOT_OPEN.",
  })
  @IsOptional() @IsString() @MaxLength(STAGE_KEY) stage?: string;
}

@ObjectType({ description: 'What an opportunity mutation wrote.' })
@Roles(...WRITERS)
export class OpportunityPayload {
  @Field(() => OpportunityNode, { nullable: true, description: payloadEntity('opportunity') }) opportunity!: OpportunityNode | null | Promise<OpportunityNode | null>;
  @Field(() => Int, { nullable: true, description: PAYLOAD_REVISION }) revision!: number | null;
  @Field(() => String, { nullable: true, description: PAYLOAD_POSITION }) position!: string | null;
  @Field({ description: REPLAYED }) replayed!: boolean;
}
