import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

/** What every mutation input may carry besides its own fields. */
@InputType({ isAbstract: true })
export abstract class MutationInput {
  @Field(() => Int, { nullable: true, description: 'The revision you last saw; a different one is a CONFLICT.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedRevision?: number;

  @Field({
    nullable: true,
    description:
      'Idempotency key (a uuid): sent again with the same input, nothing is done twice and the payload says `replayed`; ' +
      'sent again with another input, a CONFLICT with reason IDEMPOTENCY_KEY_REUSED.',
  })
  @IsOptional()
  @IsUUID()
  commandId?: string;
}

/** The description of `replayed` on every mutation payload. */
export const REPLAYED = 'true when this commandId had already been carried out: the answer is that write\'s, and nothing was written now.';
