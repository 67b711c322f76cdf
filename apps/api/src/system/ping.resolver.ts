import { Mutation, Resolver } from '@nestjs/graphql';
import type { Role } from '@crm/application';
import { Roles } from '../auth/roles.decorator';
import { rolesNote } from '../graphql/argument-descriptions';

const PING_ROLES: Role[] = ['rep', 'manager', 'auditor', 'analyst'];

/**
 * A mutation that writes nothing: clients check their token and the round trip with it, and the
 * benchmark uses it as the baseline cost of the API around a write.
 */
@Resolver()
@Roles(...PING_ROLES)
export class PingResolver {
  @Mutation(() => Boolean, { description: `Does nothing and answers true: a round trip with your token. ${rolesNote(PING_ROLES)}` })
  ping(): boolean {
    return true;
  }
}
