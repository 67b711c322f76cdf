import type { BenchServer } from './api-server';
import { captureLeads, startWorking, type CapturedLead, type MeasuringClient } from './live-bench-leads';

/**
 * Waits until whatever else listens has what `leadChanges` lead changes of the run sent it (the
 * fan-out crowd), so each measured mutation starts from a server that is done with the last one.
 */
export type Settle = (leadChanges: number) => Promise<void>;

export interface PushRun {
  /** startWorkingLead's HTTP answer time, and its push's arrival after that answer (negative: the push came first). */
  answerMs: number[];
  pushAfterAnswerMs: number[];
}

/**
 * Push latency, one sample at a time: capture a lead, subscribe on it alone, startWorkingLead on it
 * over HTTP and time its push. The first `warmUp` samples are not kept.
 */
export const measurePushes = async (server: BenchServer, token: string, client: MeasuringClient, samples: number, warmUp: number, settle: Settle): Promise<PushRun> => {
  const run: PushRun = { answerMs: [], pushAfterAnswerMs: [] };
  let leadChanges = 0;
  for (let i = 0; i < warmUp + samples; i++) {
    const [lead] = await captureLeads(server.url, token, 1);
    leadChanges++;
    const watch = await client.watch(lead);
    await settle(leadChanges);
    const sent = performance.now();
    await startWorking(server.url, token, lead);
    const answered = performance.now();
    leadChanges++;
    const pushed = await watch.nextPush();
    watch.close();
    if (i < warmUp) continue;
    run.answerMs.push(answered - sent);
    run.pushAfterAnswerMs.push(pushed - answered);
  }
  await settle(leadChanges);
  return run;
};

export interface WriteRun {
  mutations: number;
  /** CPU the server used (every thread) until every subscriber had the mutations' pushes; null without /proc. */
  serverCpuSeconds: number | null;
  /** CPU the server, the crowd's process and this one used meanwhile, and how long it took. */
  busySeconds: number;
  elapsedSeconds: number;
}

/** What the server spends on writes: startWorkingLead on each lead, one after the other, with no measuring subscriber. */
export const measureWrites = async (server: BenchServer, token: string, leads: readonly CapturedLead[], settle: Settle, crowdCpuSeconds: () => number | null): Promise<WriteRun> => {
  const serverBefore = server.cpuSeconds();
  const crowdBefore = crowdCpuSeconds() ?? 0;
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  for (const lead of leads) await startWorking(server.url, token, lead);
  await settle(leads.length);
  const elapsedSeconds = (performance.now() - started) / 1000;
  const serverAfter = server.cpuSeconds();
  const own = process.cpuUsage(ownBefore);
  const serverCpuSeconds = serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore;
  const busySeconds = (serverCpuSeconds ?? 0) + ((crowdCpuSeconds() ?? 0) - crowdBefore) + (own.user + own.system) / 1e6;
  return { mutations: leads.length, serverCpuSeconds, busySeconds, elapsedSeconds };
};

export interface CaseRun {
  pushes: PushRun;
  writes: WriteRun;
}

/** One case measured in blocks apart (between blocks of another case, so drift in a shared machine falls on both alike). */
export const joinBlocks = (blocks: readonly CaseRun[]): CaseRun => ({
  pushes: {
    answerMs: blocks.flatMap((block) => block.pushes.answerMs),
    pushAfterAnswerMs: blocks.flatMap((block) => block.pushes.pushAfterAnswerMs),
  },
  writes: {
    mutations: sum(blocks, (block) => block.writes.mutations),
    serverCpuSeconds: blocks.some((block) => block.writes.serverCpuSeconds === null) ? null : sum(blocks, (block) => block.writes.serverCpuSeconds!),
    busySeconds: sum(blocks, (block) => block.writes.busySeconds),
    elapsedSeconds: sum(blocks, (block) => block.writes.elapsedSeconds),
  },
});

const sum = <T>(items: readonly T[], value: (item: T) => number): number => items.reduce((total, item) => total + value(item), 0);
