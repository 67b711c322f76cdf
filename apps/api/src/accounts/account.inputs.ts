import { Field, ID, InputType, ObjectType, Int } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AccountKind } from '@crm/domain';
import { MutationInput, REPLAYED } from '../shared/mutation-input';
import { AccountNode } from './account.types';
import { WRITERS, Roles } from '../auth/roles.decorator';

const TEXT = 200;

const ACCOUNT_ID = 'The account (UUID, any letter case); an unknown one is NOT_FOUND.';
const NAME = 'The legal entity\'s name, 1 to 200 characters on one line; spaces are trimmed and collapsed.';
const DOMAIN = 'Web domain; a pasted address is reduced to it ("https://www.Acme.nl/about" becomes "acme.nl").';
const INDUSTRY = 'Industry, free text of at most 100 characters on one line.';
const PARENT = 'The parent account (UUID), e.g. the holding company. It must exist (PARENT_ACCOUNT_NOT_FOUND) and must not be this account or one of its subsidiaries (ACCOUNT_PARENT_CYCLE).';
const REGISTRATION = 'Registration number with a company register (such as the Dutch KvK), at most 50 characters on one line.';
const CLEARS = ' Omit to keep; null or blank clears it.';
const KEEPS = ' Omit to keep; it cannot be cleared.';

@InputType({ description: 'A new account.' })
export class RegisterAccountInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'The new account\'s id (UUID), so a retry cannot register twice; derived from commandId when omitted. One already taken is refused (ALREADY_EXISTS).' })
  @IsOptional() @IsUUID() id?: string;
  @Field({ description: NAME }) @IsString() @MaxLength(TEXT) name!: string;
  @Field(() => AccountKind, { description: 'What kind of legal entity it is.' }) @IsEnum(AccountKind) kind!: AccountKind;
  @Field({ nullable: true, description: DOMAIN }) @IsOptional() @IsString() @MaxLength(253) domain?: string;
  @Field({ nullable: true, description: INDUSTRY }) @IsOptional() @IsString() @MaxLength(TEXT) industry?: string;
  @Field(() => ID, { nullable: true, description: PARENT }) @IsOptional() @IsUUID() parentAccountId?: string;
  @Field({ nullable: true, description: REGISTRATION }) @IsOptional() @IsString() @MaxLength(64) registrationNumber?: string;
  @Field({ nullable: true, description: 'User id (token `sub`) of the rep who will own the account: one line, no spaces. You, when omitted.' })
  @IsOptional() @IsString() @MaxLength(TEXT) ownerId?: string;
}

@InputType({ description: 'New values for some of an account\'s details: fields left out keep their value.' })
export class UpdateAccountDetailsInput extends MutationInput {
  @Field(() => ID, { description: ACCOUNT_ID }) @IsUUID() accountId!: string;
  @Field({ nullable: true, description: `${NAME}${KEEPS}` }) @IsOptional() @IsString() @MaxLength(TEXT) name?: string;
  @Field(() => AccountKind, { nullable: true, description: `What kind of legal entity it is.${KEEPS}` }) @IsOptional() @IsEnum(AccountKind) kind?: AccountKind;
  @Field({ nullable: true, description: `${DOMAIN}${CLEARS}` }) @IsOptional() @IsString() @MaxLength(253) domain?: string;
  @Field({ nullable: true, description: `${INDUSTRY}${CLEARS}` }) @IsOptional() @IsString() @MaxLength(TEXT) industry?: string;
  @Field(() => ID, { nullable: true, description: `${PARENT} Omit to keep; null clears it.` }) @IsOptional() @IsUUID() parentAccountId?: string;
  @Field({ nullable: true, description: `${REGISTRATION}${CLEARS}` }) @IsOptional() @IsString() @MaxLength(64) registrationNumber?: string;
}

@InputType({ description: 'Who should own an account.' })
export class AssignAccountInput extends MutationInput {
  @Field(() => ID, { description: ACCOUNT_ID }) @IsUUID() accountId!: string;
  @Field({ description: 'User id (token `sub`) of the new owner: one line, no spaces, at most 200 characters. The current owner changes nothing.' })
  @IsString() @MaxLength(TEXT) ownerId!: string;
}

@ObjectType({ description: 'What an account mutation answers: the account once the lists show the write, and where the write stands in its stream and the log.' })
@Roles(...WRITERS)
export class AccountPayload {
  @Field(() => AccountNode, { nullable: true, description: 'The account as the read model has it after this write (the answer waits, boundedly, for it to catch up).' })
  account!: AccountNode | null | Promise<AccountNode | null>;
  @Field(() => Int, { nullable: true, description: 'Revision of the account stream after the write; the current one when the command changed nothing. Pass it as expectedRevision next.' })
  revision!: number | null;
  @Field(() => String, { nullable: true, description: 'Global log position of the write, or of the stream\'s last event when nothing changed (opaque).' })
  position!: string | null;
  @Field({ description: REPLAYED }) replayed!: boolean;
}
