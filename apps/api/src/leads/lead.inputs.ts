import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AccountKind, DisqualificationReason, LeadSource, Seniority } from '@crm/domain';
import { DecimalScalar } from '../graphql/scalars';
import { MutationInput } from '../shared/mutation-input';

const TEXT = 200;

const ERASED = 'Personal data: encrypted in the log and erased with the person.';
const NAME = `1 to 200 characters on one line; spaces are trimmed and collapsed. ${ERASED}`;
const EMAIL = `Email address such as jane@acme.com; its domain is stored in lower case. One that belonged to an erased person is refused (PERSON_SUPPRESSED). ${ERASED}`;
const PHONE = `Phone number, stored in E.164 ("+31201234567"); a number without "+" is read as Dutch. One that belonged to an erased person is refused (PERSON_SUPPRESSED). ${ERASED}`;
const JOB_TITLE = `Job title at the company, at most 200 characters on one line. ${ERASED}`;
const SENIORITY = `How senior the person is. ${ERASED}`;
const COMPANY_NAME = 'Name of the organisation the person works at, 1 to 200 characters on one line.';
const COMPANY_DOMAIN = 'The organisation\'s web domain; a pasted address is reduced to it ("https://www.Acme.nl/about" becomes "acme.nl").';
const SOURCE_DETAIL = `More about the source (campaign, event, who referred them), at most 500 characters on one line. ${ERASED}`;
const LEAD_ID = 'The lead (UUID, any letter case); an unknown one is NOT_FOUND.';
const CLEARS = ' Omit to keep; null or blank clears it.';
const CLEARS_CHOICE = ' Omit to keep; null clears it.';
const KEEPS = ' Omit to keep; it cannot be cleared.';

/** Shape only: the domain parses email, phone, domain and names and names every bad field. */
@InputType({ description: 'A new lead. An email or a phone number is required (BAD_USER_INPUT on both fields otherwise).' })
export class CaptureLeadInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'The new lead\'s id (UUID), so a retry cannot capture twice; derived from commandId when omitted. One already taken is refused (ALREADY_EXISTS).' })
  @IsOptional() @IsUUID() id?: string;
  @Field({ description: `First name: ${NAME}` }) @IsString() @MaxLength(TEXT) firstName!: string;
  @Field({ description: `Last name: ${NAME}` }) @IsString() @MaxLength(TEXT) lastName!: string;
  @Field({ nullable: true, description: EMAIL }) @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true, description: PHONE }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true, description: JOB_TITLE }) @IsOptional() @IsString() @MaxLength(TEXT) jobTitle?: string;
  @Field(() => Seniority, { nullable: true, description: SENIORITY }) @IsOptional() @IsEnum(Seniority) seniority?: Seniority;
  @Field({ description: COMPANY_NAME }) @IsString() @MaxLength(TEXT) companyName!: string;
  @Field({ nullable: true, description: COMPANY_DOMAIN }) @IsOptional() @IsString() @MaxLength(253) companyDomain?: string;
  @Field(() => LeadSource, { description: 'Where the lead came from; it never changes afterwards.' }) @IsEnum(LeadSource) source!: LeadSource;
  @Field({ nullable: true, description: SOURCE_DETAIL }) @IsOptional() @IsString() @MaxLength(500) sourceDetail?: string;
  @Field({ nullable: true, description: 'User id (token `sub`) of the rep who will own the lead: one line, no spaces. Unassigned when omitted.' })
  @IsOptional() @IsString() @MaxLength(TEXT) ownerId?: string;
}

@InputType({ description: 'New values for some of a lead\'s details: fields left out keep their value.' })
export class UpdateLeadDetailsInput extends MutationInput {
  @Field(() => ID, { description: LEAD_ID }) @IsUUID() leadId!: string;
  @Field({ nullable: true, description: `First name: ${NAME}${KEEPS}` }) @IsOptional() @IsString() @MaxLength(TEXT) firstName?: string;
  @Field({ nullable: true, description: `Last name: ${NAME}${KEEPS}` }) @IsOptional() @IsString() @MaxLength(TEXT) lastName?: string;
  @Field({ nullable: true, description: `${EMAIL}${CLEARS}` }) @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true, description: `${PHONE}${CLEARS}` }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true, description: `${JOB_TITLE}${CLEARS}` }) @IsOptional() @IsString() @MaxLength(TEXT) jobTitle?: string;
  @Field(() => Seniority, { nullable: true, description: `${SENIORITY}${CLEARS_CHOICE}` }) @IsOptional() @IsEnum(Seniority) seniority?: Seniority;
  @Field({ nullable: true, description: `${COMPANY_NAME}${KEEPS}` }) @IsOptional() @IsString() @MaxLength(TEXT) companyName?: string;
  @Field({ nullable: true, description: `${COMPANY_DOMAIN}${CLEARS}` }) @IsOptional() @IsString() @MaxLength(253) companyDomain?: string;
  @Field({ nullable: true, description: `${SOURCE_DETAIL}${CLEARS}` }) @IsOptional() @IsString() @MaxLength(500) sourceDetail?: string;
}

@InputType({ description: 'Names the lead a command is for.' })
export class LeadRefInput extends MutationInput {
  @Field(() => ID, { description: LEAD_ID }) @IsUUID() leadId!: string;
}

@InputType({ description: 'Who should own a lead.' })
export class AssignLeadInput extends LeadRefInput {
  @Field({ description: 'User id (token `sub`) of the new owner: one line, no spaces, at most 200 characters. The current owner changes nothing.' })
  @IsString() @MaxLength(TEXT) ownerId!: string;
}

@InputType({ description: 'Why a lead is not worth following up.' })
export class DisqualifyLeadInput extends LeadRefInput {
  @Field(() => DisqualificationReason, { description: 'The reason, kept until the lead is reopened.' }) @IsEnum(DisqualificationReason) reason!: DisqualificationReason;
  @Field({ nullable: true, description: `Free-text notes, at most 2000 characters (line breaks kept). ${ERASED}` })
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

@InputType({ description: 'The account a lead converts into. Into a new account, omitted fields come from the lead; into an existing one, only its empty fields are filled.' })
export class ConvertLeadAccountInput {
  @Field({ nullable: true, description: 'Account name, 1 to 200 characters; the lead\'s companyName when omitted.' }) @IsOptional() @IsString() @MaxLength(TEXT) name?: string;
  @Field(() => AccountKind, { nullable: true, description: 'Kind of legal entity; COMPANY when omitted.' }) @IsOptional() @IsEnum(AccountKind) kind?: AccountKind;
  @Field({ nullable: true, description: `${COMPANY_DOMAIN.replace('The organisation\'s', 'The account\'s')} The lead's companyDomain when omitted.` })
  @IsOptional() @IsString() @MaxLength(253) domain?: string;
  @Field({ nullable: true, description: 'Industry, free text of at most 100 characters on one line.' }) @IsOptional() @IsString() @MaxLength(TEXT) industry?: string;
}

@InputType({ description: 'An opportunity to open at the account with the conversion: stage PROSPECTING, the new contact as primary contact, owned by the lead\'s owner (or you, when it has none).' })
export class ConvertLeadOpportunityInput {
  @Field({ nullable: true, description: 'Opportunity name, at most 200 characters on one line; the account\'s name when omitted.' }) @IsOptional() @IsString() @MaxLength(TEXT) name?: string;
  @Field(() => DecimalScalar, { description: 'Expected deal amount: not negative, at most the currency\'s decimals (2 for EUR), at most 10^15 units.' }) @IsString() amount!: string;
  @Field({ description: 'ISO 4217 code of the amount\'s currency ("EUR"), any letter case.' }) @IsString() @MaxLength(3) currency!: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD; defaults to the end of the current quarter.' })
  @IsOptional() @IsString() @MaxLength(10) expectedCloseDate?: string;
}

@InputType({ description: 'What a qualified lead converts into: a contact at a new or existing account, and optionally an opportunity.' })
export class ConvertLeadInput extends LeadRefInput {
  @Field(() => ID, { nullable: true, description: 'Convert into this existing account (its empty fields are filled, nothing is overwritten); an unknown one is refused (ACCOUNT_NOT_FOUND). A new account is registered when omitted.' })
  @IsOptional() @IsUUID() existingAccountId?: string;
  @Field(() => ConvertLeadAccountInput, { nullable: true, description: 'Details of the account; all taken from the lead when omitted.' })
  @IsOptional() @ValidateNested() @Type(() => ConvertLeadAccountInput) account?: ConvertLeadAccountInput;
  @Field(() => ConvertLeadOpportunityInput, { nullable: true, description: 'Open an opportunity too; none when omitted.' })
  @IsOptional() @ValidateNested() @Type(() => ConvertLeadOpportunityInput) opportunity?: ConvertLeadOpportunityInput;
}
