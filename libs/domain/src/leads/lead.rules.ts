import { NotFoundError, RuleViolation } from '../shared/errors';
import { personErased } from '../privacy/person-erased';
import type { ConvertedLead, ExistingLead, LeadState } from './lead.state';

export type ChangeableLead = Exclude<ExistingLead, ConvertedLead>;

export function requireLead(state: LeadState, leadId: string): ExistingLead {
  if (state.status === 'Unknown' || state.leadId !== leadId.trim().toLowerCase()) {
    throw new NotFoundError('Lead', leadId);
  }
  return state;
}

/** A converted lead is final: it lives on as a contact, so any change to the lead is refused. */
export function requireChangeableLead(state: LeadState, leadId: string): ChangeableLead {
  const lead = requireLead(state, leadId);
  if (lead.erased) throw personErased('Lead', lead.leadId);
  if (lead.status === 'CONVERTED') {
    throw new RuleViolation('LEAD_CONVERTED', `Lead ${leadId} is converted and can no longer change`);
  }
  return lead;
}

export function requireNewLead(state: LeadState): void {
  if (state.status !== 'Unknown') {
    throw new RuleViolation('ALREADY_EXISTS', `Lead ${state.leadId} already exists`);
  }
}

export const leadDisqualified = (leadId: string): RuleViolation =>
  new RuleViolation('LEAD_DISQUALIFIED', `Lead ${leadId} is disqualified: reopen it first`);
