import { percentile, type BenchRow } from './bench-kit';
import type { CaseRun, PushRun } from './live-bench-runs';
import type { ServerMemory } from './server-memory';

export interface LiveCase extends CaseRun {
  /** Pushes the crowd received during the case's runs; null without a crowd. */
  crowdPushes: number | null;
}

const CASES = ['none', 'idle', 'fanOut'] as const;
type CaseName = (typeof CASES)[number];
const KiB = 1024;
const MiB = 1024 * 1024;

/** The suite's figures, each case beside the one with no other subscriber. */
export const liveRows = (
  cases: Record<CaseName, LiveCase>,
  memory: { none: ServerMemory; idle: ServerMemory; closed: ServerMemory },
  sizes: { crowd: number; fanOutLeadChanges: number },
  noneBlocks: readonly CaseRun[],
): BenchRow[] => {
  const crowd = sizes.crowd.toLocaleString('en-US');
  const label: Record<CaseName, string> = { none: 'no other subscriber', idle: `${crowd} idle subscribers`, fanOut: `${crowd} subscribers of every lead change` };
  const compared = (name: string, unit: string, value: (c: LiveCase) => number): BenchRow[] =>
    CASES.map((key) => ({
      name: `${name}, ${label[key]}`,
      value: value(cases[key]),
      unit,
      ...(key === 'none' ? {} : { baseline: { name: label.none, value: value(cases.none) } }),
    }));
  const perIdle = (bytes: (m: ServerMemory) => number, of: ServerMemory): number => (bytes(of) - bytes(memory.none)) / sizes.crowd / KiB;
  return [
    ...compared('push after the mutation\'s answer p50', 'ms', (c) => percentile(c.pushes.pushAfterAnswerMs, 0.5)),
    ...compared('push after the mutation\'s answer p99', 'ms', (c) => percentile(c.pushes.pushAfterAnswerMs, 0.99)),
    ...compared('mutation sent to push p50', 'ms', (c) => percentile(sentToPush(c.pushes), 0.5)),
    ...compared('mutation sent to push p99', 'ms', (c) => percentile(sentToPush(c.pushes), 0.99)),
    ...compared('startWorkingLead answer p50', 'ms', (c) => percentile(c.pushes.answerMs, 0.5)),
    ...compared('startWorkingLead answer p99', 'ms', (c) => percentile(c.pushes.answerMs, 0.99)),
    ...compared('server CPU per mutation (all threads, pushes included)', 'us', cpuPerMutationUs),
    {
      name: 'the same without subscribers, most / least of its blocks (the noise)',
      value: Math.max(...noneBlocks.map(cpuPerMutationUs)) / Math.min(...noneBlocks.map(cpuPerMutationUs)),
      unit: 'x',
    },
    ...CASES.map((key) => ({ name: `cores busy during the writes (server + clients), ${label[key]}`, value: cases[key].writes.busySeconds / cases[key].writes.elapsedSeconds, unit: 'cores' })),
    { name: `server resident memory (whole process: moves by tens of MiB alone), ${label.idle}`, value: memory.idle.rssBytes / MiB, unit: 'MiB', baseline: { name: 'none', value: memory.none.rssBytes / MiB } },
    { name: `server heap (API thread), ${label.idle}`, value: memory.idle.heapBytes / MiB, unit: 'MiB', baseline: { name: 'none', value: memory.none.heapBytes / MiB } },
    { name: 'heap per idle subscriber', value: perIdle((m) => m.heapBytes, memory.idle), unit: 'KiB' },
    { name: 'off-heap buffers per idle subscriber', value: perIdle((m) => m.externalBytes, memory.idle), unit: 'KiB' },
    { name: 'heap per idle subscriber still held once all closed', value: perIdle((m) => m.heapBytes, memory.closed), unit: 'KiB' },
    { name: 'pushes to idle subscribers during their case (expect 0)', value: cases.idle.crowdPushes ?? 0, unit: 'pushes' },
    {
      name: 'pushes fan-out subscribers received during their case',
      value: cases.fanOut.crowdPushes ?? 0,
      unit: 'pushes',
      baseline: { name: 'lead changes x subscribers', value: sizes.fanOutLeadChanges * sizes.crowd },
    },
  ];
};

const cpuPerMutationUs = (run: CaseRun): number => ((run.writes.serverCpuSeconds ?? 0) * 1e6) / run.writes.mutations;

const sentToPush = (run: PushRun): number[] => run.answerMs.map((answer, i) => answer + run.pushAfterAnswerMs[i]);
