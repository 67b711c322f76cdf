import { benchApi } from './api.bench';
import { benchApiPair } from './api-pair.bench';
import { benchCaptureWal } from './capture-wal.bench';
import { benchCaptureWrites } from './capture-writes.bench';
import { benchEncryption } from './encryption.bench';
import { benchEventStore } from './event-store.bench';
import { benchEventSize } from './event-size.bench';
import { benchLists } from './lists.bench';
import { benchLive } from './live.bench';
import { benchPipelineHistory } from './pipeline-history.bench';
import { benchPipelineHistoryCompute } from './pipeline-history-compute.bench';
import { benchProjections } from './projections.bench';
import { benchScaled } from './scaled.bench';
import { benchSearch } from './search.bench';
import { benchSeed } from './seed.bench';
import { benchTimelineLoad } from './timeline-load.bench';
import { benchWebhooks } from './webhooks.bench';
import { machine, peakRssMiB, printRows, type BenchRow } from './bench-kit';

/** `named`: run only when asked for by name (it needs settings a plain `npm run bench` does not give). */
const SUITES: Record<string, { title: string; run: () => Promise<BenchRow[]>; named?: boolean }> = {
  'event-store': { title: 'Event store (SQLite adapter)', run: benchEventStore },
  'event-size': { title: 'Bytes stored per event: a seeded log in the SQLite file (BENCH_SIZE_LEADS leads, default 100,000)', run: benchEventSize },
  projections: { title: 'Projections (rebuild on the embedded store)', run: benchProjections },
  api: { title: 'GraphQL API over HTTP (embedded process)', run: benchApi },
  'api-pair': { title: 'This code beside a baseline checkout (BENCH_API_BASELINE), both servers loaded at the same time', run: benchApiPair, named: true },
  'capture-wal': { title: 'Where a captureLead\'s bytes go in the running server: each file\'s WAL pages by b-tree (embedded process, 32 connections)', run: benchCaptureWal },
  'capture-writes': { title: 'What a captureLead writes to the read-model file, per number of captures a commit holds (SQLite read store, WAL pages by b-tree)', run: benchCaptureWrites },
  encryption: { title: 'Personal data encrypted beside left plain (captureLead, rebuild)', run: benchEncryption },
  search: { title: 'Search over 100,000 leads (SQLite read store)', run: benchSearch },
  seed: { title: 'Seeding demo data through the command line (crm seed, embedded store, empty data folder)', run: benchSeed },
  lists: { title: 'Lists, search and the pipeline over HTTP at a seeded CRM (embedded process)', run: benchLists },
  history: { title: 'The pipeline through time over HTTP: a year of history of the opportunities (embedded process)', run: benchPipelineHistory },
  'timeline-load': { title: 'Opportunity timelines read into memory from the SQLite read store', run: benchTimelineLoad },
  'history-compute': { title: 'Pipeline-history computations over 100,000 opportunities in memory (one pipeline of three)', run: benchPipelineHistoryCompute },
  webhooks: { title: 'Webhook delivery to a loopback receiver (SQLite stores, one endpoint)', run: benchWebhooks },
  scaled: {
    title: 'The scaled shape on one data folder: one client\'s captureLead through apps/api (2 API + 2 projector processes) beside the embedded process',
    run: benchScaled,
  },
  live: {
    title: 'Live updates: entityChanged pushed over graphql-ws (embedded process; the subscribers, in a second process, and the measuring client share the machine\'s cores with it)',
    run: benchLive,
  },
};

/**
 * `npm run bench [-- <suite> ...]`: every figure beside its baseline measured in the same run, on
 * this machine. Suites: event-store, event-size, projections, api, capture-wal, capture-writes, encryption, search, seed, lists, history,
 * timeline-load, history-compute, webhooks, scaled, live (default: all of these), and api-pair (only by name).
 */
const main = async (): Promise<void> => {
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((name) => !SUITES[name]);
  if (unknown.length) throw new Error(`Unknown bench suite(s): ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}`);
  console.log(`# Pipeline CRM benchmarks\nmachine: ${machine()}`);
  for (const name of chosen.length ? chosen : Object.keys(SUITES).filter((suite) => !SUITES[suite].named)) {
    printRows(SUITES[name].title, await SUITES[name].run());
  }
  console.log(`\npeak RSS of the bench process: ${peakRssMiB()} MiB`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
