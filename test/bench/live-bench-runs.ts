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
  /** CPU the server used per mutation (every thread), until every subscriber had the mutations' pushes. */
  serverCpuUs: number | null;
  /** Cores busy on average meanwhile: the server, the crowd's process and this one. */
  coresBusy: number | null;
}

/** What the server spends on writes: startWorkingLead on each lead, one after the other, with no measuring subscriber. */
export const measureWrites = async (server: BenchServer, token: string, leads: readonly CapturedLead[], settle: Settle, crowdCpuSeconds: () => number | null): Promise<WriteRun> => {
  const serverBefore = server.cpuSeconds();
  const crowdBefore = crowdCpuSeconds() ?? 0;
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  for (const lead of leads) await startWorking(server.url, token, lead);
  await settle(leads.length);
  const elapsed = (performance.now() - started) / 1000;
  const serverAfter = server.cpuSeconds();
  if (serverBefore === null || serverAfter === null) return { serverCpuUs: null, coresBusy: null };
  const own = process.cpuUsage(ownBefore);
  const busy = serverAfter - serverBefore + ((crowdCpuSeconds() ?? 0) - crowdBefore) + (own.user + own.system) / 1e6;
  return { serverCpuUs: ((serverAfter - serverBefore) * 1e6) / leads.length, coresBusy: busy / elapsed };
};
