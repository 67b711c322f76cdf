import { liveUrlOf } from '../support/live-client';
import type { BenchServer } from './api-server';
import { captureLeads, ENTITY_CHANGED, type CapturedLead } from './live-bench-leads';
import type { LiveCase } from './live-bench-rows';
import { joinBlocks, type CaseRun, type Settle } from './live-bench-runs';
import type { CrowdSocketSpec } from './live-crowd';
import type { LiveCrowd } from './live-crowd-process';
import type { ServerMemory, ServerMemoryProbe } from './server-memory';

/** What the cases share: the server, its token, the crowd, and one measurement (pushes, then writes) of the given sizes. */
export interface LiveBench {
  server: BenchServer;
  token: string;
  crowd: LiveCrowd;
  memory: ServerMemoryProbe;
  /** Waits until the server is done with what the last step left it. */
  untilQuiet(): Promise<void>;
  measure(pushes: number, writes: number, settleFor?: () => Promise<Settle>): Promise<CaseRun>;
}

export interface IdleCases {
  noneBlocks: CaseRun[];
  idle: LiveCase;
}

export interface IdleMemory {
  none: ServerMemory;
  idle: ServerMemory;
  closed: ServerMemory;
}

/**
 * Each idle subscriber watches a lead of its own that never changes again; it subscribes from just
 * before that lead's capture, so the capture comes back once from the log and shows it is in place.
 */
const idleSockets = (quiet: readonly CapturedLead[]): CrowdSocketSpec[] =>
  quiet.map((lead) => ({ query: ENTITY_CHANGED, variables: { filter: { ids: [lead.id] }, after: String(lead.position - 1n) } }));

const fanOutSockets = (count: number): CrowdSocketSpec[] =>
  Array.from({ length: count }, () => ({ query: ENTITY_CHANGED, variables: { filter: { types: ['LEAD'] } } }));

/** Memory without subscribers, with the idle crowd connected, and once it closed again. */
export const idleMemory = async (bench: LiveBench, quiet: readonly CapturedLead[]): Promise<IdleMemory> => {
  const { crowd, memory } = bench;
  await bench.untilQuiet();
  const none = await memory.read();
  await connectIdle(bench, quiet);
  const idle = await memory.read();
  await crowd.closeAll();
  await bench.untilQuiet();
  return { none, idle, closed: await memory.read() };
};

/**
 * No other subscriber and `quiet.length` idle ones, alternated: a block without, then `rounds` times
 * the idle crowd connected and a block without again, so drift in a shared machine falls on both.
 */
export const noneAndIdle = async (bench: LiveBench, quiet: readonly CapturedLead[], sizes: { pushes: number; writes: number; rounds: number }): Promise<IdleCases> => {
  const { crowd } = bench;
  const noneBlock = () => bench.measure(sizes.pushes / (sizes.rounds + 1), sizes.writes / (sizes.rounds + 1));
  const noneBlocks = [await noneBlock()];
  const idleBlocks: CaseRun[] = [];
  let crowdPushes = 0;
  for (let round = 0; round < sizes.rounds; round++) {
    await connectIdle(bench, quiet);
    const before = await crowd.counts();
    idleBlocks.push(await bench.measure(sizes.pushes / sizes.rounds, sizes.writes / sizes.rounds));
    crowdPushes += (await crowd.counts()).nexts - before.nexts;
    await crowd.closeAll();
    noneBlocks.push(await noneBlock());
  }
  return { noneBlocks, idle: { ...joinBlocks(idleBlocks), crowdPushes } };
};

const connectIdle = async (bench: LiveBench, quiet: readonly CapturedLead[]): Promise<void> => {
  await bench.crowd.open(liveUrlOf(bench.server.url), bench.token, idleSockets(quiet));
  await bench.crowd.untilEachReceived(1);
  await bench.untilQuiet();
};

/** `size` subscribers that each receive every lead change; every measured mutation waits until all have the changes before it. */
export const fanOut = async (bench: LiveBench, size: number, sizes: { pushes: number; writes: number }): Promise<LiveCase> => {
  const { crowd, server, token } = bench;
  await crowd.open(liveUrlOf(server.url), token, fanOutSockets(size));
  // A fan-out subscriber is in place once it received a change made after it subscribed.
  await crowd.untilEachReceived(1, 60_000, async () => void (await captureLeads(server.url, token, 1)));
  await bench.untilQuiet();
  const before = await crowd.counts();
  const everyoneHas = async (): Promise<Settle> => {
    const { nexts } = await crowd.counts();
    return async (leadChanges) => void (await crowd.untilTotal(nexts + size * leadChanges));
  };
  const run = await bench.measure(sizes.pushes, sizes.writes, everyoneHas);
  const crowdPushes = (await crowd.counts()).nexts - before.nexts;
  await crowd.closeAll();
  return { ...run, crowdPushes };
};
