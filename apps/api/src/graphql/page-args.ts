import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { ValidationError } from '@crm/domain';
import { AFTER, BEFORE, FIRST, LAST } from './argument-descriptions';

/** A page of a connection, Relay's way: forwards with first/after, backwards with last/before. */
export interface Paging {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

@ArgsType()
export class PageArgs implements Paging {
  @Field(() => Int, { nullable: true, description: FIRST })
  @IsOptional() @IsInt() first?: number | null;

  @Field(() => String, { nullable: true, description: AFTER })
  @IsOptional() @IsString() @MaxLength(4096) after?: string | null;

  @Field(() => Int, { nullable: true, description: LAST })
  @IsOptional() @IsInt() last?: number | null;

  @Field(() => String, { nullable: true, description: BEFORE })
  @IsOptional() @IsString() @MaxLength(4096) before?: string | null;
}

const given = (value: unknown): boolean => value !== undefined && value !== null;

/** The page asked for; `first` with `last` is refused, as Relay leaves it undefined. */
export const pagingOf = (page: Paging | undefined): Paging => {
  const { first, after, last, before } = page ?? {};
  if (given(first) && given(last)) {
    throw new ValidationError([
      { field: 'first', message: 'cannot be used together with last' },
      { field: 'last', message: 'cannot be used together with first: page forwards with first/after, or backwards with last/before' },
    ]);
  }
  return { first, after, last, before };
};
