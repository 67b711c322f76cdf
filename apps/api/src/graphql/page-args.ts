import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { ValidationError } from '@crm/domain';

/** A page of a connection, Relay's way: forwards with first/after, backwards with last/before. */
export interface Paging {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

@ArgsType()
export class PageArgs implements Paging {
  @Field(() => Int, { nullable: true, description: 'The first n items (after `after`), at most 500; 50 when neither first nor last is given.' })
  @IsOptional() @IsInt() first?: number | null;

  @Field(() => String, { nullable: true, description: 'Only items after this cursor (an edge cursor or a pageInfo.endCursor).' })
  @IsOptional() @IsString() @MaxLength(4096) after?: string | null;

  @Field(() => Int, { nullable: true, description: 'The last n items (before `before`), at most 500: pages backwards. Not together with first.' })
  @IsOptional() @IsInt() last?: number | null;

  @Field(() => String, { nullable: true, description: 'Only items before this cursor (an edge cursor or a pageInfo.startCursor).' })
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
