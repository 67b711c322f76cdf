import type { AccountCommand } from './accounts/account.commands';
import { isAccountEvent, type AccountEvent } from './accounts/account.events';
import type { ContactCommand } from './contacts/contact.commands';
import { isContactEvent, type ContactEvent } from './contacts/contact.events';
import type { LeadCommand } from './leads/lead.commands';
import { isLeadEvent, type LeadEvent } from './leads/lead.events';
import type { OpportunityCommand } from './opportunities/opportunity.commands';
import { isOpportunityEvent, type OpportunityEvent } from './opportunities/opportunity.events';
import type { PipelineCommand } from './pipelines/pipeline.commands';
import { isPipelineEvent, type PipelineEvent } from './pipelines/pipeline.events';
import type { StreamType } from './streams';

export type DomainEvent = LeadEvent | AccountEvent | ContactEvent | OpportunityEvent | PipelineEvent;
export type DomainCommand = LeadCommand | AccountCommand | ContactCommand | OpportunityCommand | PipelineCommand;

export const isDomainEvent = (event: { type: string }): event is DomainEvent =>
  isLeadEvent(event) || isAccountEvent(event) || isContactEvent(event) || isOpportunityEvent(event) || isPipelineEvent(event);

/** Which kind of stream an event type belongs to, or null for a type the domain does not know. */
export function streamTypeOfEvent(event: { type: string; data?: object }): StreamType | null {
  // The one type both person streams record: the id it names tells which stream it is in.
  if (event.type === 'PersonErased' || event.type === 'SuppressionLifted') return event.data && 'contactId' in event.data ? 'CONTACT' : 'LEAD';
  if (isLeadEvent(event)) return 'LEAD';
  if (isAccountEvent(event)) return 'ACCOUNT';
  if (isContactEvent(event)) return 'CONTACT';
  if (isOpportunityEvent(event)) return 'OPPORTUNITY';
  if (isPipelineEvent(event)) return 'PIPELINE';
  return null;
}
