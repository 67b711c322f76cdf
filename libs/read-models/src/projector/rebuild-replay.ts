import type { EventStore, LogFilter, RecordedEvent } from '@crm/event-store';
import type { ReadStore } from '../store/read-store.port';
import { BatchApplier, type BatchApplierOptions } from './batch-applier';
import { matchesFilter, type ProjectionTarget } from './projection-target';
import { parkUnreadableIn } from './unreadable-events';
import { yieldToEventLoop } from './yield-to-event-loop';

/** One projection being rebuilt: where it writes and which events of the shared read are its own. */
export interface ReplayLane {
  target: ProjectionTarget;
  applier: BatchApplier;
  matches(event: RecordedEvent): boolean;
}

export const replayLane = (target: ProjectionTarget, store: ReadStore, options: BatchApplierOptions): ReplayLane => ({
  target,
  // The rebuild's target was emptied first and nothing else writes it: the applier keeps it in memory.
  applier: new BatchApplier(store, target, { ...options, exclusive: true }),
  matches: matchesFilter(target.projection.filter),
});

/**
 * Which lanes (by index) take an event. A log has a handful of stream categories and event types, so
 * the answer is worked out once per (category, type) instead of once per event and lane.
 */
const laneRouter = (lanes: readonly ReplayLane[]): ((event: RecordedEvent) => readonly number[]) => {
  const routes = new Map<string, number[]>();
  return (event) => {
    const dash = event.streamName.indexOf('-');
    const key = `${dash < 0 ? event.streamName : event.streamName.slice(0, dash)} ${event.type}`;
    let route = routes.get(key);
    if (route === undefined) {
      route = lanes.flatMap((lane, index) => (lane.matches(event) ? [index] : []));
      routes.set(key, route);
    }
    return route;
  };
};

/**
 * Reads the log once for every lane, from `after` to the end as it is now, applying `batchSize` events
 * at a time in memory (`writeReplayed` stores them). Returns the last position read and how many
 * events it read.
 */
export const replayPass = async (
  events: EventStore,
  lanes: readonly ReplayLane[],
  pass: { after: bigint | undefined; filter: LogFilter | undefined; batchSize: number; onBatch(position: bigint, count: number): void },
): Promise<{ after: bigint | undefined; read: number }> => {
  let after = pass.after;
  let read = 0;
  let batch: RecordedEvent[] = [];
  const route = laneRouter(lanes);
  const dispatch = async (): Promise<void> => {
    const own = lanes.map((): RecordedEvent[] => []);
    for (const event of batch) for (const lane of route(event)) own[lane].push(event);
    for (let lane = 0; lane < lanes.length; lane++) if (own[lane].length > 0) await lanes[lane].applier.apply(own[lane]);
    after = batch[batch.length - 1].position;
    read += batch.length;
    pass.onBatch(after, batch.length);
    batch = [];
    await yieldToEventLoop();
  };
  for await (const event of events.readAll({ after: pass.after, filter: pass.filter, onUnreadable: parkUnreadableIn(lanes) })) {
    batch.push(event);
    if (batch.length >= pass.batchSize) await dispatch();
  }
  if (batch.length > 0) await dispatch();
  return { after, read };
};

/** Writes what the lanes changed since the last write, a few thousand documents per transaction. */
export const writeReplayed = async (lanes: readonly ReplayLane[]): Promise<void> => {
  for (const lane of lanes) await lane.applier.flushInChunks();
};
