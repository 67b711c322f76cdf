import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@crm/event-store';
import { ALL_PROJECTIONS, Projector, SQLITE_REBUILD_STORES, SqliteReadStore, longestRebuildFirst, rebuildOnThreads, type RebuildPhase } from '@crm/read-models';
import { peakRssMiB, rate } from './bench-kit';
import { writeWorkload } from './projections-workload';

/** One step of the projections bench (a null budget: the whole model in memory), run in a process of its own so that its peak memory is its own. */
export type ProjectionsTask =
  | { kind: 'write'; dir: string; events: number }
  | { kind: 'rebuild'; dir: string; events: number; readModels: string; memoryBudgetBytes: number | null; threads: number };

export interface RebuildFigures {
  eventsPerSecond: number;
  rawReadPerSecond: number;
  /** Seconds from each phase's start to the next's (one thread: on several, the phases overlap). */
  phases: Partial<Record<RebuildPhase, number>>;
  /** On several threads: each projection's own rebuild, in seconds, in the order they finished. */
  projections: Array<{ name: string; seconds: number }>;
  peakRssMiB: number;
  /** The most one rebuild's documents were estimated to weigh (on several threads: one projection's, on its thread). */
  peakHeldBytes: number;
  /** CPU seconds (user and system, all threads) the rebuild took: steadier than its wall time on a shared machine. */
  cpuSeconds: number;
  /** Full collections the rebuild forced to keep its heap within the budget. */
  collections: number;
  /** The process's memory at the batch it was largest (MiB): how much of the resident size is V8's heap. */
  atLargest: { rss: number; heapTotal: number; heapUsed: number; external: number };
}

/**
 * Samples the process's memory between batches, at most every 100 ms (each sample reads the resident
 * size from the system), and keeps the sample with the highest resident size.
 */
const largestSample = (): { take(): void; largest: RebuildFigures['atLargest'] } => {
  const largest = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0 };
  const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);
  let next = 0;
  return {
    largest,
    take: () => {
      if (performance.now() < next) return;
      next = performance.now() + 100;
      const { rss, heapTotal, heapUsed, external } = process.memoryUsage();
      if (mib(rss) > largest.rss) Object.assign(largest, { rss: mib(rss), heapTotal: mib(heapTotal), heapUsed: mib(heapUsed), external: mib(external) });
    },
  };
};

const openLog = (dir: string): EventStore => new SqliteEventStore({ path: join(dir, 'events.sqlite') });

const rawRead = (events: EventStore, count: number): Promise<number> =>
  rate(count, async () => {
    let read = 0;
    for await (const event of events.readAll()) read += event.revision >= 0 ? 1 : 0;
    if (read !== count) throw new Error(`read ${read} of ${count} events`);
  });

type RebuildTask = Extract<ProjectionsTask, { kind: 'rebuild' }>;

/**
 * Every projection rebuilt into a read store of its own, then the log read once: after the rebuild, so
 * that the process's peak RSS so far is the rebuild's alone.
 */
const rebuild = async (task: RebuildTask): Promise<RebuildFigures> => {
  const figures = task.threads > 1 ? await rebuildOnThreadsAsTheCommandDoes(task) : await rebuildOnOneThread(task);
  const events = openLog(task.dir);
  try {
    return { ...figures, rawReadPerSecond: await rawRead(events, task.events) };
  } finally {
    await events.close();
  }
};

/** In one read of the log for all projections, as `Projector.rebuild` does. */
const rebuildOnOneThread = async (task: RebuildTask): Promise<Omit<RebuildFigures, 'rawReadPerSecond'>> => {
  const events = openLog(task.dir);
  const store = new SqliteReadStore({ filename: join(task.dir, task.readModels) });
  try {
    const projector = new Projector(events, store, { dropGraceMs: 0, log: () => undefined, rebuildMemoryBudgetBytes: task.memoryBudgetBytes ?? Infinity });
    const starts: Array<[RebuildPhase, number]> = [];
    const memory = largestSample();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await projector.rebuild(undefined, ({ phase }) => {
      memory.take();
      if (starts[starts.length - 1]?.[0] !== phase) starts.push([phase, performance.now()]);
    });
    const finished = performance.now();
    const { user, system } = process.cpuUsage(cpu);
    if (result.events !== task.events) throw new Error(`rebuilt ${result.events} of ${task.events} events`);
    const phases: RebuildFigures['phases'] = {};
    starts.forEach(([phase, at], i) => (phases[phase] = (phases[phase] ?? 0) + ((starts[i + 1]?.[1] ?? finished) - (i === 0 ? started : at)) / 1000));
    return { eventsPerSecond: task.events / result.seconds, phases, projections: [], peakRssMiB: peakRssMiB(), peakHeldBytes: result.peakHeldBytes, cpuSeconds: (user + system) / 1e6, collections: result.collections, atLargest: memory.largest };
  } finally {
    await store.close();
    await events.close();
  }
};

/**
 * Every projection rebuilt on threads as `crm projections rebuild --all` does, each thread with its own
 * connections to the same files. Memory is sampled every 100 ms from this thread, which only waits.
 */
const rebuildOnThreadsAsTheCommandDoes = async (task: RebuildTask): Promise<Omit<RebuildFigures, 'rawReadPerSecond'>> => {
  const memory = largestSample();
  const sampling = setInterval(memory.take, 100);
  const cpu = process.cpuUsage();
  try {
    const result = await rebuildOnThreads(longestRebuildFirst(ALL_PROJECTIONS.map(({ name }) => name)), {
      threads: task.threads,
      stores: { module: SQLITE_REBUILD_STORES, argument: { events: join(task.dir, 'events.sqlite'), readModels: join(task.dir, task.readModels) } },
      memoryBudgetBytes: task.memoryBudgetBytes ?? Infinity,
      owner: 'bench',
      // As the one-thread rebuild above: nothing reads the old copies, so they go at once.
      projector: { dropGraceMs: 0 },
    });
    const { user, system } = process.cpuUsage(cpu);
    return {
      eventsPerSecond: task.events / result.seconds,
      phases: {},
      projections: result.rebuilt.map((rebuilt) => ({ name: rebuilt.projections.join(','), seconds: rebuilt.seconds })),
      peakRssMiB: peakRssMiB(),
      peakHeldBytes: Math.max(0, ...result.rebuilt.map((rebuilt) => rebuilt.peakHeldBytes)),
      cpuSeconds: (user + system) / 1e6,
      collections: result.collections,
      atLargest: memory.largest,
    };
  } finally {
    clearInterval(sampling);
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
