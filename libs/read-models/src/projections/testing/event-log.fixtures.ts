import { isPipelineEvent, streamName, streamTypeOfEvent, type DomainEvent, type PipelineEvent, type StreamType } from '@crm/domain';
import type { JsonObject } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';

/** Events a log of these tests holds: the entities' and the pipelines'. */
export type LoggedEvent = DomainEvent | PipelineEvent;

type EntityType = StreamType | 'PIPELINE';

const ID_FIELD: Readonly<Record<string, string>> = {
  LEAD: 'leadId',
  ACCOUNT: 'accountId',
  CONTACT: 'contactId',
  OPPORTUNITY: 'opportunityId',
  PIPELINE: 'pipelineId',
};

const KIND_DIGIT: Readonly<Record<string, string>> = { LEAD: 'b', ACCOUNT: 'a', CONTACT: 'c', OPPORTUNITY: 'e', PIPELINE: 'f' };

/** A readable, valid entity id: `idOf('ACCOUNT', 1)` is `a0000000-0000-4000-8000-000000000001`. */
export const idOf = (type: EntityType, n: number): string =>
  `${KIND_DIGIT[type]}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The stream an event is appended to, as the command handlers name it. */
export function streamOf(event: LoggedEvent): string {
  const data = event.data as JsonObject;
  if (isPipelineEvent(event)) return `pipeline-${String(data[ID_FIELD.PIPELINE])}`;
  const type = streamTypeOfEvent(event as DomainEvent);
  if (type === null) throw new Error(`not a domain event: ${event.type}`);
  return streamName(type, String(data[ID_FIELD[type]]));
}

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

  record(event: LoggedEvent, occurredAt?: string): RecordedEvent {
    const stream = streamOf(event);
    const revision = (this.revisions.get(stream) ?? -1) + 1;
    this.revisions.set(stream, revision);
    this.clock = occurredAt === undefined ? this.clock + HOUR : Date.parse(occurredAt);
    const at = new Date(this.clock).toISOString();
    const position = BigInt(this.events.length + 1);
    const command = `c${position}`;
    const metadata = { actor: 'rep-1', commandId: command, correlationId: command, causationId: command, occurredAt: at };
    const recordedAt = new Date(this.clock);
    const data = event.data as JsonObject;
    const recorded = { id: `e${position}`, type: event.type, data, metadata, streamName: stream, revision, position, recordedAt };
    this.events.push(recorded);
    return recorded;
  }

  recordAll(events: readonly LoggedEvent[]): RecordedEvent[] {
    return events.map((event) => this.record(event));
  }
}
