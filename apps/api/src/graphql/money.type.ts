import { Field, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from './scalars';

@ObjectType({ description: 'An exact amount in one ISO 4217 currency.' })
export class Money {
  @Field(() => DecimalScalar)
  amount!: string;

  @Field()
  currency!: string;
}
