import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { AssignAccountCommand, deterministicUuid, RegisterAccountCommand, UpdateAccountDetailsCommand, type CommandOutcome } from '@crm/application';
import type { RequestContext } from '../auth/request-user';
import { Roles, WRITERS } from '../auth/roles.decorator';
import { commandContext, commandData } from '../shared/command-context.factory';
import { MutationResults } from '../shared/mutation-results';
import { AccountPayload, AssignAccountInput, RegisterAccountInput, UpdateAccountDetailsInput } from './account.inputs';
import type { AccountNode } from './account.types';

@Resolver()
@Roles(...WRITERS)
export class AccountMutationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly results: MutationResults,
  ) {}

  @Mutation(() => AccountPayload)
  async registerAccount(@Args('input') input: RegisterAccountInput, @Context() request: RequestContext): Promise<AccountPayload> {
    const context = commandContext(request, input);
    const { id, ...data } = commandData(input);
    const accountId = id ?? deterministicUuid(context.commandId, 'account');
    return this.payload(accountId, await this.commands.execute(new RegisterAccountCommand({ ...data, accountId }, context)));
  }

  @Mutation(() => AccountPayload)
  async updateAccountDetails(@Args('input') input: UpdateAccountDetailsInput, @Context() request: RequestContext): Promise<AccountPayload> {
    return this.payload(input.accountId, await this.commands.execute(new UpdateAccountDetailsCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => AccountPayload)
  async assignAccount(@Args('input') input: AssignAccountInput, @Context() request: RequestContext): Promise<AccountPayload> {
    return this.payload(input.accountId, await this.commands.execute(new AssignAccountCommand(commandData(input), commandContext(request, input))));
  }

  private async payload(accountId: string, outcome: CommandOutcome<unknown>): Promise<AccountPayload> {
    const { node, revision, position, replayed } = await this.results.read<AccountNode>('accounts', accountId, outcome);
    return { account: node, revision, position, replayed };
  }
}
