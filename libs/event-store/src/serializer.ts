import type { EventMetadata, NewEvent } from './events';
import type { JsonObject } from './json';
import { assertNewEvents } from './validation';

/** An event in the shape an adapter writes or has just read: JSON objects, no store-assigned fields. */
export interface SerializedEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/**
 * Turns an old stored shape into the current one on the way out. Stored events never change:
 * a new shape is a new type (or a `schemaVersion` in data) and an upcaster for the old one.
 */
export interface Upcaster {
  readonly eventType: string;
  upcast(event: SerializedEvent): SerializedEvent;
}

/** A reversible transform of stored fields, e.g. encryption of personal data; applied after upcasting on read. */
export interface StorageTransform {
  onWrite(event: SerializedEvent): SerializedEvent;
  onRead(event: SerializedEvent): SerializedEvent;
}

/**
 * The one gate every adapter passes events through, in and out, so that validation,
 * upcasting and (later) field encryption live in exactly one place.
 */
export class EventSerializer {
  private readonly upcasters = new Map<string, Upcaster[]>();

  constructor(
    upcasters: readonly Upcaster[] = [],
    private readonly transforms: readonly StorageTransform[] = [],
  ) {
    for (const upcaster of upcasters) {
      const list = this.upcasters.get(upcaster.eventType) ?? [];
      list.push(upcaster);
      this.upcasters.set(upcaster.eventType, list);
    }
  }

  /** Validates the whole append (throws InvalidEventStoreRequestError) before anything is written. */
  serialize(events: readonly NewEvent[]): SerializedEvent[] {
    assertNewEvents(events);
    return events.map((event) => {
      let stored: SerializedEvent = { id: event.id.toLowerCase(), type: event.type, data: event.data, metadata: event.metadata };
      for (const transform of this.transforms) stored = transform.onWrite(stored);
      return stored;
    });
  }

  /** True when reading this type changes nothing, so a hot read path may skip `deserialize`. */
  passesThrough(type: string): boolean {
    return this.transforms.length === 0 && !this.upcasters.has(type);
  }

  deserialize(stored: SerializedEvent): NewEvent {
    let event = stored;
    for (const transform of this.transforms) event = transform.onRead(event);
    for (let upcasters = this.upcasters.get(event.type); upcasters; upcasters = this.upcasters.get(event.type)) {
      const before = event.type;
      for (const upcaster of upcasters) event = upcaster.upcast(event);
      if (event.type === before) break;
    }
    return { id: event.id, type: event.type, data: event.data, metadata: event.metadata as EventMetadata };
  }
}
