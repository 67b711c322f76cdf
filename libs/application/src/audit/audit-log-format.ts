import type { JsonObject, RecordedEvent } from '@crm/event-store';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One exported event: everything the store holds, with the position as a string (it outgrows 2^53). */
export interface ExportedEvent {
  position: string;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  recordedAt: string;
}

export const toExportedEvent = (event: RecordedEvent): ExportedEvent => ({
  position: event.position.toString(),
  stream: event.streamName,
  revision: event.revision,
  id: event.id,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
  recordedAt: event.recordedAt.toISOString(),
});

export const ndjsonLine = (event: RecordedEvent): string => `${JSON.stringify(toExportedEvent(event))}\n`;

/** occurredAt and actor are copied out of metadata so a spreadsheet can sort and filter on them. */
export const CSV_COLUMNS = ['position', 'stream', 'revision', 'id', 'type', 'occurredAt', 'actor', 'recordedAt', 'data', 'metadata'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes inside doubled. */
export const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;

export const csvLine = (event: RecordedEvent): string => {
  const e = toExportedEvent(event);
  const fields = [
    e.position, e.stream, String(e.revision), e.id, e.type,
    String(event.metadata.occurredAt), String(event.metadata.actor), e.recordedAt,
    JSON.stringify(e.data), JSON.stringify(e.metadata),
  ];
  return `${fields.map(csvField).join(',')}\r\n`;
};
