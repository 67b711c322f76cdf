import type { RecordedEvent } from '@crm/event-store';
import {
  isAccountEvent,
  isContactEvent,
  isLeadEvent,
  isOpportunityEvent,
  type AccountEvent,
  type ContactEvent,
  type LeadEvent,
  type OpportunityEvent,
} from '@crm/domain';

/** The domain's view of a recorded event; null for types the domain does not know (yet). */
export const opportunityEventOf = (event: RecordedEvent): OpportunityEvent | null =>
  isOpportunityEvent(event) ? ({ type: event.type, data: event.data } as OpportunityEvent) : null;

export const accountEventOf = (event: RecordedEvent): AccountEvent | null =>
  isAccountEvent(event) ? ({ type: event.type, data: event.data } as AccountEvent) : null;

export const contactEventOf = (event: RecordedEvent): ContactEvent | null =>
  isContactEvent(event) ? ({ type: event.type, data: event.data } as ContactEvent) : null;

export const leadEventOf = (event: RecordedEvent): LeadEvent | null =>
  isLeadEvent(event) ? ({ type: event.type, data: event.data } as LeadEvent) : null;
