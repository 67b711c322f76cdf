import { personalFieldsOf } from '@crm/domain';
import type { JsonObject, JsonValue, RecordedEvent } from '@crm/event-store';
import { inCurrentShape } from '../../core/current-shape';
import { ENVELOPE_KEY } from '../../privacy/personal-data-codec';

/** What a receiver gets: the event's ids and non-personal facts, where it sits in the log, and when it happened. */
export interface WebhookPayload {
  type: string;
  /** When it happened in the business (`metadata.occurredAt`). */
  timestamp: string;
  data: {
    stream: string;
    revision: number;
    /** The event's log position, as a decimal string (it may exceed 2^53). */
    position: string;
    event: { id: string; type: string; occurredAt: string; data: JsonObject };
  };
}

const isObject = (value: JsonValue | undefined): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The event's data without anything that describes a person: the sealed envelope and every field the
 * domain calls personal (a sealed event still carries the ones that were null, and a log written with
 * personal data in the clear, as the encryption bench does, carries them all). Ids stay, the data
 * subject's id included: they name no one without the CRM.
 */
export const nonPersonalData = (event: { type: string; data: JsonObject }): JsonObject => {
  const data = structuredClone(event.data);
  const spec = personalFieldsOf(event.type);
  if (spec === undefined) return data;
  const container = spec.container === undefined ? data : data[spec.container];
  if (!isObject(container)) return data;
  delete container[ENVELOPE_KEY];
  for (const field of spec.fields) delete container[field];
  return data;
};

/**
 * Built from the log as stored (personal fields sealed), never from the opened log: nothing personal
 * can reach a receiver, whatever the key store holds. Events stored in an older shape are sent in
 * today's (`inCurrentShape`), as the API shows them, so a receiver knows one shape per type.
 */
export const webhookPayload = (stored: RecordedEvent): WebhookPayload => {
  const event = inCurrentShape(stored);
  const occurredAt = event.metadata.occurredAt;
  return {
    type: event.type,
    timestamp: occurredAt,
    data: {
      stream: event.streamName,
      revision: event.revision,
      position: event.position.toString(),
      event: { id: event.id, type: event.type, occurredAt, data: nonPersonalData(event) },
    },
  };
};

/** The body exactly as sent and signed. */
export const webhookBody = (stored: RecordedEvent): string => JSON.stringify(webhookPayload(stored));
