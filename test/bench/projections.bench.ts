import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '@crm/read-models';
import { tempDir, type BenchRow } from './bench-kit';
import type { ProjectionsTask, RebuildFigures } from './projections-child';

export { writeWorkload, type WorkloadSink } from './projections-workload';

/** Log sizes rebuilt; BENCH_PROJECTION_EVENTS (comma-separated) replaces them, e.g. 200000 while developing. */
const SIZES = (process.env.BENCH_PROJECTION_EVENTS ?? '1000000,3000000').split(',').map(Number);
const MEMORY_BUDGET_MB = Number(process.env.CRM_REBUILD_MEMORY_MB ?? 256);
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

const rebuildIn = async (dir: string, events: number, readModels: string, memoryBudgetBytes: number | null): Promise<RebuildFigures> =>
  (await inChild({ kind: 'rebuild', dir, events, readModels, memoryBudgetBytes }))!;

const rowsOf = (events: number, figures: RebuildFigures, unbounded: RebuildFigures | null): BenchRow[] => {
  const label = `${events.toLocaleString('en-US')} events, ${ALL_PROJECTIONS.length} projections, ${MEMORY_BUDGET_MB} MiB budget`;
  const phase = (name: keyof RebuildFigures['phases']): number => figures.phases[name] ?? 0;
  return [
    { name: `rebuild all projections (${label})`, value: figures.eventsPerSecond, unit: 'events/s', baseline: { name: 'readAll of the same log', value: figures.rawReadPerSecond }, target: '>= 100,000 events/s' },
    ...(unbounded === null ? [] : [{ name: '  the same, beside the unbounded rebuild', value: figures.eventsPerSecond, unit: 'events/s', baseline: { name: 'whole model in memory', value: unbounded.eventsPerSecond }, target: '>= 1.0x' }]),
    { name: '  of which replay: read the log, apply it, write out at the budget', value: phase('replay'), unit: 's' },
    { name: '  of which write the documents still held', value: phase('write'), unit: 's' },
    { name: '  of which build their indexes', value: phase('index') + phase('catch-up'), unit: 's' },
    { name: '  CPU time of the rebuild (steadier on a shared machine)', value: figures.cpuSeconds, unit: 's', ...(unbounded === null ? {} : { baseline: { name: 'unbounded', value: unbounded.cpuSeconds } }) },
    { name: '  peak RSS of the rebuild process', value: figures.peakRssMiB, unit: 'MiB', ...(unbounded === null ? {} : { baseline: { name: 'unbounded', value: unbounded.peakRssMiB } }), target: `< ${PEAK_TARGET_MIB} MiB` },
    { name: '  peak estimate of the documents held', value: figures.peakHeldBytes / 2 ** 20, unit: 'MiB', target: `<= ${MEMORY_BUDGET_MB} MiB` },
    { name: '  V8 heap committed, at the largest of the per-batch samples', value: figures.atLargest.heapTotal, unit: 'MiB', baseline: { name: 'resident size then', value: figures.atLargest.rss } },
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
 * Rebuild of every projection from a realistic log at each size, each step in a process of its own
 * (its peak RSS is the rebuild's alone), beside a plain read of the same log; at the first size also
 * beside the rebuild that holds the whole model in memory, in the same run.
 */
export async function benchProjections(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [i, events] of SIZES.entries()) {
    const tmp = tempDir('crm-bench-projections-');
    try {
      await inChild({ kind: 'write', dir: tmp.dir, events });
      const unbounded = i === 0 ? await rebuildIn(tmp.dir, events, 'unbounded.sqlite', null) : null;
      const bounded = await rebuildIn(tmp.dir, events, 'bounded.sqlite', MEMORY_BUDGET_MB * 2 ** 20);
      if (unbounded !== null) rows.push(...unboundedRows(events, unbounded));
      rows.push(...rowsOf(events, bounded, unbounded));
    } finally {
      tmp.cleanup();
    }
  }
  return rows;
}
