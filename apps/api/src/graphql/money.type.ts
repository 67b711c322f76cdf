import { Field, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from './scalars';
import { ANY_ROLE, Roles } from '../auth/roles.decorator';

@ObjectType({ description: 'An exact amount in one ISO 4217 currency.' })
@Roles(...ANY_ROLE)
export class Money {
  @Field(() => DecimalScalar)
  amount!: string;

  @Field()
  currency!: string;
}
