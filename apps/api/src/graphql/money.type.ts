import { Field, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from './scalars';
import { ANY_ROLE, Roles } from '../auth/roles.decorator';

@ObjectType({ description: 'An exact amount in one ISO 4217 currency. Sums are kept per currency, never converted.' })
@Roles(...ANY_ROLE)
export class Money {
  @Field(() => DecimalScalar, { description: 'Exact amount with as many decimals as the currency has minor units: "12500.00" EUR, "12500" JPY, "1.500" BHD.' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, uppercase ("EUR").' })
  currency!: string;
}
