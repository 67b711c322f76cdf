import { join } from 'node:path';
import { signToken } from '@crm/application';
import { SECRET } from './api.bench';
import { startBenchServer, type BenchServer } from './api-server';
import { tempDir, type BenchRow } from './bench-kit';
import { fanOut, idleMemory, noneAndIdle, type LiveBench } from './live-bench-cases';
import { captureLeads, MeasuringClient } from './live-bench-leads';
import { liveRows } from './live-bench-rows';
import { joinBlocks, measurePushes, measureWrites, type CaseRun, type Settle } from './live-bench-runs';
import { LiveCrowd } from './live-crowd-process';
import { memoryProbeSetup, ServerMemoryProbe } from './server-memory';

/** Pushes timed per case (one mutation at a time), after a few not kept: the first after a change of load are slower. */
const PUSHES = Number(process.env.BENCH_LIVE_MUTATIONS ?? 300);
const WARM_UP = 20;
/** Mutations whose server CPU is measured, without subscribers and with idle ones: their difference is small, so many. */
const WRITES = 2 * PUSHES;
const FAN_OUT_WRITES = PUSHES;
const CROWD = Number(process.env.BENCH_LIVE_SUBSCRIBERS ?? 1_000);
/** The idle subscribers connect this many times, each time between two blocks without them. */
const IDLE_ROUNDS = 2;

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
    const writeLeads = await captureLeads(server.url, token, 4 * WARM_UP + 2 * WRITES + FAN_OUT_WRITES);
    let written = 0;
    /** Push samples, then writes, on a server done with what came before; each call its own leads. */
    const measure = async (pushes: number, writes: number, settleFor: () => Promise<Settle> = nothingElseListens): Promise<CaseRun> => {
      await untilQuiet(server);
      const pushRun = await measurePushes(server, token, client!, Math.round(pushes), WARM_UP, await settleFor());
      await untilQuiet(server);
      const leads = writeLeads.slice(written, (written += Math.round(writes)));
      return { pushes: pushRun, writes: await measureWrites(server, token, leads, await settleFor(), () => crowd.cpuSeconds()) };
    };

    const bench: LiveBench = { server, token, crowd, memory, untilQuiet: () => untilQuiet(server), measure };

    // Not kept: the first few hundred pushes of a fresh process are slower (code not optimised yet).
    await measure(15 * WARM_UP, 2 * WARM_UP);
    // The idle subscribers' leads are there before the memory without them is read, so what differs is the sockets.
    const quiet = await captureLeads(server.url, token, CROWD);
    // Read apart from the timed blocks: a read forces full collections in both threads, which would fall on one block alone.
    await memory.read();
    const memoryFigures = await idleMemory(bench, quiet);
    await measure(5 * WARM_UP, 2 * WARM_UP);
    const { noneBlocks, idle } = await noneAndIdle(bench, quiet, { pushes: PUSHES, writes: WRITES, rounds: IDLE_ROUNDS });
    const everyLeadChange = await fanOut(bench, CROWD, { pushes: PUSHES, writes: FAN_OUT_WRITES });
    return liveRows(
      { none: { ...joinBlocks(noneBlocks), crowdPushes: null }, idle, fanOut: everyLeadChange },
      memoryFigures,
      { crowd: CROWD, fanOutLeadChanges: 2 * (WARM_UP + PUSHES) + FAN_OUT_WRITES },
      noneBlocks,
    );
  } finally {
    await client?.dispose();
    await crowd.stop();
    await server.stop();
    tmp.cleanup();
  }
}
