import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import {
  AddContactCommand, deterministicUuid, MarkContactLeftCommand, MoveContactCommand, UpdateContactDetailsCommand, type CommandOutcome,
} from '@crm/application';
import type { RequestContext } from '../auth/request-user';
import { Roles, WRITERS } from '../auth/roles.decorator';
import { commandContext, commandData } from '../shared/command-context.factory';
import { MutationResults } from '../shared/mutation-results';
import { AddContactInput, ContactPayload, MarkContactLeftInput, MoveContactInput, UpdateContactDetailsInput } from './contact.inputs';
import type { ContactNode } from './contact.types';

/** Contact writes also move the accounts' contact counts, so they wait for that projection too. */
const ALSO = ['accounts'];

@Resolver()
@Roles(...WRITERS)
export class ContactMutationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly results: MutationResults,
  ) {}

  @Mutation(() => ContactPayload)
  async addContact(@Args('input') input: AddContactInput, @Context() request: RequestContext): Promise<ContactPayload> {
    const context = commandContext(request, input);
    const { id, ...data } = commandData(input);
    const contactId = id ?? deterministicUuid(context.commandId, 'contact');
    return this.payload(contactId, await this.commands.execute(new AddContactCommand({ ...data, contactId }, context)));
  }

  @Mutation(() => ContactPayload)
  async updateContactDetails(@Args('input') input: UpdateContactDetailsInput, @Context() request: RequestContext): Promise<ContactPayload> {
    return this.payload(input.contactId, await this.commands.execute(new UpdateContactDetailsCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => ContactPayload)
  async moveContact(@Args('input') input: MoveContactInput, @Context() request: RequestContext): Promise<ContactPayload> {
    return this.payload(input.contactId, await this.commands.execute(new MoveContactCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => ContactPayload)
  async markContactLeft(@Args('input') input: MarkContactLeftInput, @Context() request: RequestContext): Promise<ContactPayload> {
    return this.payload(input.contactId, await this.commands.execute(new MarkContactLeftCommand(commandData(input), commandContext(request, input))));
  }

  private async payload(contactId: string, outcome: CommandOutcome<unknown>): Promise<ContactPayload> {
    const { node, revision, position, replayed } = await this.results.read<ContactNode>('contacts', contactId, outcome, ALSO);
    return { contact: node, revision, position, replayed };
  }
}
