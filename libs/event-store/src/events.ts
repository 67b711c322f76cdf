import type { JsonObject } from './json';

/** Global position in the whole log. Totally ordered; EventStoreDB's commit position, SQLite's row position. */
export type GlobalPosition = bigint;

/** Who did it, on behalf of which command, in which conversation, and when it happened in the business. */
export interface EventMetadata extends JsonObject {
  actor: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  /** ISO 8601 instant the fact happened (may be in the past for imports); the store adds its own recordedAt. */
  occurredAt: string;
}

/** An event on its way into the store. `id` is a uuid chosen by the writer so that retries deduplicate. */
export interface NewEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** An event as the store recorded it. Revisions are 0-based per stream. */
export interface RecordedEvent<Type extends string = string, Data extends JsonObject = JsonObject>
  extends NewEvent<Type, Data> {
  streamName: string;
  revision: number;
  position: GlobalPosition;
  recordedAt: Date;
}
