import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, openStores, signToken, type Stores } from '@crm/application';
import { ALL_PROJECTIONS, Projector } from '@crm/read-models';
import type { WorkloadEvent } from '../../libs/read-models/src/projections/testing/crm-workload';
import { CAPTURE_LEAD, captureInput, load, SECRET, waitForProjections, type Load } from './api.bench';
import { startBenchServer, type BenchServer } from './api-server';
import { tempDir, type BenchRow } from './bench-kit';
import { writeWorkload, type WorkloadSink } from './projections-workload';

/**
 * Smaller than the projection suite's default: this suite writes the log twice and rebuilds it 2 x
 * REBUILD_ROUNDS times. BENCH_PROJECTION_EVENTS sets both.
 */
const EVENTS = Number(process.env.BENCH_PROJECTION_EVENTS ?? 200_000);
/**
 * Runs of each case, alternated (plain, sealed, sealed, plain, ...): the figures are their medians.
 * captureLead's runs are more and shorter (half of BENCH_API_SECONDS each), as other work on a shared
 * machine moves them more than it moves a rebuild.
 */
const REBUILD_ROUNDS = 3;
const CAPTURE_ROUNDS = 5;
const CAPTURE_SECONDS = Math.max(1, Math.round(Number(process.env.BENCH_API_SECONDS ?? 10) / 2));
/** Unmeasured load on each server first, so neither case's first run is the one that warms it up. */
const WARM_UP_SECONDS = 5;
const TARGET = '>= 0.9x';

type Case = 'plain' | 'sealed';
const PLAIN_SWITCH = 'CRM_BENCH_PLAIN_PERSONAL_DATA';
const envOf = (which: Case): NodeJS.ProcessEnv => (which === 'plain' ? { [PLAIN_SWITCH]: '1' } : {});

/** Each round in turn starts with the other case, so a drift of the machine favours neither. */
const alternated = async <T>(rounds: number, run: (which: Case) => Promise<T>): Promise<Record<Case, T[]>> => {
  const runs: Record<Case, T[]> = { plain: [], sealed: [] };
  for (let round = 0; round < rounds; round++) {
    for (const which of round % 2 === 0 ? (['plain', 'sealed'] as const) : (['sealed', 'plain'] as const)) runs[which].push(await run(which));
  }
  return runs;
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** One row per round, sealed beside plain: how far the figures move from run to run. */
const roundRows = (what: string, plain: readonly number[], sealed: readonly number[], unit: string): BenchRow[] =>
  sealed.map((value, round) => ({ name: `  ${what}, round ${round + 1}: sealed`, value, unit, baseline: { name: 'plain', value: plain[round] } }));

// --- captureLead over HTTP ---------------------------------------------------------------------

/**
 * captureLead with the API suite's harness (32 connections) against two servers started alike on
 * empty data folders, one with CRM_BENCH_PLAIN_PERSONAL_DATA=1. Both stay up; the one not under load
 * is idle, and each run waits until the loaded server's projections have caught up, so no run
 * inherits the previous one's work.
 */
const captureLeadRows = async (): Promise<BenchRow[]> => {
  const tmp = tempDir('crm-bench-encryption-api-');
  const servers: Partial<Record<Case, BenchServer>> = {};
  try {
    for (const which of ['plain', 'sealed'] as const) servers[which] = await startBenchServer(join(tmp.dir, which), SECRET, envOf(which));
    const token = await signToken({ sub: 'bench', roles: ['admin'] }, SECRET);
    const capture = async (which: Case, seconds = CAPTURE_SECONDS): Promise<Load> => {
      const server = servers[which]!;
      await waitForProjections(server.url, token);
      const run = await load(server, token, 32, () => JSON.stringify({ query: CAPTURE_LEAD, variables: { input: captureInput } }), seconds);
      await waitForProjections(server.url, token);
      return run;
    };
    for (const which of ['plain', 'sealed'] as const) await capture(which, WARM_UP_SECONDS);
    const runs = await alternated(CAPTURE_ROUNDS, (which) => capture(which));
    const requests = (which: Case) => runs[which].map((run) => run.requests);
    const cpu = (which: Case) => runs[which].map((run) => run.serverCpuUs ?? 0);
    const errors = [...runs.plain, ...runs.sealed].reduce((sum, run) => sum + run.non2xx, 0);
    return [
      {
        name: `captureLead over HTTP, 32 connections, personal fields sealed (median of ${CAPTURE_ROUNDS} x ${CAPTURE_SECONDS} s)`,
        value: median(requests('sealed')),
        unit: 'req/s',
        baseline: { name: `personal fields plain (${PLAIN_SWITCH}=1)`, value: median(requests('plain')) },
        target: TARGET,
      },
      ...roundRows('captureLead', requests('plain'), requests('sealed'), 'req/s'),
      ...(runs.sealed[0].serverCpuUs === null
        ? []
        : [{ name: 'captureLead: server CPU per request (all threads), sealed', value: median(cpu('sealed')), unit: 'us', baseline: { name: 'plain', value: median(cpu('plain')) } }]),
      { name: 'HTTP errors and non-2xx answers during the captureLead runs', value: errors, unit: 'responses' },
    ];
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    tmp.cleanup();
  }
};

// --- rebuild ------------------------------------------------------------------------------------

/** The stores as the product opens them (`openStores`), in a data folder of their own. */
const openCase = (dataDir: string, which: Case): Promise<Stores> => {
  const env: NodeJS.ProcessEnv = { CRM_DATA_DIR: dataDir, EVENT_STORE: 'sqlite', READ_STORE: 'sqlite', ...envOf(which) };
  return openStores(loadConfig(env), env);
};

/**
 * The workload's events as the command path would append them: each person's fields sealed under
 * their subject's key (a no-op with the plain switch). A lead's stream and its contact's belong to the
 * subject their first event names; the keys of a group's new subjects are made in one write.
 */
const sealingSink = (stores: Stores): WorkloadSink => {
  const subjectOfStream = new Map<string, string>();
  const codec = stores.personalData;
  return {
    events: stores.eventStore, // refuses an event that still holds personal fields in the clear
    prepare: async (group: readonly WorkloadEvent[]) => {
      const fresh: string[] = [];
      for (const { streamName, event } of group) {
        if ((event.type === 'LeadCaptured' || event.type === 'ContactAdded') && typeof event.data.subjectId === 'string') {
          subjectOfStream.set(streamName, event.data.subjectId);
          fresh.push(event.data.subjectId);
        }
      }
      await codec.keys.ensure(fresh);
      const sealed: WorkloadEvent[] = [];
      for (const { streamName, event } of group) {
        const [one] = await codec.seal([event], subjectOfStream.get(streamName) ?? null);
        sealed.push({ streamName, event: one });
      }
      return sealed;
    },
  };
};

/** Events whose stored bytes hold sealed personal fields. */
const sealedCount = async (stores: Stores): Promise<number> => {
  let sealed = 0;
  for await (const event of stores.storedEvents.readAll()) sealed += stores.personalData.subjectOf(event) === null ? 0 : 1;
  return sealed;
};

/**
 * The projection suite's rebuild, through the decrypting store the product reads with, of the same
 * events written twice: once with personal fields sealed, once plain. Every rebuild opens its stores
 * afresh (so starts with no data key cached) on a new read store (so none has an old copy to drop).
 */
const rebuildRows = async (): Promise<BenchRow[]> => {
  const tmp = tempDir('crm-bench-encryption-rebuild-');
  const dirOf = (which: Case) => join(tmp.dir, which);
  try {
    const writers = { plain: await openCase(dirOf('plain'), 'plain'), sealed: await openCase(dirOf('sealed'), 'sealed') };
    let sealed: Record<Case, number>;
    try {
      await writeWorkload([sealingSink(writers.plain), sealingSink(writers.sealed)], EVENTS);
      sealed = { plain: await sealedCount(writers.plain), sealed: await sealedCount(writers.sealed) };
    } finally {
      await Promise.all([writers.plain.close(), writers.sealed.close()]);
    }
    if (sealed.plain !== 0 || sealed.sealed === 0) throw new Error(`Sealed events: ${sealed.plain} in the plain log, ${sealed.sealed} in the sealed one`);
    const runs = await alternated(REBUILD_ROUNDS, async (which) => {
      for (const file of ['read-models.sqlite', 'read-models.sqlite-wal', 'read-models.sqlite-shm']) rmSync(join(dirOf(which), file), { force: true });
      const stores = await openCase(dirOf(which), which);
      try {
        const projector = new Projector(stores.eventStore, stores.readStore, { dropGraceMs: 0, log: () => undefined });
        (globalThis as { gc?: () => void }).gc?.();
        const result = await projector.rebuild();
        if (result.events !== EVENTS) throw new Error(`The ${which} rebuild applied ${result.events} of ${EVENTS} events`);
        return EVENTS / result.seconds;
      } finally {
        await stores.close();
      }
    });
    const label = `${EVENTS.toLocaleString('en-US')} events, ${ALL_PROJECTIONS.length} projections`;
    return [
      {
        name: `rebuild all projections, personal fields sealed (${label}, median of ${REBUILD_ROUNDS})`,
        value: median(runs.sealed),
        unit: 'events/s',
        baseline: { name: 'same events, personal fields plain', value: median(runs.plain) },
        target: TARGET,
      },
      ...roundRows('rebuild', runs.plain, runs.sealed, 'events/s'),
      { name: 'events of that log with sealed personal fields', value: sealed.sealed, unit: 'events' },
    ];
  } finally {
    tmp.cleanup();
  }
};

/**
 * What encrypting personal fields costs: each figure with personal fields sealed (the default)
 * beside the same figure with them left plain (CRM_BENCH_PLAIN_PERSONAL_DATA=1), in the same run,
 * each the median of alternated runs of both cases.
 */
export async function benchEncryption(): Promise<BenchRow[]> {
  return [...(await captureLeadRows()), ...(await rebuildRows())];
}
