import type { EventStore } from '@crm/event-store';
import { crmWorkload, type WorkloadEvent } from '../../libs/read-models/src/projections/testing/crm-workload';
import type { WorkloadIdKind } from '../../libs/read-models/src/projections/testing/workload-ids';

const GROUP = 2_000;

/**
 * BENCH_PROJECTION_IDS=random writes version 4 ids, as logs written before the product made time-ordered ids
 * hold; by default the ids are time-ordered, as the product makes them now.
 */
const workloadIdKind = (): WorkloadIdKind => {
  const kind = process.env.BENCH_PROJECTION_IDS ?? 'time-ordered';
  if (kind !== 'time-ordered' && kind !== 'random') throw new Error(`BENCH_PROJECTION_IDS must be time-ordered or random, not ${kind}`);
  return kind;
};

/** A log the workload is written to, and what each group of events becomes on its way there (sealed, say). */
export interface WorkloadSink {
  events: EventStore;
  prepare?(group: readonly WorkloadEvent[]): Promise<readonly WorkloadEvent[]>;
}

/**
 * Appends the generated workload directly, a group commit of GROUP single-event appends at a time;
 * to several sinks, each gets the same events (same ids), so their logs differ only by `prepare`.
 */
export const writeWorkload = async (sinks: readonly WorkloadSink[], count: number): Promise<void> => {
  let group: WorkloadEvent[] = [];
  const flush = async (): Promise<void> => {
    const prepared = await Promise.all(sinks.map((sink) => sink.prepare?.(group) ?? group));
    await Promise.all(sinks.flatMap((sink, i) => prepared[i].map(({ streamName, event }) => sink.events.appendToStream(streamName, [event], 'any'))));
    group = [];
  };
  for (const item of crmWorkload({ events: count, seed: 7, ids: workloadIdKind() })) {
    group.push(item);
    if (group.length >= GROUP) await flush();
  }
  await flush();
};
