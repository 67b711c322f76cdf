import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import {
  AssignLeadCommand, CaptureLeadCommand, ConvertLeadCommand, derivedUuid, DisqualifyLeadCommand,
  QualifyLeadCommand, ReopenLeadCommand, StartWorkingLeadCommand, UpdateLeadDetailsCommand, type CommandOutcome,
} from '@crm/application';
import type { LeadState } from '@crm/domain';
import { opportunityTimelineProjection } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import { Roles, WRITERS } from '../auth/roles.decorator';
import { MUTATION_INPUT, rolesNote } from '../graphql/argument-descriptions';
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

const WRITE = rolesNote(WRITERS);

/** What each lead mutation does, who may run it and which rules it can answer with. */
const DOCS = {
  captureLead:
    'Records a new lead, status NEW. ' +
    `${WRITE} ` +
    'RULE_VIOLATION: ALREADY_EXISTS (the id is taken), PERSON_SUPPRESSED (the email or phone belonged to an erased person).',
  updateLeadDetails:
    'Changes some of a lead\'s details; values equal to the current ones change nothing. ' +
    `${WRITE} ` +
    'RULE_VIOLATION: LEAD_CONTACT_DETAILS_REQUIRED (neither email nor phone would remain), PERSON_SUPPRESSED, LEAD_CONVERTED, PERSON_ERASED.',
  assignLead:
    'Makes a user the lead\'s owner. ' +
    `${WRITE} ` +
    'RULE_VIOLATION: LEAD_CONVERTED, PERSON_ERASED.',
  startWorkingLead:
    'NEW -> WORKING: a rep starts following the lead up (already WORKING changes nothing). ' +
    `${WRITE} ` +
    'RULE_VIOLATION: LEAD_ALREADY_QUALIFIED, LEAD_DISQUALIFIED (reopen it first), LEAD_CONVERTED, PERSON_ERASED.',
  qualifyLead:
    'NEW or WORKING -> QUALIFIED: the lead is worth following up and may convert (already QUALIFIED changes nothing). ' +
    `${WRITE} ` +
    'RULE_VIOLATION: LEAD_DISQUALIFIED (reopen it first), LEAD_CONVERTED, PERSON_ERASED.',
  disqualifyLead:
    'NEW, WORKING or QUALIFIED -> DISQUALIFIED, with a reason. ' +
    `${WRITE} ` +
    'RULE_VIOLATION: LEAD_ALREADY_DISQUALIFIED, LEAD_CONVERTED, PERSON_ERASED.',
  reopenLead:
    'DISQUALIFIED -> WORKING; the disqualification\'s reason and notes are cleared. ' +
    `${WRITE} ` +
    'RULE_VIOLATION: LEAD_NOT_DISQUALIFIED, LEAD_CONVERTED, PERSON_ERASED.',
  convertLead:
    'QUALIFIED -> CONVERTED, all or nothing: the person becomes a contact (EMPLOYEE) at a new or existing account, with an opportunity if asked; a retry with the same commandId creates nothing twice. ' +
    `${WRITE} ` +
    'RULE_VIOLATION: LEAD_NOT_QUALIFIED, ACCOUNT_NOT_FOUND (existingAccountId), ALREADY_EXISTS, LEAD_CONVERTED, PERSON_ERASED.',
};

/** One mutation per lead command; each answers with the lead as the read model has it after the write. */
@Resolver()
@Roles(...WRITERS)
export class LeadMutationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ReadModelsService,
    private readonly results: MutationResults,
  ) {}

  @Mutation(() => LeadPayload, { description: DOCS.captureLead })
  async captureLead(@Args('input', { description: MUTATION_INPUT }) input: CaptureLeadInput, @Context() request: RequestContext): Promise<LeadPayload> {
    const context = commandContext(request, input);
    const { id, ...data } = commandData(input);
    const leadId = id ?? derivedUuid(context.commandId, 'lead');
    return this.payload(leadId, await this.commands.execute(new CaptureLeadCommand({ ...data, leadId }, context)));
  }

  @Mutation(() => LeadPayload, { description: DOCS.updateLeadDetails })
  async updateLeadDetails(@Args('input', { description: MUTATION_INPUT }) input: UpdateLeadDetailsInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new UpdateLeadDetailsCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => LeadPayload, { description: DOCS.assignLead })
  async assignLead(@Args('input', { description: MUTATION_INPUT }) input: AssignLeadInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new AssignLeadCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => LeadPayload, { description: DOCS.startWorkingLead })
  async startWorkingLead(@Args('input', { description: MUTATION_INPUT }) input: LeadRefInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new StartWorkingLeadCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => LeadPayload, { description: DOCS.qualifyLead })
  async qualifyLead(@Args('input', { description: MUTATION_INPUT }) input: LeadRefInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new QualifyLeadCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => LeadPayload, { description: DOCS.disqualifyLead })
  async disqualifyLead(@Args('input', { description: MUTATION_INPUT }) input: DisqualifyLeadInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new DisqualifyLeadCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => LeadPayload, { description: DOCS.reopenLead })
  async reopenLead(@Args('input', { description: MUTATION_INPUT }) input: LeadRefInput, @Context() request: RequestContext): Promise<LeadPayload> {
    return this.payload(input.leadId, await this.commands.execute(new ReopenLeadCommand(commandData(input), commandContext(request, input))));
  }

  @Mutation(() => ConvertLeadPayload, { description: DOCS.convertLead })
  async convertLead(@Args('input', { description: MUTATION_INPUT }) input: ConvertLeadInput, @Context() request: RequestContext): Promise<ConvertLeadPayload> {
    const outcome = await this.commands.execute(new ConvertLeadCommand(commandData(input), commandContext(request, input)));
    const last = outcome.opportunity ?? outcome.contact;
    const all = ['leads', 'accounts', 'contacts', 'opportunities', 'pipeline', opportunityTimelineProjection.name];
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
    return this.results.payload<'lead', LeadNode>('lead', 'leads', leadId, outcome);
  }
}
