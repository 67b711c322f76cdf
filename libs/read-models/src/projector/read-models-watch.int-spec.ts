import { join } from 'node:path';
import type { SqliteEventStore } from '@crm/event-store';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { leadsProjection } from '../projections/leads/leads.projection';
import { Projector } from './projector';
import { ReadModels } from './read-models';
import { appendWorkload, openEvents, tempDir } from './testing/projector-fixtures';

/** Longer than the test's timeout: a wait that ends in time was told by the store. */
const SAFETY_NET_POLL_MS = 60_000;
const WAIT_TIMEOUT_MS = 10_000;
const WAITERS = 20;
const projections = [leadsProjection];

/** The store, counting its checkpoint reads (what every look of a wait costs). */
const countingCheckpointReads = (store: SqliteReadStore): { store: SqliteReadStore; reads: () => number } => {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (key === 'getCheckpoint') reads++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, reads: () => reads };
};

describe('ReadModels read-your-writes wait, with the projector in another process (store signals)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let projectorStore: SqliteReadStore;
  let readerStore: SqliteReadStore;
  beforeEach(() => {
    tmp = tempDir();
    events = openEvents(tmp.dir);
    // Two connections to one file, each with its own signal watch: as two processes see it.
    projectorStore = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite'), crossProcessSignals: true });
    readerStore = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite'), crossProcessSignals: true });
  });
  afterEach(async () => {
    await Promise.all([projectorStore.close(), readerStore.close(), events.close()]);
    tmp.cleanup();
  });

  /** Builds the leads projection, then appends what it has not applied: the log's head to wait for. */
  const builtThenBehind = async (): Promise<bigint> => {
    const built = new Projector(events, projectorStore, { projections, log: () => undefined });
    await built.start();
    await built.stop();
    await appendWorkload(events, 200, 7);
    return (await events.headPosition())!;
  };

  /** Runs `check` while a projector (the other "process") applies the log. */
  const whileProjecting = async (check: () => Promise<void>): Promise<void> => {
    const projector = new Projector(events, projectorStore, { projections, log: () => undefined });
    await projector.start();
    try {
      await check();
    } finally {
      await projector.stop();
    }
  };

  it('wakes when another connection stores the batch, long before its poll', async () => {
    const head = await builtThenBehind();
    const readers = new ReadModels(readerStore, events, { projections, watchStore: true, pollMs: SAFETY_NET_POLL_MS });
    // Asked while nothing applies the log: the first look finds the leads' events pending.
    const started = Date.now();
    const waited = readers.waitForPosition(head, ['leads'], WAIT_TIMEOUT_MS);
    await whileProjecting(async () => {
      expect(await waited).toBe(true);
      // Not at the timeout's last look either: told as the batch was stored.
      expect(Date.now() - started).toBeLessThan(WAIT_TIMEOUT_MS / 2);
    });
  });

  it('shares one look at the store per piece of news among every waiting request', async () => {
    const head = await builtThenBehind();
    const counted = countingCheckpointReads(readerStore);
    let news = 0;
    readerStore.watchCheckpoints(() => news++);
    const readers = new ReadModels(counted.store, events, { projections, watchStore: true, pollMs: SAFETY_NET_POLL_MS });
    const waits = Array.from({ length: WAITERS }, () => readers.waitForPosition(head, ['leads'], WAIT_TIMEOUT_MS));
    await whileProjecting(async () => {
      expect(await Promise.all(waits)).toEqual(waits.map(() => true));
      // Two reads (the active generation, its checkpoint) per look shared by all, not per waiter.
      expect(counted.reads()).toBeLessThanOrEqual(2 * (news + 2));
      expect(counted.reads()).toBeLessThan(2 * WAITERS);
    });
  });

  it('polls at its short default while the store cannot hear other processes, whatever its safety net', async () => {
    const head = await builtThenBehind();
    // A connection without signals: it hears of its own batches only, as a store whose watch failed.
    const deaf = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
    const readers = new ReadModels(deaf, events, { projections, watchStore: true, pollMs: SAFETY_NET_POLL_MS });
    const waited = readers.waitForPosition(head, ['leads'], WAIT_TIMEOUT_MS);
    try {
      await whileProjecting(async () => {
        expect(deaf.watchingCheckpoints()).toBe(false);
        expect(await waited).toBe(true);
      });
    } finally {
      await deaf.close();
    }
  });
});
