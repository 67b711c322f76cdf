import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@crm/event-store';
import { ALL_PROJECTIONS, Projector, SqliteReadStore, type RebuildPhase } from '@crm/read-models';
import { crmWorkload, type WorkloadEvent } from '../../libs/read-models/src/projections/testing/crm-workload';
import { peakRssMiB, rate, tempDir, type BenchRow } from './bench-kit';

const EVENTS = Number(process.env.BENCH_PROJECTION_EVENTS ?? 1_000_000);
const GROUP = 2_000;

/** A log the workload is written to, and what each group of events becomes on its way there (sealed, say). */
export interface WorkloadSink {
  events: EventStore;
  prepare?(group: readonly WorkloadEvent[]): Promise<readonly WorkloadEvent[]>;
}

/**
 * Appends the generated workload directly, a group commit of GROUP single-event appends at a time;
 * to several sinks, each gets the same events (same ids), so their logs differ only by `prepare`.
 */
export const writeWorkload = async (sinks: readonly WorkloadSink[], count = EVENTS): Promise<void> => {
  let group: WorkloadEvent[] = [];
  const flush = async (): Promise<void> => {
    const prepared = await Promise.all(sinks.map((sink) => sink.prepare?.(group) ?? group));
    await Promise.all(sinks.flatMap((sink, i) => prepared[i].map(({ streamName, event }) => sink.events.appendToStream(streamName, [event], 'any'))));
    group = [];
  };
  for (const item of crmWorkload({ events: count, seed: 7 })) {
    group.push(item);
    if (group.length >= GROUP) await flush();
  }
  await flush();
};

const rawRead = async (events: EventStore): Promise<number> =>
  rate(EVENTS, async () => {
    let read = 0;
    for await (const event of events.readAll()) read += event.revision >= 0 ? 1 : 0;
    if (read !== EVENTS) throw new Error(`read ${read} of ${EVENTS} events`);
  });

/** Rebuild of every projection from a realistic log, beside a plain read of the same log in the same run. */
export async function benchProjections(): Promise<BenchRow[]> {
  const tmp = tempDir('crm-bench-projections-');
  const events = new SqliteEventStore({ path: join(tmp.dir, 'events.sqlite') });
  const store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
  try {
    await writeWorkload([{ events }]);
    const raw = await rawRead(events);
    const projector = new Projector(events, store, { dropGraceMs: 0, log: () => undefined });
    // When each phase started, so the figure can be split into reading and applying the log versus
    // writing and indexing the documents it produced.
    const phaseStarts = new Map<RebuildPhase, number>();
    const started = performance.now();
    const result = await projector.rebuild(undefined, ({ phase }) => {
      if (!phaseStarts.has(phase)) phaseStarts.set(phase, performance.now());
    });
    const finished = performance.now();
    const secondsOf = (phase: RebuildPhase, ...next: RebuildPhase[]): number => {
      const end = next.map((later) => phaseStarts.get(later)).find((time) => time !== undefined) ?? finished;
      return (end - (phaseStarts.get(phase) ?? started)) / 1000;
    };
    const label = `${EVENTS.toLocaleString('en-US')} events, ${ALL_PROJECTIONS.length} projections`;
    return [
      {
        name: `rebuild all projections (${label})`,
        value: EVENTS / result.seconds,
        unit: 'events/s',
        baseline: { name: 'readAll of the same log', value: raw },
        target: '>= 100,000 events/s',
      },
      { name: 'of which replay: read the log and apply it in memory', value: secondsOf('replay', 'write'), unit: 's' },
      { name: 'of which write the rebuilt documents', value: secondsOf('write', 'index'), unit: 's' },
      { name: 'of which build their indexes', value: secondsOf('index', 'catch-up', 'switch'), unit: 's' },
      { name: 'peak RSS during the projection bench', value: peakRssMiB(), unit: 'MiB' },
    ];
  } finally {
    await store.close();
    await events.close();
    tmp.cleanup();
  }
}
