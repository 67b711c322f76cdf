import { Injectable } from '@nestjs/common';
import {
  contactDecider, contactStream, leadDecider, leadStream, NotFoundError, parseStreamName, personalFieldsOf, type ExistingLead, type KnownContact,
} from '@crm/domain';
import type { JsonObject, RecordedEvent } from '@crm/event-store';
import { AggregateStore } from '../core/aggregate-store';
import { LeadConversionProcess } from '../leads/lead-conversion.process';

export type PersonRef = { leadId: string; contactId?: undefined } | { contactId: string; leadId?: undefined };

/** Everything recorded about one person: their subject, their streams and every email and phone they had. */
export interface PersonRecord {
  subjectId: string;
  leadId: string | null;
  contactId: string | null;
  emails: string[];
  phones: string[];
}

/**
 * Finds a person's streams: the lead and the contact converted from it share one subject. A
 * converted lead's conversion is completed first, so its contact exists and is erased with it
 * (the conversion could not be completed once the key is gone).
 */
@Injectable()
export class PersonStreams {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly conversion: LeadConversionProcess,
  ) {}

  async find(person: PersonRef): Promise<PersonRecord> {
    const lead = person.leadId !== undefined ? await this.lead(person.leadId, true) : null;
    if (lead?.state.status === 'CONVERTED') await this.completeConversion(lead.events);
    const contactId = person.contactId ?? (lead?.state.status === 'CONVERTED' ? lead.state.conversion.contactId : null);
    const contact = contactId === null ? null : await this.contact(contactId, person.contactId !== undefined);
    const sourceLeadId = contact?.state.sourceLeadId ?? null;
    const other = lead ?? (sourceLeadId === null ? null : await this.lead(sourceLeadId, false));
    const subjectId = lead?.state.subjectId ?? contact!.state.subjectId;
    const leadOfSubject = other?.state.subjectId === subjectId ? other : null;
    const contactOfSubject = contact?.state.subjectId === subjectId ? contact : null;
    const events = [...(leadOfSubject?.events ?? []), ...(contactOfSubject?.events ?? [])];
    return {
      subjectId,
      leadId: leadOfSubject?.state.leadId ?? null,
      contactId: contactOfSubject?.state.contactId ?? null,
      emails: contactPoints(events, 'email'),
      phones: contactPoints(events, 'phone'),
    };
  }

  private async completeConversion(events: readonly RecordedEvent[]): Promise<void> {
    const converted = events.find((event) => event.type === 'LeadConverted');
    if (converted) await this.conversion.complete(converted);
  }

  private async lead(leadId: string, required: boolean): Promise<{ state: ExistingLead; events: RecordedEvent[] } | null> {
    const { state, events } = await this.aggregates.load(leadDecider, leadStream(leadId));
    if (state.status !== 'Unknown') return { state, events };
    if (required) throw new NotFoundError('Lead', leadId);
    return null;
  }

  private async contact(contactId: string, required: boolean): Promise<{ state: KnownContact; events: RecordedEvent[] } | null> {
    const { state, events } = await this.aggregates.load(contactDecider, contactStream(contactId));
    if (state.status !== 'Unknown') return { state, events };
    if (required) throw new NotFoundError('Contact', contactId);
    return null;
  }
}

/** The person an erasure request names: by the first of its streams (the lead, or the contact). */
export const personOf = (record: { streams: readonly string[] }): PersonRef => {
  const { type, id } = parseStreamName(record.streams[0])!;
  return type === 'LEAD' ? { leadId: id } : { contactId: id };
};

/** The person's streams, lead first. */
export const streamsOf = (person: PersonRecord): string[] => [
  ...(person.leadId ? [leadStream(person.leadId)] : []),
  ...(person.contactId ? [contactStream(person.contactId)] : []),
];

/** Every value a person's events ever gave the field, opened: a changed email is suppressed too. */
const contactPoints = (events: readonly RecordedEvent[], field: 'email' | 'phone'): string[] => {
  const values = new Set<string>();
  for (const event of events) {
    const spec = personalFieldsOf(event.type);
    const container = spec?.container === undefined ? event.data : (event.data[spec.container] as JsonObject | null);
    const value = spec && container ? container[field] : undefined;
    if (typeof value === 'string') values.add(value);
  }
  return [...values];
};
