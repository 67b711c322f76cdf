import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@crm/event-store';
import { Projector, SqliteReadStore, type RebuildPhase } from '@crm/read-models';
import { peakRssMiB, rate } from './bench-kit';
import { writeWorkload } from './projections-workload';

/** One step of the projections bench (a null budget: the whole model in memory), run in a process of its own so that its peak memory is its own. */
export type ProjectionsTask =
  | { kind: 'write'; dir: string; events: number }
  | { kind: 'rebuild'; dir: string; events: number; readModels: string; memoryBudgetBytes: number | null };

export interface RebuildFigures {
  eventsPerSecond: number;
  rawReadPerSecond: number;
  /** Seconds from each phase's start to the next's. */
  phases: Partial<Record<RebuildPhase, number>>;
  peakRssMiB: number;
  peakHeldBytes: number;
  /** CPU seconds (user and system, all threads) the rebuild took: steadier than its wall time on a shared machine. */
  cpuSeconds: number;
}

const openLog = (dir: string): EventStore => new SqliteEventStore({ path: join(dir, 'events.sqlite') });

const rawRead = (events: EventStore, count: number): Promise<number> =>
  rate(count, async () => {
    let read = 0;
    for await (const event of events.readAll()) read += event.revision >= 0 ? 1 : 0;
    if (read !== count) throw new Error(`read ${read} of ${count} events`);
  });

/** The log read once, then every projection rebuilt from it into a read store of its own. */
const rebuild = async (task: Extract<ProjectionsTask, { kind: 'rebuild' }>): Promise<RebuildFigures> => {
  const events = openLog(task.dir);
  const store = new SqliteReadStore({ filename: join(task.dir, task.readModels) });
  try {
    const rawReadPerSecond = await rawRead(events, task.events);
    const projector = new Projector(events, store, { dropGraceMs: 0, log: () => undefined, rebuildMemoryBudgetBytes: task.memoryBudgetBytes ?? Infinity });
    const starts: Array<[RebuildPhase, number]> = [];
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await projector.rebuild(undefined, ({ phase }) => {
      if (starts[starts.length - 1]?.[0] !== phase) starts.push([phase, performance.now()]);
    });
    const finished = performance.now();
    const { user, system } = process.cpuUsage(cpu);
    if (result.events !== task.events) throw new Error(`rebuilt ${result.events} of ${task.events} events`);
    const phases: RebuildFigures['phases'] = {};
    starts.forEach(([phase, at], i) => (phases[phase] = (phases[phase] ?? 0) + ((starts[i + 1]?.[1] ?? finished) - (i === 0 ? started : at)) / 1000));
    return { eventsPerSecond: task.events / result.seconds, rawReadPerSecond, phases, peakRssMiB: peakRssMiB(), peakHeldBytes: result.peakHeldBytes, cpuSeconds: (user + system) / 1e6 };
  } finally {
    await store.close();
    await events.close();
  }
};

const run = async (task: ProjectionsTask): Promise<RebuildFigures | null> => {
  if (task.kind === 'rebuild') return rebuild(task);
  const events = openLog(task.dir);
  try {
    await writeWorkload([{ events }], task.events);
  } finally {
    await events.close();
  }
  return null;
};

run(JSON.parse(process.argv[2]) as ProjectionsTask).then(
  (figures) => process.send?.({ figures }, () => process.exit(0)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
