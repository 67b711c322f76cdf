import { Inject, Injectable } from '@nestjs/common';
import { Instant, streamName, ValidationError, type StreamType } from '@crm/domain';
import { collectStream, type EventStore, type RecordedEvent } from '@crm/event-store';
import { EVENT_STORE } from '../core/tokens';
import { revisionCursor, revisionOfCursor, toHistoryEntry, type HistoryEntry } from './history-entry';
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

export const MAX_HISTORY_PAGE = 1000;

/**
 * An entity's history and its state at any instant, read from the event store (never a read model),
 * so an auditor sees exactly what was recorded.
 */
@Injectable()
export class HistoryService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** `first` events after the `after` cursor (revision order); an unknown stream is an empty page. */
  async page(type: StreamType, id: string, first = 100, after?: string | null): Promise<HistoryPage> {
    const name = streamName(type, id);
    if (!Number.isSafeInteger(first) || first < 0 || first > MAX_HISTORY_PAGE) {
      throw ValidationError.field('first', `must be an integer from 0 to ${MAX_HISTORY_PAGE}`);
    }
    const fromRevision = after == null ? 0 : afterRevision(after) + 1;
    const [events, last] = await Promise.all([
      first === 0 ? Promise.resolve([]) : collectStream(this.store, name, { fromRevision, maxCount: first + 1 }),
      this.store.streamRevision(name),
    ]);
    const shown = events.slice(0, first);
    const edges = shown.map((event) => ({ cursor: revisionCursor(event.revision), node: toHistoryEntry(event) }));
    const pageInfo = {
      hasNextPage: events.length > first,
      hasPreviousPage: fromRevision > 0,
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
    const cutoff = Date.parse(typeof instant === 'string' ? Instant.parse(instant, 'asOf') : instant.toISOString());
    const events = (await collectStream(this.store, streamName(type, id))).filter(
      (event: RecordedEvent) => Date.parse(event.metadata.occurredAt) <= cutoff,
    );
    const last = events[events.length - 1];
    if (!last) return null;
    return { state: replayStream(type, events), revision: last.revision, position: last.position.toString() };
  }
}

const afterRevision = (cursor: string): number => {
  const revision = revisionOfCursor(cursor);
  if (revision === null) throw ValidationError.field('after', 'is not a cursor of this history');
  return revision;
};
