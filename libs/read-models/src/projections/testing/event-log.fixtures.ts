import { streamName, streamTypeOfEvent, type DomainEvent, type StreamType } from '@crm/domain';
import type { JsonObject } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';

const ID_FIELD: { readonly [T in StreamType]: string } = {
  LEAD: 'leadId',
  ACCOUNT: 'accountId',
  CONTACT: 'contactId',
  OPPORTUNITY: 'opportunityId',
  PIPELINE: 'pipelineId',
};

const KIND_DIGIT: { readonly [T in StreamType]: string } = { LEAD: 'b', ACCOUNT: 'a', CONTACT: 'c', OPPORTUNITY: 'e', PIPELINE: 'f' };

/** A readable, valid entity id: `idOf('ACCOUNT', 1)` is `a0000000-0000-4000-8000-000000000001`. */
export const idOf = (type: StreamType, n: number): string =>
  `${KIND_DIGIT[type]}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const HOUR = 3_600_000;

/**
 * Records domain events as the event store would: per-stream revisions from 0, one global position
 * sequence, and a business time that advances an hour per event unless given.
 */
export class EventLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();
  private clock: number;

  constructor(start = '2026-01-05T09:00:00.000Z') {
    this.clock = Date.parse(start);
  }

  record(event: DomainEvent, occurredAt?: string): RecordedEvent {
    const type = streamTypeOfEvent(event);
    if (type === null) throw new Error(`not a domain event: ${event.type}`);
    const data = event.data as JsonObject;
    const stream = streamName(type, String(data[ID_FIELD[type]]));
    const revision = (this.revisions.get(stream) ?? -1) + 1;
    this.revisions.set(stream, revision);
    this.clock = occurredAt === undefined ? this.clock + HOUR : Date.parse(occurredAt);
    const at = new Date(this.clock).toISOString();
    const position = BigInt(this.events.length + 1);
    const command = `c${position}`;
    const metadata = { actor: 'rep-1', commandId: command, correlationId: command, causationId: command, occurredAt: at };
    const recordedAt = new Date(this.clock);
    const recorded = { id: `e${position}`, type: event.type, data, metadata, streamName: stream, revision, position, recordedAt };
    this.events.push(recorded);
    return recorded;
  }

  recordAll(events: readonly DomainEvent[]): RecordedEvent[] {
    return events.map((event) => this.record(event));
  }
}
