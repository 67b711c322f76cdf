import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { signToken } from '@crm/application';
import { writeOpportunities } from './api-bench-data';
import { startBenchServer, type BenchServer } from './api-server';
import { countServerWrites } from './api-disk-writes';
import { CAPTURE_LEAD, captureInput, load, SECRET, stageChange, waitForProjections, type Load } from './api.bench';
import { tempDir, type BenchRow } from './bench-kit';

const OPPORTUNITIES = Number(process.env.BENCH_API_OPPORTUNITIES ?? 10_000);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 5);
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_API_ROUNDS ?? 3)));

/** One server of the pair: this code's or the baseline checkout's, each on a data folder of its own. */
interface Side {
  server: BenchServer;
  /** Its data folder, whose WALs the pair copies back around each load (see `countServerWrites`). */
  dir: string;
  opportunityIds: readonly string[];
  cleanup(): void;
}

type Kind = 'noop' | 'captureLead' | 'changeOpportunityStage';
const KINDS: readonly Kind[] = ['noop', 'captureLead', 'changeOpportunityStage'];
type Measured = Load & { kilobytes: number | null };

/** The bench helpers of a built checkout: its own server and its own log format for the seeded data. */
const baselineHelpers = (checkout: string) => {
  const bench = join(resolve(checkout), 'dist/test/bench');
  if (!existsSync(join(bench, 'api-server.js'))) throw new Error(`BENCH_API_BASELINE: no ${bench}/api-server.js (run npm run build there first)`);
  return {
    startBenchServer: (require(join(bench, 'api-server.js')) as typeof import('./api-server')).startBenchServer,
    writeOpportunities: (require(join(bench, 'api-bench-data.js')) as typeof import('./api-bench-data')).writeOpportunities,
  };
};

const startSide = async (helpers: { startBenchServer: typeof startBenchServer; writeOpportunities: typeof writeOpportunities }, name: string): Promise<Side> => {
  const tmp = tempDir(`crm-bench-api-pair-${name}-`);
  const { opportunityIds } = await helpers.writeOpportunities(join(tmp.dir, 'events.sqlite'), OPPORTUNITIES);
  const server = await helpers.startBenchServer(tmp.dir, SECRET);
  return { server, dir: tmp.dir, opportunityIds, cleanup: () => tmp.cleanup() };
};

const bodyOf = (kind: Kind, side: Side): (() => string) => {
  if (kind === 'noop') return () => JSON.stringify({ query: 'mutation { ping }' });
  if (kind === 'captureLead') return () => JSON.stringify({ query: CAPTURE_LEAD, variables: { input: captureInput } });
  return stageChange(side.opportunityIds);
};

/**
 * One load on both servers at once; bytes written per request counted until each has projected its
 * load, with the WALs copied back before it and after it, as the api suite counts them.
 */
const loadBoth = async (sides: readonly Side[], token: string, kind: Kind, seconds: number): Promise<Measured[]> => {
  const counts = sides.map((side) => countServerWrites(side.dir, side.server.pid));
  const runs = await Promise.all(sides.map((side) => load(side.server, token, 32, bodyOf(kind, side), seconds)));
  await Promise.all(sides.map((side) => waitForProjections(side.server.url, token)));
  return runs.map((run, i) => {
    const written = counts[i]();
    return { ...run, kilobytes: written === null ? null : written.bytes / (run.requests * seconds) / 1024 };
  });
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const ratioRow = (name: string, ratios: readonly number[], unit = 'x'): BenchRow => ({
  name: `${name}, median of ${ratios.length} rounds (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`,
  value: median(ratios),
  unit,
});

/**
 * `npm run bench -- api-pair` with BENCH_API_BASELINE=<built checkout>: this code's server and the
 * checkout's, each on its own data folder of BENCH_API_OPPORTUNITIES opportunities (default 10,000)
 * written by its own code, take the same no-op, captureLead and stage-change loads at the same time,
 * after one warm-up round, for BENCH_API_ROUNDS rounds (default 3) of BENCH_API_SECONDS (default 5).
 * On the shared machine one build's CPU per request moved by a fifth between runs alone, while two
 * identical builds loaded together differed by 1.02x-1.06x: the pair compares builds, not the targets.
 */
export async function benchApiPair(): Promise<BenchRow[]> {
  const checkout = process.env.BENCH_API_BASELINE;
  if (!checkout) throw new Error('api-pair needs BENCH_API_BASELINE=<a checkout built with npm run build> to run beside this code');
  const token = await signToken({ sub: 'bench', roles: ['admin'] }, SECRET);
  const sides: Side[] = [];
  try {
    sides.push(await startSide({ startBenchServer, writeOpportunities }, 'this'));
    sides.push(await startSide(baselineHelpers(checkout), 'baseline'));
    await Promise.all(sides.map((side) => waitForProjections(side.server.url, token)));
    for (const kind of KINDS) await loadBoth(sides, token, kind, 2);
    const rounds: Array<Record<Kind, Measured[]>> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const measured = {} as Record<Kind, Measured[]>;
      for (const kind of KINDS) measured[kind] = await loadBoth(sides, token, kind, SECONDS);
      rounds.push(measured);
    }
    const errors = rounds.reduce((n, round) => n + KINDS.reduce((m, kind) => m + round[kind][0].non2xx + round[kind][1].non2xx, 0), 0);
    const cpu = (round: Record<Kind, Measured[]>, kind: Kind, side: number): number => round[kind][side].serverCpuUs ?? NaN;
    return [
      ...KINDS.map((kind) => ratioRow(`${kind}: server CPU per request, this code / baseline`, rounds.map((round) => cpu(round, kind, 0) / cpu(round, kind, 1)))),
      ...KINDS.filter((kind) => kind !== 'noop').flatMap((kind) => [0, 1].map((side) =>
        ratioRow(`${kind}: CPU per request / no-op's, ${side === 0 ? 'this code' : 'baseline'}`, rounds.map((round) => cpu(round, kind, side) / cpu(round, 'noop', side))))),
      ...KINDS.filter((kind) => kind !== 'noop').flatMap((kind) => [0, 1].map((side) =>
        ratioRow(`${kind}: KB written per request, ${side === 0 ? 'this code' : 'baseline'}`, rounds.map((round) => round[kind][side].kilobytes ?? NaN), 'KB'))),
      { name: 'HTTP errors and non-2xx answers during the runs', value: errors, unit: 'responses' },
    ];
  } finally {
    for (const side of sides) {
      await side.server.stop();
      side.cleanup();
    }
  }
}
