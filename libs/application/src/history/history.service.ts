import { Inject, Injectable } from '@nestjs/common';
import { Instant, streamName, type StreamType } from '@crm/domain';
import { collectStream, type EventStore, type RecordedEvent } from '@crm/event-store';
import { EVENT_STORE } from '../core/tokens';
import { revisionCursor, toHistoryEntry, type HistoryEntry } from './history-entry';
import { historyWindow, type HistoryPaging } from './history-window';
import { replayStream, type StreamStates } from './stream-replay';

export interface HistoryPage {
  edges: { cursor: string; node: HistoryEntry }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export interface StateAsOf<S> {
  state: S;
  /** The last revision folded in, and its position. */
  revision: number;
  position: string;
}

/**
 * An entity's history and its state at any instant, read from the event store (never a read model),
 * so an auditor sees exactly what was recorded.
 */
@Injectable()
export class HistoryService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** A page of events in revision order, forwards or backwards; an unknown stream is an empty page. */
  async page(type: StreamType, id: string, paging: HistoryPaging = {}): Promise<HistoryPage> {
    const name = streamName(type, id);
    const last = await this.store.streamRevision(name);
    const window = historyWindow(paging, last);
    const events = window.end < window.start ? [] : await collectStream(this.store, name, { fromRevision: window.start, maxCount: window.end - window.start + 1 });
    const edges = events.map((event) => ({ cursor: revisionCursor(event.revision), node: toHistoryEntry(event) }));
    const pageInfo = {
      hasNextPage: window.hasNextPage,
      hasPreviousPage: window.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    };
    return { edges, pageInfo, totalCount: last === null ? 0 : last + 1 };
  }

  /** Every event of the stream, oldest first (for exports of one entity and the command line). */
  async entries(type: StreamType, id: string): Promise<HistoryEntry[]> {
    return (await collectStream(this.store, streamName(type, id))).map(toHistoryEntry);
  }

  /**
   * Replays the events whose business time (metadata.occurredAt) is at or before `instant`, in revision
   * order; null when none is, i.e. the entity did not exist yet. A back-dated event recorded later still
   * counts from its business time: "as of" answers what was true then, as far as we know now.
   */
  async stateAsOf<T extends StreamType>(type: T, id: string, instant: string | Date): Promise<StateAsOf<StreamStates[T]> | null> {
    const events = await this.eventsAsOf(type, id, instant);
    const last = events[events.length - 1];
    if (!last) return null;
    return { state: replayStream(type, events), revision: last.revision, position: last.position.toString() };
  }

  /** The stream's events whose business time (metadata.occurredAt) is at or before `instant`, in revision order. */
  async eventsAsOf(type: StreamType, id: string, instant: string | Date): Promise<RecordedEvent[]> {
    const cutoff = Date.parse(typeof instant === 'string' ? Instant.parse(instant, 'asOf') : instant.toISOString());
    return (await collectStream(this.store, streamName(type, id))).filter((event: RecordedEvent) => Date.parse(event.metadata.occurredAt) <= cutoff);
  }
}
