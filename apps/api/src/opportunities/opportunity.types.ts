import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ContactRole, LossReason, OpportunityStatus } from '@crm/domain';
import { Connection } from '../graphql/connection';
import { FILTER, ORDER_BY } from '../graphql/argument-descriptions';
import { PageArgs } from '../graphql/page-args';
import { SortDirection } from '../graphql/enums';
import { Money } from '../graphql/money.type';
import { DecimalScalar } from '../graphql/scalars';
import { READERS, Roles } from '../auth/roles.decorator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@ObjectType({ description: 'A role a contact plays in a deal.' })
@Roles(...READERS)
export class OpportunityContactRole {
  @Field(() => ID, { description: "The contact, one of the opportunity's account's. `contact` gives the contact itself." }) contactId!: string;
  @Field(() => ContactRole, { description: 'The role; a contact may hold several, one entry each.' }) role!: ContactRole;
  @Field({ description: "This contact is the opportunity's primary contact." }) primary!: boolean;
  /** The instant the opportunity was read as of, if any. */
  asOf?: Date;
}

@ObjectType('Opportunity', {
  description: 'The chance of a deal at an account, in one pipeline: an amount, an expected close date, an owner and a stage of its pipeline. It ends won or lost.',
})
@Roles(...READERS)
export class OpportunityNode {
  @Field(() => ID, { description: "The opportunity's id, a lowercase UUID." }) id!: string;
  @Field(() => ID, { description: 'The account the deal is with; it never changes. `account` gives the account itself.' }) accountId!: string;
  @Field(() => String, {
    nullable: true,
    description: "The account's name, copied for display and search (read with `asOf`: its name then); null until the account's registration is seen.",
  })
  accountName!: string | null;
  @Field({ description: 'What the deal is called.' }) name!: string;
  @Field(() => Money, { description: "The expected deal value, exact, in the opportunity's currency." }) amount!: Money;
  @Field(() => ID, { description: 'The pipeline it is in; `pipeline` gives the pipeline itself.' }) pipelineId!: string;
  @Field({
    description: "Where the deal stands: a stage key of its pipeline (the default pipeline's are PROSPECTING, QUALIFICATION, PROPOSAL, NEGOTIATION, CLOSED_WON and CLOSED_LOST); its WON or a LOST stage once closed.",
  })
  stage!: string;
  @Field(() => OpportunityStatus, { description: 'OPEN until won or lost; OPEN again when reopened.' }) status!: OpportunityStatus;
  @Field({ description: "The user id (a token's `sub`) of the rep who owns the deal." }) ownerId!: string;
  @Field({ description: 'When the deal is expected to close, as YYYY-MM-DD (a date, no time zone).' }) expectedCloseDate!: string;
  @Field(() => Date, { nullable: true, description: 'When it entered its current stage; winning, losing and reopening count.' })
  stageEnteredAt!: Date | null;
  @Field(() => ID, { nullable: true, description: "The primary contact, one of the account's; null when none was named." })
  primaryContactId!: string | null;
  @Field(() => [OpportunityContactRole], {
    description:
      'One entry per contact and role assigned, in the order assigned; a primary contact named at opening has none until given a role. ' +
      'Each entry\'s `contact` gives the contact itself (read with asOf: as they were then).',
  })
  contactRoles!: OpportunityContactRole[];
  @Field(() => LossReason, { nullable: true, description: 'Why it was lost; null unless LOST.' }) lossReason!: LossReason | null;
  @Field(() => String, { nullable: true, description: 'Who won the deal instead, when known; null unless LOST.' }) competitor!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was won or lost; null while open, a reopen clears it.' })
  closedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was opened.' }) createdAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it last changed (an account rename does not count).' })
  updatedAt!: Date | null;
  @Field(() => Int, { description: "Revision of the opportunity's stream (0-based) this view reflects: the `expectedRevision` for a next write." })
  revision!: number;
  /** Set on a node read as of an instant: its links are read as of the same instant. */
  asOf?: Date;
}

@ObjectType({ description: 'A page of opportunities.' })
export class OpportunityConnection extends Connection(OpportunityNode, 'Opportunity') {}

@InputType({ description: 'Which opportunities to list.' })
export class OpportunityFilter {
  @Field(() => [OpportunityStatus], { nullable: true, description: 'Opportunities with any of these statuses.' })
  @IsOptional() @IsEnum(OpportunityStatus, { each: true }) status?: OpportunityStatus[];
  @Field(() => [ID], { nullable: true, description: 'Opportunities in any of these pipelines.' })
  @IsOptional() @IsUUID('all', { each: true }) pipelineId?: string[];
  @Field(() => [String], { nullable: true, description: 'Opportunities at any of these stage keys (any letter case); with several pipelines, a key names the stage of each that has it.' })
  @IsOptional() @IsString({ each: true }) @MaxLength(40, { each: true }) stage?: string[];
  @Field({ nullable: true, description: "Owned by this user id (a token's `sub`)." }) @IsOptional() @IsString() @MaxLength(200) ownerId?: string;
  @Field(() => ID, { nullable: true, description: 'At this account.' }) @IsOptional() @IsUUID() accountId?: string;
  @Field({ nullable: true, description: 'In this ISO 4217 currency, such as EUR (any case).' }) @IsOptional() @IsString() @MaxLength(3) currency?: string;
  @Field({ nullable: true, description: 'Expected to close on or after this date, YYYY-MM-DD.' }) @IsOptional() @Matches(DATE) closeFrom?: string;
  @Field({ nullable: true, description: 'Expected to close on or before this date, YYYY-MM-DD.' }) @IsOptional() @Matches(DATE) closeTo?: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Amount at least this. Needs `currency`: amounts compare within one currency.' })
  @IsOptional() minAmount?: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Amount at most this. Needs `currency`: amounts compare within one currency.' })
  @IsOptional() maxAmount?: string;
  @Field({ nullable: true, description: 'Words that each start a word of the name or the account name (any letter case, accents aside); all must match. Without orderBy, the best matches come first.' })
  @IsOptional() @IsString() @MaxLength(200) search?: string;
}

export enum OpportunityOrderField {
  EXPECTED_CLOSE_DATE = 'expectedCloseDate',
  /** By currency, then by the exact amount within it (see opportunitySort). */
  AMOUNT = 'amount',
  NAME = 'name',
  STAGE_ENTERED_AT = 'stageEnteredAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(OpportunityOrderField, {
  name: 'OpportunityOrderField',
  description: 'What opportunities can be sorted by.',
  valuesMap: {
    EXPECTED_CLOSE_DATE: { description: 'Expected close date.' },
    AMOUNT: { description: 'Currency first, then the exact amount within each currency, both in the direction asked.' },
    NAME: { description: 'Name.' },
    STAGE_ENTERED_AT: { description: 'When it entered its current stage.' },
    UPDATED_AT: { description: 'When it last changed.' },
  },
});

@InputType({ description: 'How to sort opportunities; by expected close date, ascending, when omitted.' })
export class OpportunityOrder {
  @Field(() => OpportunityOrderField, { description: 'The field to sort by.' }) @IsEnum(OpportunityOrderField) field!: OpportunityOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending unless told otherwise.' })
  @IsEnum(SortDirection) direction!: SortDirection;
}

/** A opportunity list's arguments: Nest hands a resolver's arguments to an argument class whole, so they are declared together. */
@ArgsType()
export class OpportunityListArgs extends PageArgs {
  @Field(() => OpportunityFilter, { nullable: true, description: FILTER }) @IsOptional() @ValidateNested() @Type(() => OpportunityFilter) filter?: OpportunityFilter;
  @Field(() => OpportunityOrder, { nullable: true, description: ORDER_BY }) @IsOptional() @ValidateNested() @Type(() => OpportunityOrder) orderBy?: OpportunityOrder;
}
