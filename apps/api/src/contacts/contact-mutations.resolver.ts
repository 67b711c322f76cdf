import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import {
  AddContactCommand, derivedUuid, MarkContactLeftCommand, MoveContactCommand, UpdateContactDetailsCommand, type CommandOutcome,
} from '@crm/application';
import type { RequestContext } from '../auth/request-user';
import { Roles, WRITERS } from '../auth/roles.decorator';
import { MUTATION_INPUT } from '../graphql/argument-descriptions';
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

  @Mutation(() => ContactPayload, {
    description:
      "Adds a person as a contact at an account, as a new data subject (rep, manager, admin). RULE_VIOLATION: ACCOUNT_NOT_FOUND, ALREADY_EXISTS (the id is taken), PERSON_SUPPRESSED (the email or phone is an erased person's).",
  })
  async addContact(@Args('input', { description: MUTATION_INPUT }) input: AddContactInput, @Context() request: RequestContext): Promise<ContactPayload> {
    const context = commandContext(request, input);
    const { id, ...data } = commandData(input);
    const contactId = id ?? derivedUuid(context.commandId, 'contact');
    return this.payload(contactId, await this.commands.execute(new AddContactCommand({ ...data, contactId }, context)));
  }

  @Mutation(() => ContactPayload, {
    description:
      "Changes an active contact's details; no change is a no-op (rep, manager, admin). NOT_FOUND for an unknown contact; RULE_VIOLATION: CONTACT_LEFT, PERSON_ERASED, PERSON_SUPPRESSED (the email or phone is an erased person's).",
  })
  async updateContactDetails(@Args('input', { description: MUTATION_INPUT }) input: UpdateContactDetailsInput, @Context() request: RequestContext): Promise<ContactPayload> {
    return this.payload(input.contactId, await this.commands.execute(new UpdateContactDetailsCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => ContactPayload, {
    description:
      'Moves a contact to another account, or back to one after they left (rep, manager, admin). NOT_FOUND for an unknown contact; RULE_VIOLATION: ACCOUNT_NOT_FOUND, CONTACT_ALREADY_AT_ACCOUNT (active there already), PERSON_ERASED.',
  })
  async moveContact(@Args('input', { description: MUTATION_INPUT }) input: MoveContactInput, @Context() request: RequestContext): Promise<ContactPayload> {
    return this.payload(input.contactId, await this.commands.execute(new MoveContactCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => ContactPayload, {
    description:
      'Records that a contact left their account: they stay listed there, read-only, until moved; marking again is a no-op (rep, manager, admin). NOT_FOUND for an unknown contact; RULE_VIOLATION PERSON_ERASED.',
  })
  async markContactLeft(@Args('input', { description: MUTATION_INPUT }) input: MarkContactLeftInput, @Context() request: RequestContext): Promise<ContactPayload> {
    return this.payload(input.contactId, await this.commands.execute(new MarkContactLeftCommand(commandData(input), commandContext(request, input))));
  }

  private async payload(contactId: string, outcome: CommandOutcome<unknown>): Promise<ContactPayload> {
    return this.results.payload<'contact', ContactNode>('contact', 'contacts', contactId, outcome, ALSO);
  }
}
