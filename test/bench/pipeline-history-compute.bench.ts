import { DEFAULT_PIPELINE } from '@crm/domain';
import { forecastRows, pipelineDocsAt, pipelineMovement, stageVelocity, TimelineSet, versionAt, type OpportunityVersionDoc, type PipelineQuery } from '@crm/read-models';
import { PipelineColumns } from '../../libs/read-models/src/pipeline-history/pipeline-columns';
import { SeededRandom } from '../../libs/application/src/seed/seeded-random';
import type { BenchRow } from './bench-kit';
import { BENCH_OWNERS, BENCH_PIPELINES, benchVersionDocs } from './pipeline-history-data';

const OPPORTUNITIES = Number(process.env.BENCH_HISTORY_OPPORTUNITIES ?? 100_000);
const CALLS = Number(process.env.BENCH_HISTORY_CALLS ?? 200);
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00.000Z');

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapMiB = (): number => process.memoryUsage().heapUsed / 2 ** 20;

type Timing = { cpuMean: number; median: number; p99: number };

/**
 * Each call after a few warm-up calls: CPU milliseconds per call over all of them (user + system of
 * the process, which also counts the collector's threads: what 8 concurrent clients of one process
 * compete for), and the median and 99th percentile of their wall times (the kernel accounts CPU in
 * scheduler ticks, too coarse to time one call of a millisecond; on this shared machine wall time
 * also holds whatever else ran meanwhile, so the percentiles are an upper bound).
 */
function timePerCall(call: (i: number) => unknown, calls = CALLS): Timing {
  for (let i = 0; i < Math.min(10, calls); i++) call(i);
  gc();
  const times: number[] = [];
  const started = process.cpuUsage();
  for (let i = 0; i < calls; i++) {
    const wall = performance.now();
    call(i);
    times.push(performance.now() - wall);
  }
  const used = process.cpuUsage(started);
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.ceil(times.length * share) - 1)];
  return { cpuMean: (used.user + used.system) / 1000 / calls, median: at(0.5), p99: at(0.99) };
}

/**
 * CPU microseconds per version added to timelines whose columns are laid out: a catch-up of a new
 * version for each of 2,000 opportunities across the pipelines, as writes arrive between reports.
 */
function catchUpCost(timelines: TimelineSet, docs: readonly OpportunityVersionDoc[]): number {
  const latest = new Map<string, OpportunityVersionDoc>();
  for (const doc of docs) if ((latest.get(doc.opportunityId)?.seq ?? -1) < doc.seq) latest.set(doc.opportunityId, doc);
  const next = [...latest.values()].slice(0, 2_000).map((doc) => ({ ...doc, id: `${doc.opportunityId}:${doc.seq + 1}`, seq: doc.seq + 1, at: new Date(NOW).toISOString() }));
  gc();
  const started = process.cpuUsage();
  for (const doc of next) timelines.add(doc);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / next.length;
}

/** What the columns' typed arrays take, room to grow included (strings and codes are shared with the timelines). */
const bytesOf = (c: PipelineColumns): number =>
  [c.openedAt, c.first, c.end, c.at, c.inPipeline, c.status, c.stage, c.owner, c.currency, c.closeMonth, c.closeDay, c.amount].reduce((sum, column) => sum + column.byteLength, 0);

/** Instants over the last year, and quarters ending in it, the same ones in every run. */
function instants(seed: number): { at: number[]; quarters: [number, number][] } {
  const random = new SeededRandom(seed);
  const at = Array.from({ length: CALLS + 10 }, () => NOW - random.int(0, 365 * DAY));
  const quarters = at.map((to): [number, number] => [to - 91 * DAY, to]);
  return { at, quarters };
}

/**
 * The pure pipeline-history computations over 100,000 opportunities (about half a million versions,
 * a year of history, three pipelines) held in a TimelineSet, one pipeline read per call: CPU per call
 * beside the floor of any such computation, finding each of the pipeline's opportunities' version at
 * the instant (`versionAt` over `inPipeline`).
 */
export async function benchPipelineHistoryCompute(): Promise<BenchRow[]> {
  const docs = benchVersionDocs(OPPORTUNITIES, NOW);
  gc();
  const heapBefore = heapMiB();
  const loadStarted = performance.now();
  const timelines = new TimelineSet();
  for (const doc of docs) timelines.add(doc);
  const loadMs = performance.now() - loadStarted;
  gc();
  const heapHeld = heapMiB() - heapBefore;
  const { at, quarters } = instants(3);
  const sales: PipelineQuery = { pipelineId: DEFAULT_PIPELINE.pipelineId };
  const mine = (i: number): PipelineQuery => ({ ...sales, ownerId: BENCH_OWNERS[i % BENCH_OWNERS.length], closeDateFrom: '2026-10-01', closeDateTo: '2027-03-31' });

  const scan = timePerCall((i) => {
    let found = 0;
    for (const timeline of timelines.inPipeline(DEFAULT_PIPELINE.pipelineId)) if (versionAt(timeline, at[i]) !== null) found++;
    return found;
  });
  const relayout = timePerCall(() => new PipelineColumns(DEFAULT_PIPELINE.pipelineId, timelines.inPipeline(DEFAULT_PIPELINE.pipelineId)), 5);
  const columnsHeld = BENCH_PIPELINES.reduce((sum, { pipelineId }) => sum + bytesOf(timelines.columnsOf(pipelineId)), 0) / 2 ** 20;
  const catchUp = catchUpCost(timelines, docs);
  const measured: [string, Timing][] = [
    ['pipelineDocsAt, whole pipeline at an instant', timePerCall((i) => pipelineDocsAt(timelines, at[i], sales))],
    ['pipelineDocsAt, one owner and two quarters of close dates', timePerCall((i) => pipelineDocsAt(timelines, at[i], mine(i)))],
    ['pipelineMovement over a quarter', timePerCall((i) => pipelineMovement(timelines, quarters[i][0], quarters[i][1], sales))],
    ['forecastRows by month at an instant', timePerCall((i) => forecastRows(timelines, at[i], sales, 'MONTH', null, null, DEFAULT_PIPELINE))],
    ['stageVelocity of the whole pipeline', timePerCall(() => stageVelocity(timelines, sales, DEFAULT_PIPELINE))],
  ];
  const baseline = { name: 'versionAt over the pipeline', value: scan.cpuMean };
  return [
    { name: `versions held (${OPPORTUNITIES.toLocaleString('en-US')} opportunities)`, value: docs.length, unit: 'versions' },
    { name: 'TimelineSet.add of every version', value: loadMs, unit: 'ms' },
    { name: 'heap held by the TimelineSet', value: heapHeld, unit: 'MiB' },
    { name: 'columns of one pipeline laid out whole (first read)', value: relayout.cpuMean, unit: 'ms CPU' },
    { name: 'typed arrays of the columns of the three pipelines', value: columnsHeld, unit: 'MiB' },
    { name: 'TimelineSet.add of a version, columns kept up', value: catchUp, unit: 'µs CPU' },
    { name: 'versionAt over the pipeline\'s timeline objects (floor)', value: scan.cpuMean, unit: 'ms CPU' },
    ...measured.flatMap(([name, timing]): BenchRow[] => [
      { name: `${name}, CPU per call`, value: timing.cpuMean, unit: 'ms CPU', baseline, target: '< 5 ms' },
      { name: `${name}, wall median`, value: timing.median, unit: 'ms' },
      { name: `${name}, wall p99`, value: timing.p99, unit: 'ms' },
    ]),
  ];
}
