import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { AccountKind } from '@crm/domain';
import { Connection } from '../graphql/connection';
import { FILTER, ORDER_BY } from '../graphql/argument-descriptions';
import { PageArgs } from '../graphql/page-args';
import { SortDirection } from '../graphql/enums';
import { Money } from '../graphql/money.type';
import { READERS, Roles } from '../auth/roles.decorator';

/** Said of every figure counted from other entities' streams. */
const AS_OF_FIGURE = 'Read with asOf: counted from the contacts and opportunities the account had then, as they stood then.';

@ObjectType('Account', { description: 'A legal entity we sell to (company, foundation, government body), with its contacts and opportunities.' })
@Roles(...READERS)
export class AccountNode {
  @Field(() => ID, { description: 'Account id: a lowercase UUID, chosen by the client at registration or derived from its commandId.' }) id!: string;
  @Field({ description: 'The legal entity\'s name.' }) name!: string;
  @Field(() => AccountKind, { description: 'What kind of legal entity it is.' }) kind!: AccountKind;
  @Field(() => String, { nullable: true, description: 'Web domain, lowercase, without "www." ("acme.nl"); null when not known.' }) domain!: string | null;
  @Field(() => String, { nullable: true, description: 'Industry, free text; null when not known.' }) industry!: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The parent account (e.g. the holding company); null when it has none. Parent chains never form a cycle. `parent` gives the account itself.',
  })
  parentAccountId!: string | null;
  @Field(() => String, { nullable: true, description: 'Registration number with a company register (such as the Dutch KvK), as given; null when not known.' }) registrationNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'User id (token `sub`) of the rep who owns the account: whoever registered it, unless assigned since.' }) ownerId!: string | null;
  @Field(() => Int, { description: `Contacts whose current account this is, active or left from here. ${AS_OF_FIGURE}` }) contactCount!: number;
  @Field(() => Int, { description: `Contacts still ACTIVE at this account. ${AS_OF_FIGURE}` }) activeContactCount!: number;
  @Field({ description: `At most one active contact: the relationship hangs on one person. ${AS_OF_FIGURE}` }) singleThreaded!: boolean;
  @Field(() => Int, { description: `Opportunities at this account that are OPEN. ${AS_OF_FIGURE}` }) openOpportunityCount!: number;
  @Field(() => [Money], { description: `Open opportunity amounts, one entry per currency (by currency code, zero totals left out). ${AS_OF_FIGURE}` }) openPipeline!: Money[];
  @Field(() => [Money], { description: `Won opportunity amounts, one entry per currency (by currency code, zero totals left out). ${AS_OF_FIGURE}` }) wonAmount!: Money[];
  @Field(() => Date, { nullable: true, description: 'When the account was registered (business time).' }) createdAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Business time of the latest event of the account\'s own stream (not its contacts\' or opportunities\').' }) updatedAt!: Date | null;
  @Field(() => Int, { description: 'Revision of the account stream (0 after registration, one more per event); pass it as expectedRevision.' }) revision!: number;
  /** Set on an account read as of an instant: its links and lists are read as of the same instant. */
  asOf?: Date;
}

@ObjectType()
export class AccountConnection extends Connection(AccountNode, 'Account') {}

@InputType({ description: 'Which accounts to list: every criterion given must hold.' })
export class AccountFilter {
  @Field(() => [AccountKind], { nullable: true, description: 'Accounts of any of these kinds.' }) @IsOptional() @IsEnum(AccountKind, { each: true }) kind?: AccountKind[];
  @Field({ nullable: true, description: 'Accounts owned by this user id (token `sub`), exactly.' }) @IsOptional() @IsString() @MaxLength(200) ownerId?: string;
  @Field({ nullable: true, description: 'true: accounts with at most one active contact; false: those with two or more.' }) @IsOptional() @IsBoolean() singleThreaded?: boolean;
  @Field(() => ID, { nullable: true, description: 'The direct subsidiaries of this account (lowercase UUID).' }) @IsOptional() @IsUUID() parentAccountId?: string;
  @Field({ nullable: true, description: 'Words that each start a word of the name or web domain (any letter case, accents aside); all must match. Without orderBy, the best matches come first.' }) @IsOptional() @IsString() @MaxLength(200) search?: string;
}

export enum AccountOrderField {
  NAME = 'name',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  OPEN_OPPORTUNITY_COUNT = 'openOpportunityCount',
  ACTIVE_CONTACT_COUNT = 'activeContactCount',
}
registerEnumType(AccountOrderField, {
  name: 'AccountOrderField',
  description: 'A field accounts can be sorted by.',
  valuesMap: {
    NAME: { description: 'The account\'s name.' },
    CREATED_AT: { description: 'When the account was registered.' },
    UPDATED_AT: { description: 'When the account\'s own details or owner last changed.' },
    OPEN_OPPORTUNITY_COUNT: { description: 'How many opportunities are open at the account.' },
    ACTIVE_CONTACT_COUNT: { description: 'How many contacts are active at the account.' },
  },
});

@InputType({ description: 'How to sort accounts; without it, by name.' })
export class AccountOrder {
  @Field(() => AccountOrderField, { description: 'The field to sort by.' }) @IsEnum(AccountOrderField) field!: AccountOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending unless given.' }) @IsEnum(SortDirection) direction!: SortDirection;
}

/** A account list's arguments: Nest hands a resolver's arguments to an argument class whole, so they are declared together. */
@ArgsType()
export class AccountListArgs extends PageArgs {
  @Field(() => AccountFilter, { nullable: true, description: FILTER }) @IsOptional() @ValidateNested() @Type(() => AccountFilter) filter?: AccountFilter;
  @Field(() => AccountOrder, { nullable: true, description: ORDER_BY }) @IsOptional() @ValidateNested() @Type(() => AccountOrder) orderBy?: AccountOrder;
}
