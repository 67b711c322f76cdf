import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { AssignAccountCommand, derivedUuid, RegisterAccountCommand, UpdateAccountDetailsCommand, type CommandOutcome } from '@crm/application';
import type { RequestContext } from '../auth/request-user';
import { Roles, WRITERS } from '../auth/roles.decorator';
import { MUTATION_INPUT, rolesNote } from '../graphql/argument-descriptions';
import { commandContext, commandData } from '../shared/command-context.factory';
import { MutationResults } from '../shared/mutation-results';
import { AccountPayload, AssignAccountInput, RegisterAccountInput, UpdateAccountDetailsInput } from './account.inputs';
import type { AccountNode } from './account.types';

const WRITE = rolesNote(WRITERS);

/** What each account mutation does, who may run it and which rules it can answer with. */
const DOCS = {
  registerAccount:
    `Registers a new account. ${WRITE} ` +
    'RULE_VIOLATION: ALREADY_EXISTS (the id is taken), PARENT_ACCOUNT_NOT_FOUND, ACCOUNT_PARENT_CYCLE.',
  updateAccountDetails:
    'Changes some of an account\'s details; values equal to the current ones change nothing. ' +
    `${WRITE} RULE_VIOLATION: PARENT_ACCOUNT_NOT_FOUND, ACCOUNT_PARENT_CYCLE (the new parent is the account itself or one of its subsidiaries).`,
  assignAccount: `Makes a user the account's owner. ${WRITE}`,
};

@Resolver()
@Roles(...WRITERS)
export class AccountMutationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly results: MutationResults,
  ) {}

  @Mutation(() => AccountPayload, { description: DOCS.registerAccount })
  async registerAccount(@Args('input', { description: MUTATION_INPUT }) input: RegisterAccountInput, @Context() request: RequestContext): Promise<AccountPayload> {
    const context = commandContext(request, input);
    const { id, ...data } = commandData(input);
    const accountId = id ?? derivedUuid(context.commandId, 'account');
    return this.payload(accountId, await this.commands.execute(new RegisterAccountCommand({ ...data, accountId }, context)));
  }

  @Mutation(() => AccountPayload, { description: DOCS.updateAccountDetails })
  async updateAccountDetails(@Args('input', { description: MUTATION_INPUT }) input: UpdateAccountDetailsInput, @Context() request: RequestContext): Promise<AccountPayload> {
    return this.payload(input.accountId, await this.commands.execute(new UpdateAccountDetailsCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => AccountPayload, { description: DOCS.assignAccount })
  async assignAccount(@Args('input', { description: MUTATION_INPUT }) input: AssignAccountInput, @Context() request: RequestContext): Promise<AccountPayload> {
    return this.payload(input.accountId, await this.commands.execute(new AssignAccountCommand(commandData(input), commandContext(request, input))));
  }

  private async payload(accountId: string, outcome: CommandOutcome<unknown>): Promise<AccountPayload> {
    return this.results.payload<'account', AccountNode>('account', 'accounts', accountId, outcome);
  }
}
