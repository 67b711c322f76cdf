import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@crm/event-store';
import {
  OPPORTUNITY_VERSIONS, opportunityTimelineProjection, physicalCollection, ReadModels, SqliteReadStore, TimelineKeeper,
  type Doc, type OpportunityVersionDoc, type Page, type Timelines, type WriteOp,
} from '@crm/read-models';
import type { BenchRow } from './bench-kit';

interface TimelineLoadBenchOptions {
  /** Versions stored (default 500,000). */
  versions?: number;
  /** Versions per opportunity (default 5). */
  perOpportunity?: number;
}

interface TimelineLoadResult {
  versions: number;
  /** A TimelineKeeper's first `current()`: every version read and held. */
  loadSeconds: number;
  /** The same versions read page by page, as the keeper reads them, and dropped: what the store alone costs. */
  readSeconds: number;
  /** Heap the loaded timelines hold, after a collection (MiB; null without --expose-gc). */
  heapMiB: number | null;
}

const DAY = 86_400_000;
const STAGES = ['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'CLOSED_WON'];

/** The `seq`th version of opportunity `n`: realistic sizes (uuid ids, ISO times, money), in log order. */
function version(n: number, seq: number, position: number): OpportunityVersionDoc {
  const opportunityId = `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const opened = Date.UTC(2026, 0, 1) + (n % 365) * DAY;
  const minor = 100_000 + ((n * 7_919 + seq * 104_729) % 50_000_000);
  return {
    id: `${opportunityId}:${seq}`,
    opportunityId,
    seq,
    at: new Date(opened + seq * 3 * DAY).toISOString(),
    openedAt: new Date(opened).toISOString(),
    pipelineId: '00000000-0000-4000-8000-000000000001',
    ownerId: `rep-${n % 25}`,
    stage: STAGES[seq % STAGES.length],
    status: seq % STAGES.length === 4 ? 'WON' : 'OPEN',
    amount: { amount: (minor / 100).toFixed(2), currency: n % 3 === 0 ? 'USD' : 'EUR', amountMinor: minor },
    expectedCloseDate: new Date(opened + 90 * DAY).toISOString().slice(0, 10),
    lastPosition: position,
  };
}

async function storeVersions(store: SqliteReadStore, collection: string, versions: number, perOpportunity: number): Promise<void> {
  await store.ensureCollection(collection, [...opportunityTimelineProjection.collections[OPPORTUNITY_VERSIONS]], { deferIndexes: true });
  const opportunities = Math.ceil(versions / perOpportunity);
  let ops: WriteOp[] = [];
  for (let position = 1; position <= versions; position++) {
    // Interleaved as a log is: each opportunity's next version comes after every other's previous one.
    const i = position - 1;
    ops.push({ kind: 'upsert', collection, doc: version(i % opportunities, Math.floor(i / opportunities), position) as unknown as Doc });
    if (ops.length === 5_000) [await store.writeBatch(ops), (ops = [])];
  }
  await store.writeBatch(ops);
  await store.ensureCollection(collection, [...opportunityTimelineProjection.collections[OPPORTUNITY_VERSIONS]]);
  await store.setAlias(OPPORTUNITY_VERSIONS, collection);
}

const seconds = async (fn: () => Promise<unknown>): Promise<number> => {
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
};

const heapUsed = (): number | null => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return null;
  gc();
  return process.memoryUsage().heapUsed;
};

/** Every version read page by page in position order, as the keeper asks for them, and dropped. */
async function readAll(store: SqliteReadStore, collection: string): Promise<void> {
  let position = -1;
  for (;;) {
    const filter = { lastPosition: { $gt: position } };
    const page: Page<Doc> = await store.find(collection, { filter, sort: [{ field: 'lastPosition', direction: 'asc' }], first: 500, totalCount: false });
    if (page.items.length === 0) return;
    position = page.items[page.items.length - 1].lastPosition as number;
  }
}

/** Loads `versions` stored versions into a TimelineKeeper from a SQLite read store in a temp file. */
async function loadTimelines(options: TimelineLoadBenchOptions = {}): Promise<TimelineLoadResult> {
  const versions = options.versions ?? 500_000;
  const dir = mkdtempSync(join(tmpdir(), 'crm-timeline-bench-'));
  const store = new SqliteReadStore({ filename: join(dir, 'read.sqlite') });
  const events = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  try {
    const collection = physicalCollection(OPPORTUNITY_VERSIONS, opportunityTimelineProjection.version);
    await storeVersions(store, collection, versions, options.perOpportunity ?? 5);
    const readSeconds = await seconds(() => readAll(store, collection));
    const before = heapUsed();
    const keeper = new TimelineKeeper(new ReadModels(store, events), store);
    let timelines: Timelines | null = null;
    const loadSeconds = await seconds(async () => (timelines = await keeper.current()));
    const after = heapUsed();
    // Read after measuring, so the timelines are still held when the heap is.
    if ((timelines as Timelines | null)?.size !== Math.ceil(versions / (options.perOpportunity ?? 5))) throw new Error('not every opportunity was loaded');
    const heapMiB = before === null || after === null ? null : (after - before) / 2 ** 20;
    return { versions, loadSeconds, readSeconds, heapMiB };
  } finally {
    await events.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- timeline-load`: what the API pays at start to hold every opportunity's timeline,
 * beside what the SQLite store alone takes to page through the same versions.
 */
export async function benchTimelineLoad(): Promise<BenchRow[]> {
  const { versions, loadSeconds, readSeconds, heapMiB } = await loadTimelines({ versions: Number(process.env.BENCH_TIMELINE_VERSIONS ?? 500_000) });
  const label = `${versions.toLocaleString('en-US')} versions`;
  return [
    { name: `TimelineKeeper's first catch-up, ${label}`, value: loadSeconds, unit: 's', baseline: { name: 'the store paging through them', value: readSeconds } },
    ...(heapMiB === null ? [] : [{ name: `heap the timelines hold, ${label}`, value: heapMiB, unit: 'MiB' }]),
  ];
}
