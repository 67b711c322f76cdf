import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DisqualificationReason, LeadSource, LeadStatus, Seniority } from '@crm/domain';
import { Connection } from '../graphql/connection';
import { FILTER, ORDER_BY } from '../graphql/argument-descriptions';
import { PageArgs } from '../graphql/page-args';
import { SortDirection } from '../graphql/enums';
import { PERSON_READERS, PersonalData, Roles } from '../auth/roles.decorator';

const PERSONAL = 'Personal data: null once the person is erased, also when read as of an instant before the erasure.';

@ObjectType('Lead', { description: 'A natural person at an organisation we would like to sell to, from capture until converted or disqualified.' })
@Roles(...PERSON_READERS)
export class LeadNode {
  @Field(() => ID, { description: 'Lead id: a lowercase UUID, chosen by the client at capture or derived from its commandId.' }) id!: string;
  @Field(() => LeadStatus, { description: 'Where the lead is in its lifecycle.' }) status!: LeadStatus;
  @PersonalData() @Field(() => String, { nullable: true, description: `First name. ${PERSONAL}` }) firstName!: string | null;
  @PersonalData() @Field(() => String, { nullable: true, description: `Last name. ${PERSONAL}` }) lastName!: string | null;
  @PersonalData() @Field(() => String, { nullable: true, description: `First and last name, separated by a space. ${PERSONAL}` }) fullName!: string | null;
  @Field({
    description:
      'The person was erased: their personal fields are gone for good, the rest of the record stays. ' +
      'As of an instant before the erasure it reads false, while the personal fields already read null.',
  })
  erased!: boolean;
  @PersonalData() @Field(() => String, { nullable: true, description: `Email address, its domain in lower case; null when not known. ${PERSONAL}` }) email!: string | null;
  @PersonalData() @Field(() => String, { nullable: true, description: `Phone number in E.164 form ("+31201234567"); null when not known. ${PERSONAL}` }) phone!: string | null;
  @PersonalData() @Field(() => String, { nullable: true, description: `Job title at the company; null when not known. ${PERSONAL}` }) jobTitle!: string | null;
  @PersonalData() @Field(() => Seniority, { nullable: true, description: `How senior the person is; null when not known. ${PERSONAL}` }) seniority!: Seniority | null;
  @Field({ description: 'Name of the organisation the person works at (not personal data: it stays after an erasure).' }) companyName!: string;
  @Field(() => String, { nullable: true, description: 'The organisation\'s web domain, lowercase, without "www." ("acme.nl"); null when not known.' }) companyDomain!: string | null;
  @Field(() => LeadSource, { description: 'Where the lead came from; never changes.' }) source!: LeadSource;
  @PersonalData() @Field(() => String, { nullable: true, description: `More about the source (campaign, event, who referred them); null when not given. ${PERSONAL}` }) sourceDetail!: string | null;
  @Field(() => String, { nullable: true, description: 'User id (token `sub`) of the rep who owns the lead; null while unassigned.' }) ownerId!: string | null;
  @Field(() => DisqualificationReason, { nullable: true, description: 'Why the lead was disqualified; null unless its status is DISQUALIFIED.' }) disqualificationReason!: DisqualificationReason | null;
  @PersonalData() @Field(() => String, { nullable: true, description: `Notes given with the disqualification; null unless DISQUALIFIED with notes. ${PERSONAL}` }) disqualificationNotes!: string | null;
  @Field(() => ID, { nullable: true, description: 'The account the lead converted into; null unless CONVERTED. `convertedTo` gives the account itself.' }) convertedAccountId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The contact the lead became; null unless CONVERTED. `convertedTo` gives the contact itself.' }) convertedContactId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The opportunity opened by the conversion; null unless CONVERTED with an opportunity. `convertedTo` gives the opportunity itself.' }) convertedOpportunityId!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the lead was captured (business time).' }) capturedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the lead was last qualified; kept through a later disqualification. Null if never qualified.' }) qualifiedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the lead was disqualified; null unless DISQUALIFIED (a reopen clears it).' }) disqualifiedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the lead was converted; null unless CONVERTED.' }) convertedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Business time of the lead\'s latest event.' }) updatedAt!: Date | null;
  @Field(() => Int, { description: 'Revision of the lead stream (0 after capture, one more per event); pass it as expectedRevision.' }) revision!: number;
  /** Set on a node read as of an instant: its links are read as of the same instant. */
  asOf?: Date;
}

@ObjectType()
export class LeadConnection extends Connection(LeadNode, 'Lead') {}

@InputType({ description: 'Which leads to list: every criterion given must hold.' })
export class LeadFilter {
  @Field(() => [LeadStatus], { nullable: true, description: 'Leads in any of these statuses.' }) @IsOptional() @IsEnum(LeadStatus, { each: true }) status?: LeadStatus[];
  @Field(() => [LeadSource], { nullable: true, description: 'Leads from any of these sources.' }) @IsOptional() @IsEnum(LeadSource, { each: true }) source?: LeadSource[];
  @Field({ nullable: true, description: 'Leads owned by this user id (token `sub`), exactly.' }) @IsOptional() @IsString() @MaxLength(200) ownerId?: string;
  @Field({ nullable: true, description: 'Words that each start a word of the first or last name, email, phone digits, company name or domain (any letter case, accents aside); all must match. Without orderBy, the best matches come first.' })
  @IsOptional() @IsString() @MaxLength(200) search?: string;
  @Field(() => Date, { nullable: true, description: 'Leads captured at or after this instant.' }) @IsOptional() capturedFrom?: Date;
  @Field(() => Date, { nullable: true, description: 'Leads captured at or before this instant.' }) @IsOptional() capturedTo?: Date;
}

export enum LeadOrderField {
  CAPTURED_AT = 'capturedAt',
  UPDATED_AT = 'updatedAt',
  LAST_NAME = 'lastName',
  COMPANY_NAME = 'companyName',
  STATUS = 'status',
}

@InputType({ description: 'How to sort leads; without it, newest capture first.' })
export class LeadOrder {
  @Field(() => LeadOrderField, { description: 'The field to sort by.' }) @IsEnum(LeadOrderField) field!: LeadOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending unless given.' }) @IsEnum(SortDirection) direction!: SortDirection;
}

registerEnumType(LeadOrderField, {
  name: 'LeadOrderField',
  description: 'A field leads can be sorted by.',
  valuesMap: {
    CAPTURED_AT: { description: 'When the lead was captured.' },
    UPDATED_AT: { description: 'When the lead last changed.' },
    LAST_NAME: { description: 'The person\'s last name (erased people, who have none, sort lowest).' },
    COMPANY_NAME: { description: 'The organisation\'s name.' },
    STATUS: { description: 'The status, by its name (CONVERTED, DISQUALIFIED, NEW, QUALIFIED, WORKING).' },
  },
});

/** A lead list's arguments: Nest hands a resolver's arguments to an argument class whole, so they are declared together. */
@ArgsType()
export class LeadListArgs extends PageArgs {
  @Field(() => LeadFilter, { nullable: true, description: FILTER }) @IsOptional() @ValidateNested() @Type(() => LeadFilter) filter?: LeadFilter;
  @Field(() => LeadOrder, { nullable: true, description: ORDER_BY }) @IsOptional() @ValidateNested() @Type(() => LeadOrder) orderBy?: LeadOrder;
}
