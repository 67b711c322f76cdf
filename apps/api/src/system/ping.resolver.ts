import { Mutation, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/roles.decorator';

/**
 * A mutation that writes nothing: clients check their token and the round trip with it, and the
 * benchmark uses it as the baseline cost of the API around a write.
 */
@Resolver()
@Roles('rep', 'manager', 'auditor', 'analyst')
export class PingResolver {
  @Mutation(() => Boolean, { description: 'Does nothing and answers true: a round trip with your token.' })
  ping(): boolean {
    return true;
  }
}
