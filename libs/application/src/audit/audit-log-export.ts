import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { csvHeader, csvLine, ndjsonLine, type ExportFormat } from './audit-log-format';

export interface ExportOptions {
  format: ExportFormat;
  /** Stream categories (lead, account, contact, opportunity); all when empty. */
  categories?: readonly string[];
  /** Business time (metadata.occurredAt): from inclusive, to exclusive. */
  from?: Date | null;
  to?: Date | null;
  onProgress?: (exported: number, position: bigint) => void;
}

export interface ExportSummary {
  exported: number;
  scanned: number;
  lastPosition: string | null;
}

/** Lines are gathered into chunks of about this size: one write per line costs more than the formatting. */
const CHUNK_CHARS = 64 * 1024;
const PROGRESS_EVERY = 2000;

const inWindow = (event: RecordedEvent, from: number, to: number): boolean => {
  const at = Date.parse(event.metadata.occurredAt);
  return at >= from && at < to;
};

/**
 * Streams the audit log in log order to `out`: one page of the store and one chunk of text in memory at a
 * time, waiting for 'drain' when `out` is full, so memory stays flat however long the log is.
 */
export const exportAuditLog = async (store: EventStore, out: Writable, options: ExportOptions): Promise<ExportSummary> => {
  const from = options.from?.getTime() ?? -Infinity;
  const to = options.to?.getTime() ?? Infinity;
  const line = options.format === 'csv' ? csvLine : ndjsonLine;
  const filter = options.categories?.length ? { categories: options.categories } : undefined;
  const summary: ExportSummary = { exported: 0, scanned: 0, lastPosition: null };
  let chunk = options.format === 'csv' ? csvHeader() : '';
  for await (const event of store.readAll({ filter })) {
    summary.scanned++;
    summary.lastPosition = event.position.toString();
    if (!inWindow(event, from, to)) continue;
    chunk += line(event);
    summary.exported++;
    if (chunk.length >= CHUNK_CHARS) {
      await write(out, chunk);
      chunk = '';
    }
    if (summary.scanned % PROGRESS_EVERY === 0) options.onProgress?.(summary.exported, event.position);
  }
  if (chunk) await write(out, chunk);
  return summary;
};

const write = async (out: Writable, text: string): Promise<void> => {
  if (!out.write(text)) await once(out, 'drain');
};
