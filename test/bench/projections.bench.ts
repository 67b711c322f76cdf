import { fork } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '@crm/application';
import { ALL_PROJECTIONS, DEFAULT_REBUILD_MEMORY_BYTES, threadMemoryBudget } from '@crm/read-models';
import { tempDir, type BenchRow } from './bench-kit';
import type { ProjectionsTask, RebuildFigures } from './projections-child';

export { writeWorkload, type WorkloadSink } from './projections-workload';

/** Log sizes rebuilt; BENCH_PROJECTION_EVENTS (comma-separated) replaces them, e.g. 200000 while developing. */
const SIZES = (process.env.BENCH_PROJECTION_EVENTS ?? '1000000,3000000').split(',').map(Number);
/** As `crm projections rebuild --all` would run here: CRM_REBUILD_MEMORY_MB and CRM_REBUILD_THREADS apply. */
const { rebuildMemoryBudgetBytes: MEMORY_BUDGET_BYTES = DEFAULT_REBUILD_MEMORY_BYTES, rebuildThreads: THREADS } = loadConfig(process.env);
const MEMORY_BUDGET_MB = MEMORY_BUDGET_BYTES / 2 ** 20;
const PEAK_TARGET_MIB = 512;

/** Runs one step in a child process (with --expose-gc, as `npm run bench` runs this one). */
const inChild = (task: ProjectionsTask): Promise<RebuildFigures | null> =>
  new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'projections-child.js'), [JSON.stringify(task)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let figures: RebuildFigures | null = null;
    child.on('message', (message: { figures: RebuildFigures | null }) => (figures = message.figures));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(figures) : reject(new Error(`projections bench step ${task.kind} exited with ${code}`))));
  });

const rebuildIn = async (dir: string, events: number, readModels: string, memoryBudgetBytes: number | null, threads: number): Promise<RebuildFigures> =>
  (await inChild({ kind: 'rebuild', dir, events, readModels, memoryBudgetBytes, threads }))!;

/** The rebuilds a size's rows are compared with, run in the same hour (at the first size only). */
interface SameRunBaselines {
  unbounded: RebuildFigures;
  /** The same budget on one thread, in one read of the log (when the bounded rebuild ran on several). */
  oneThread: RebuildFigures | null;
}

const phaseRows = (figures: RebuildFigures): BenchRow[] => {
  const phase = (name: keyof RebuildFigures['phases']): number => figures.phases[name] ?? 0;
  if (figures.projections.length > 0) return figures.projections.map(({ name, seconds }) => ({ name: `  of which ${name}, on its thread`, value: seconds, unit: 's' }));
  return [
    { name: '  of which replay: read the log, apply it, write out at the budget', value: phase('replay'), unit: 's' },
    { name: '  of which write the documents still held', value: phase('write'), unit: 's' },
    { name: '  of which build their indexes', value: phase('index') + phase('catch-up'), unit: 's' },
  ];
};

const rowsOf = (events: number, figures: RebuildFigures, beside: SameRunBaselines | null): BenchRow[] => {
  const threads = figures.projections.length > 0 ? THREADS : 1;
  const label = `${events.toLocaleString('en-US')} events, ${ALL_PROJECTIONS.length} projections, ${MEMORY_BUDGET_MB} MiB budget, ${threads} thread${threads === 1 ? '' : 's'}`;
  const heldLimitMiB = threads === 1 ? MEMORY_BUDGET_MB : threadMemoryBudget(MEMORY_BUDGET_MB, threads);
  const unbounded = beside?.unbounded;
  return [
    { name: `rebuild all projections (${label})`, value: figures.eventsPerSecond, unit: 'events/s', baseline: { name: 'readAll of the same log', value: figures.rawReadPerSecond }, target: '>= 100,000 events/s' },
    ...(unbounded === undefined ? [] : [{ name: '  the same, beside the unbounded rebuild', value: figures.eventsPerSecond, unit: 'events/s', baseline: { name: 'whole model in memory, one thread', value: unbounded.eventsPerSecond }, target: '>= 1.0x' }]),
    ...(beside?.oneThread == null ? [] : [{ name: '  the same, beside one thread with the whole budget', value: figures.eventsPerSecond, unit: 'events/s', baseline: { name: 'one read of the log for all', value: beside.oneThread.eventsPerSecond } }]),
    ...phaseRows(figures),
    { name: '  CPU time of the rebuild (steadier on a shared machine)', value: figures.cpuSeconds, unit: 's', ...(unbounded === undefined ? {} : { baseline: { name: 'unbounded', value: unbounded.cpuSeconds } }) },
    { name: '  peak RSS of the rebuild process', value: figures.peakRssMiB, unit: 'MiB', ...(unbounded === undefined ? {} : { baseline: { name: 'unbounded', value: unbounded.peakRssMiB } }), target: `< ${PEAK_TARGET_MIB} MiB` },
    { name: `  peak estimate of the documents held${threads === 1 ? '' : ' by one thread'}`, value: figures.peakHeldBytes / 2 ** 20, unit: 'MiB', target: `<= ${heldLimitMiB} MiB` },
    // On threads the samples are the waiting main thread's heap, not the rebuilding threads'.
    ...(threads > 1 ? [] : [{ name: '  V8 heap committed, at the largest of the per-batch samples', value: figures.atLargest.heapTotal, unit: 'MiB', baseline: { name: 'resident size then', value: figures.atLargest.rss } }]),
    { name: '  full collections forced to keep the heap within the budget', value: figures.collections, unit: 'collections' },
  ];
};

const unboundedRows = (events: number, figures: RebuildFigures): BenchRow[] => [
  { name: `rebuild all projections, whole model in memory (${events.toLocaleString('en-US')} events)`, value: figures.eventsPerSecond, unit: 'events/s', baseline: { name: 'readAll of the same log', value: figures.rawReadPerSecond } },
  { name: '  of which replay: read the log and apply it in memory', value: figures.phases.replay ?? 0, unit: 's' },
  { name: '  of which write the rebuilt documents', value: figures.phases.write ?? 0, unit: 's' },
  { name: '  of which build their indexes', value: (figures.phases.index ?? 0) + (figures.phases['catch-up'] ?? 0), unit: 's' },
  { name: '  CPU time of the rebuild', value: figures.cpuSeconds, unit: 's' },
  { name: '  peak RSS of the rebuild process', value: figures.peakRssMiB, unit: 'MiB' },
];

/**
 * Rebuild of every projection from a realistic log at each size as `crm projections rebuild --all`
 * runs it, each step in a process of its own (its peak RSS is the rebuild's alone), beside a plain read
 * of the same log; at the first size also beside, in the same run, the rebuild that holds the whole
 * model in memory and the bounded one on one thread.
 */
export async function benchProjections(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [i, events] of SIZES.entries()) {
    const tmp = tempDir('crm-bench-projections-');
    try {
      await inChild({ kind: 'write', dir: tmp.dir, events });
      const unbounded = i === 0 ? await rebuildIn(tmp.dir, events, 'unbounded.sqlite', null, 1) : null;
      const oneThread = i === 0 && THREADS > 1 ? await rebuildIn(tmp.dir, events, 'one-thread.sqlite', MEMORY_BUDGET_BYTES, 1) : null;
      const bounded = await rebuildIn(tmp.dir, events, 'bounded.sqlite', MEMORY_BUDGET_BYTES, THREADS);
      if (unbounded !== null) rows.push(...unboundedRows(events, unbounded));
      if (oneThread !== null) rows.push(...rowsOf(events, oneThread, null));
      rows.push(...rowsOf(events, bounded, unbounded === null ? null : { unbounded, oneThread }));
    } finally {
      tmp.cleanup();
    }
  }
  return rows;
}
