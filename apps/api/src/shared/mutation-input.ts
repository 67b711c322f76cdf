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

  @Field({ nullable: true, description: 'Idempotency key: sending the same commandId again does nothing twice.' })
  @IsOptional()
  @IsUUID()
  commandId?: string;
}
