import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import {
  AssignLeadCommand, CaptureLeadCommand, ConvertLeadCommand, deterministicUuid, DisqualifyLeadCommand,
  QualifyLeadCommand, ReopenLeadCommand, StartWorkingLeadCommand, UpdateLeadDetailsCommand, type CommandOutcome,
} from '@crm/application';
import type { LeadState } from '@crm/domain';
import type { RequestContext } from '../auth/request-user';
import { Roles, WRITERS } from '../auth/roles.decorator';
import { commandContext, commandData } from '../shared/command-context.factory';
import { ReadModelsService } from '../shared/read-models.service';
import { MutationResults } from '../shared/mutation-results';
import type { AccountNode } from '../accounts/account.types';
import type { ContactNode } from '../contacts/contact.types';
import type { OpportunityNode } from '../opportunities/opportunity.types';
import {
  AssignLeadInput, CaptureLeadInput, ConvertLeadInput, DisqualifyLeadInput, LeadRefInput, UpdateLeadDetailsInput,
} from './lead.inputs';
import { ConvertLeadPayload, LeadPayload } from './lead.payloads';
import type { LeadNode } from './lead.types';

/** One mutation per lead command; each answers with the lead as the read model has it after the write. */
@Resolver()
@Roles(...WRITERS)
export class LeadMutationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ReadModelsService,
    private readonly results: MutationResults,
  ) {}

  @Mutation(() => LeadPayload)
  async captureLead(@Args('input') input: CaptureLeadInput, @Context() request: RequestContext): Promise<LeadPayload> {
    const context = commandContext(request, input);
    const { id, ...data } = commandData(input);
    const leadId = id ?? deterministicUuid(context.commandId, 'lead');
    return this.payload(leadId, await this.commands.execute(new CaptureLeadCommand({ ...data, leadId }, context)));
  }

  @Mutation(() => LeadPayload)
  async updateLeadDetails(@Args('input') input: UpdateLeadDetailsInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new UpdateLeadDetailsCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => LeadPayload)
  async assignLead(@Args('input') input: AssignLeadInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new AssignLeadCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => LeadPayload)
  async startWorkingLead(@Args('input') input: LeadRefInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new StartWorkingLeadCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => LeadPayload)
  async qualifyLead(@Args('input') input: LeadRefInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new QualifyLeadCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => LeadPayload)
  async disqualifyLead(@Args('input') input: DisqualifyLeadInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new DisqualifyLeadCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => LeadPayload)
  async reopenLead(@Args('input') input: LeadRefInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new ReopenLeadCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => ConvertLeadPayload)
  async convertLead(@Args('input') input: ConvertLeadInput, @Context() request: RequestContext): Promise<ConvertLeadPayload> {
    const outcome = await this.commands.execute(new ConvertLeadCommand(commandData(input), commandContext(request, input)));
    const last = outcome.opportunity ?? outcome.contact;
    const all = ['leads', 'accounts', 'contacts', 'opportunities'];
    const lead = await this.results.read<LeadNode>('leads', input.leadId, { ...outcome.lead, position: last.position }, all);
    const idOf = (streamName: string): string => streamName.slice(streamName.indexOf('-') + 1);
    return {
      lead: lead.node,
      revision: outcome.lead.revision,
      position: outcome.lead.position?.toString() ?? null,
      replayed: outcome.lead.replayed,
      account: await this.readModels.get<AccountNode>('accounts', idOf(outcome.account.streamName)),
      contact: await this.readModels.get<ContactNode>('contacts', idOf(outcome.contact.streamName)),
      opportunity: outcome.opportunity ? await this.readModels.get<OpportunityNode>('opportunities', idOf(outcome.opportunity.streamName)) : null,
    };
  }

  private async payload(leadId: string, outcome: CommandOutcome<LeadState>): Promise<LeadPayload> {
    const { node, revision, position, replayed } = await this.results.read<LeadNode>('leads', leadId, outcome);
    return { lead: node, revision, position, replayed };
  }
}
