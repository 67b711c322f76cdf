import { assertNever } from '../shared/assert-never';
import { changedFields, hasChanges } from '../shared/changes';
import type { Decider } from '../shared/decider';
import { parseEnum } from '../shared/enums';
import { RuleViolation } from '../shared/errors';
import { UserId } from '../shared/ids';
import { FreeText } from '../shared/text';
import { nullable } from '../shared/validation';
import type { DisqualifyLead, EraseLead, LeadCommand, UpdateLeadDetails } from './lead.commands';
import { parseErasureReason, parseLiftReason } from '../privacy/person-erased';
import { SUPPRESSION_KINDS } from '../privacy/privacy.enums';
import { decideConvertLead } from './lead.conversion';
import { DISQUALIFICATION_REASONS } from './lead.enums';
import type { LeadDetails, LeadEvent } from './lead.events';
import { parseCaptureLead, parseLeadDetailsUpdate } from './lead.inputs';
import { leadDisqualified, requireChangeableLead, requireLead, requireNewLead, type ChangeableLead } from './lead.rules';
import { evolveLead, initialLeadState, type ExistingLead, type LeadState } from './lead.state';

function updateDetails(lead: ChangeableLead, data: UpdateLeadDetails['data']): LeadEvent[] {
  const changes = changedFields<Partial<LeadDetails>>(lead as Partial<LeadDetails>, parseLeadDetailsUpdate(data));
  if (!hasChanges(changes)) return [];
  const result = { ...lead, ...changes };
  if (result.email === null && result.phone === null) {
    throw new RuleViolation('LEAD_CONTACT_DETAILS_REQUIRED', 'A lead needs an email or a phone number');
  }
  return [{ type: 'LeadDetailsUpdated', data: { leadId: lead.leadId, changes } }];
}

function assign(lead: ChangeableLead, rawOwnerId: string): LeadEvent[] {
  const ownerId = UserId.parse(rawOwnerId, 'ownerId');
  if (ownerId === lead.ownerId) return [];
  return [{ type: 'LeadAssigned', data: { leadId: lead.leadId, ownerId, previousOwnerId: lead.ownerId } }];
}

function startWorking(lead: ChangeableLead): LeadEvent[] {
  switch (lead.status) {
    case 'NEW':
      return [{ type: 'LeadWorkingStarted', data: { leadId: lead.leadId, from: 'NEW' } }];
    case 'WORKING':
      return [];
    case 'QUALIFIED':
      throw new RuleViolation('LEAD_ALREADY_QUALIFIED', `Lead ${lead.leadId} is already qualified`);
    case 'DISQUALIFIED':
      throw leadDisqualified(lead.leadId);
    default:
      return assertNever(lead);
  }
}

/** Qualifying straight from NEW is allowed: a rep who already knows the lead fits need not pass through WORKING. */
function qualify(lead: ChangeableLead): LeadEvent[] {
  switch (lead.status) {
    case 'NEW':
    case 'WORKING':
      return [{ type: 'LeadQualified', data: { leadId: lead.leadId, from: lead.status } }];
    case 'QUALIFIED':
      return [];
    case 'DISQUALIFIED':
      throw leadDisqualified(lead.leadId);
    default:
      return assertNever(lead);
  }
}

function disqualify(lead: ChangeableLead, data: DisqualifyLead['data']): LeadEvent[] {
  if (lead.status === 'DISQUALIFIED') {
    throw new RuleViolation('LEAD_ALREADY_DISQUALIFIED', `Lead ${lead.leadId} is already disqualified`);
  }
  const reason = parseEnum(DISQUALIFICATION_REASONS, data.reason, 'reason');
  const notes = nullable(data.notes, (raw) => FreeText.parse(raw, 'notes', 2000));
  return [{ type: 'LeadDisqualified', data: { leadId: lead.leadId, reason, notes, from: lead.status } }];
}

function reopen(lead: ChangeableLead): LeadEvent[] {
  if (lead.status !== 'DISQUALIFIED') {
    throw new RuleViolation('LEAD_NOT_DISQUALIFIED', `Only a disqualified lead can be reopened`);
  }
  const previousReason = lead.disqualification.reason;
  return [{ type: 'LeadReopened', data: { leadId: lead.leadId, from: 'DISQUALIFIED', to: 'WORKING', previousReason } }];
}

/** Erasing twice is a no-op; a converted lead is erased too (its contact is the same person). */
function erase(lead: ExistingLead, data: EraseLead['data'], now: string): LeadEvent[] {
  const reason = parseErasureReason(data.reason);
  if (lead.erased) return [];
  return [{ type: 'PersonErased', data: { leadId: lead.leadId, subjectId: lead.subjectId, reason, erasedAt: now } }];
}

export function decideLead(command: LeadCommand, state: LeadState): LeadEvent[] {
  if (command.type === 'CaptureLead') {
    requireNewLead(state);
    return [{ type: 'LeadCaptured', data: parseCaptureLead(command.data) }];
  }
  if (command.type === 'EraseLead') return erase(requireLead(state, command.data.leadId), command.data, command.metadata.now);
  if (command.type === 'RecordSuppressionLifted') {
    const { leadId, subjectId } = requireLead(state, command.data.leadId);
    const kind = parseEnum(SUPPRESSION_KINDS, command.data.kind, 'kind');
    return [{ type: 'SuppressionLifted', data: { leadId, subjectId, kind, reason: parseLiftReason(command.data.reason) } }];
  }
  const lead = requireChangeableLead(state, command.data.leadId);
  switch (command.type) {
    case 'UpdateLeadDetails':
      return updateDetails(lead, command.data);
    case 'AssignLead':
      return assign(lead, command.data.ownerId);
    case 'StartWorkingLead':
      return startWorking(lead);
    case 'QualifyLead':
      return qualify(lead);
    case 'DisqualifyLead':
      return disqualify(lead, command.data);
    case 'ReopenLead':
      return reopen(lead);
    case 'ConvertLead':
      return decideConvertLead(lead, command);
    default:
      return assertNever(command);
  }
}

export const leadDecider: Decider<LeadCommand, LeadEvent, LeadState> = {
  decide: decideLead,
  evolve: evolveLead,
  initialState: initialLeadState,
};
