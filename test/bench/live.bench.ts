import { join } from 'node:path';
import { signToken } from '@crm/application';
import { liveUrlOf } from '../support/live-client';
import { SECRET } from './api.bench';
import { startBenchServer, type BenchServer } from './api-server';
import { tempDir, type BenchRow } from './bench-kit';
import { captureLeads, ENTITY_CHANGED, MeasuringClient, type CapturedLead } from './live-bench-leads';
import { liveRows, type LiveCase } from './live-bench-rows';
import { measurePushes, measureWrites, type Settle } from './live-bench-runs';
import type { CrowdSocketSpec } from './live-crowd';
import { LiveCrowd } from './live-crowd-process';
import { memoryProbeSetup, ServerMemoryProbe } from './server-memory';

/** Pushes timed per case (one mutation at a time), after a few not kept: the first after a change of load are slower. */
const PUSHES = Number(process.env.BENCH_LIVE_MUTATIONS ?? 300);
const WARM_UP = 20;
/** Mutations whose server CPU is measured per case. */
const WRITES = PUSHES;
const CROWD = Number(process.env.BENCH_LIVE_SUBSCRIBERS ?? 1_000);

/**
 * Each idle subscriber watches a lead of its own that never changes again; it subscribes from just
 * before that lead's capture, so the capture comes back once from the log and shows it is in place.
 */
const idleSockets = (quiet: readonly CapturedLead[]): CrowdSocketSpec[] =>
  quiet.map((lead) => ({ query: ENTITY_CHANGED, variables: { filter: { ids: [lead.id] }, after: String(lead.position - 1n) } }));

const fanOutSockets = (count: number): CrowdSocketSpec[] =>
  Array.from({ length: count }, () => ({ query: ENTITY_CHANGED, variables: { filter: { types: ['LEAD'] } } }));

/** Waits until the server is done with what the last step left it (replays, pings, collections): under a tenth of a core for a quarter second. */
const untilQuiet = async (server: BenchServer, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let before = server.cpuSeconds();
  while (before !== null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = server.cpuSeconds()!;
    if (now - before < 0.025) return;
    before = now;
  }
};

const nothingElseListens = async (): Promise<Settle> => async () => undefined;

/**
 * How fast a change is pushed and what subscribers cost the server, with no other subscriber, with
 * 1,000 idle ones, and with 1,000 that receive every lead change; the subscribers are raw sockets in a
 * process of their own, the measuring client a graphql-ws client in this one.
 */
export async function benchLive(): Promise<BenchRow[]> {
  const tmp = tempDir('crm-bench-live-');
  const memoryFile = join(tmp.dir, 'server-memory.json');
  const probe = memoryProbeSetup(memoryFile);
  const server = await startBenchServer(tmp.dir, SECRET, probe.env, 60_000, probe.nodeArgs);
  const crowd = LiveCrowd.start();
  let client: MeasuringClient | null = null;
  try {
    const memory = new ServerMemoryProbe(server.pid, memoryFile);
    const token = await signToken({ sub: 'bench', roles: ['admin'] }, SECRET);
    client = new MeasuringClient(server, token);
    const writeLeads = await captureLeads(server.url, token, 3 * WRITES);
    const measure = async (k: number, settleFor: () => Promise<Settle>): Promise<Omit<LiveCase, 'crowdPushes'>> => {
      await untilQuiet(server);
      const pushes = await measurePushes(server, token, client!, PUSHES, WARM_UP, await settleFor());
      await untilQuiet(server);
      const writes = await measureWrites(server, token, writeLeads.slice(k * WRITES, (k + 1) * WRITES), await settleFor(), () => crowd.cpuSeconds());
      return { pushes, writes };
    };

    const none = { ...(await measure(0, nothingElseListens)), crowdPushes: null };
    await untilQuiet(server);
    const noSubscribers = await memory.read();

    const quiet = await captureLeads(server.url, token, CROWD);
    await crowd.open(liveUrlOf(server.url), token, idleSockets(quiet));
    await crowd.untilEachReceived(1);
    await untilQuiet(server);
    const withIdle = await memory.read();
    const idleBefore = await crowd.counts();
    const idle = await measure(1, nothingElseListens);
    const idlePushes = (await crowd.counts()).nexts - idleBefore.nexts;
    await crowd.closeAll();
    await untilQuiet(server);
    const closed = await memory.read();

    await crowd.open(liveUrlOf(server.url), token, fanOutSockets(CROWD));
    // A fan-out subscriber is in place once it received a change made after it subscribed.
    await crowd.untilEachReceived(1, 60_000, async () => void (await captureLeads(server.url, token, 1)));
    await untilQuiet(server);
    const fanOutBefore = await crowd.counts();
    const everyoneHas = async (): Promise<Settle> => {
      const { nexts } = await crowd.counts();
      return async (leadChanges) => void (await crowd.untilTotal(nexts + CROWD * leadChanges));
    };
    const fanOut = await measure(2, everyoneHas);
    const fanOutPushes = (await crowd.counts()).nexts - fanOutBefore.nexts;
    await crowd.closeAll();

    return liveRows(
      { none, idle: { ...idle, crowdPushes: idlePushes }, fanOut: { ...fanOut, crowdPushes: fanOutPushes } },
      { none: noSubscribers, idle: withIdle, closed },
      { crowd: CROWD, leadChangesPerCase: 2 * (WARM_UP + PUSHES) + WRITES },
    );
  } finally {
    await client?.dispose();
    await crowd.stop();
    await server.stop();
    tmp.cleanup();
  }
}
