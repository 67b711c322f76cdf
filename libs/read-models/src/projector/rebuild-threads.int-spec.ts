import { extname, join } from 'node:path';
import type { SqliteEventStore } from '@crm/event-store';
import { ALL_PROJECTIONS, UnknownProjectionError, longestRebuildFirst } from '../projections/projection-registry';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { readActiveGeneration } from './generations';
import { Projector } from './projector';
import { rebuildOnThreads, threadMemoryBudget, type RebuildThreadsOptions } from './rebuild-threads';
import { SQLITE_REBUILD_STORES } from './sqlite-rebuild-stores';
import { appendWorkload, openEvents, snapshot, tempDir } from './testing/projector-fixtures';

const PRELOAD = join(__dirname, '../../../../test/support/ts-register.js');
const NAMES = longestRebuildFirst(ALL_PROJECTIONS.map(({ name }) => name));
const quiet = { log: () => undefined, dropGraceMs: 0 };

describe('a rebuild on threads', () => {
  // Every thread compiles the sources it runs first.
  jest.setTimeout(120_000);
  let tmp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let store: SqliteReadStore;
  const options = (extra: Partial<RebuildThreadsOptions> = {}): RebuildThreadsOptions => ({
    threads: 2,
    stores: { module: SQLITE_REBUILD_STORES, argument: stores() },
    owner: 'rebuild-threads-test',
    preload: PRELOAD,
    projector: { dropGraceMs: 0 },
    ...extra,
  });
  const stores = (): { events: string; readModels: string } => ({ events: join(tmp.dir, 'events.sqlite'), readModels: join(tmp.dir, 'read-models.sqlite') });
  const generations = (): Promise<unknown[]> => Promise.all(NAMES.map((name) => readActiveGeneration(store, name)));

  beforeAll(async () => {
    tmp = tempDir();
    events = openEvents(tmp.dir);
    store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
    await appendWorkload(events, 4_000, 23);
    await new Projector(events, store, quiet).rebuild();
  });
  afterAll(async () => {
    await store.close();
    await events.close();
    tmp.cleanup();
  });

  it('leaves every projection as one read of the log does, switched to a new copy, each thread within its share of the budget', async () => {
    const once = await snapshot(store, ALL_PROJECTIONS);
    const before = await generations();
    // Smaller than this log's model: every thread writes out and reads back.
    const budget = 2 ** 21;
    const seen = new Set<string>();
    const result = await rebuildOnThreads(NAMES, options({ memoryBudgetBytes: budget, onProgress: ({ projections }) => projections.forEach((name) => seen.add(name)) }));
    expect(result.threads).toBe(2);
    expect(result.rebuilt.map(({ projections }) => projections.join()).sort()).toEqual([...NAMES].sort());
    expect([...seen].sort()).toEqual([...NAMES].sort());
    expect(result.evictions).toBeGreaterThan(0);
    for (const rebuilt of result.rebuilt) expect(rebuilt.peakHeldBytes).toBeLessThanOrEqual(threadMemoryBudget(budget, 2));
    const after = await generations();
    after.forEach((generation, i) => expect(generation).not.toEqual(before[i]));
    expect(await snapshot(store, ALL_PROJECTIONS)).toEqual(once);
  });

  it('starts nothing after a projection fails, and throws its error as its own class', async () => {
    const before = await generations();
    const failing = rebuildOnThreads(['no_such_projection', 'leads'], options({ threads: 1 }));
    await expect(failing).rejects.toBeInstanceOf(UnknownProjectionError);
    expect(await generations()).toEqual(before);
  });

  it('fails with the error of a thread that could not open its stores', async () => {
    const before = await generations();
    const nowhere = join(tmp.dir, 'no-such-folder', 'events.sqlite');
    const failing = rebuildOnThreads(NAMES, options({ stores: { module: SQLITE_REBUILD_STORES, argument: { events: nowhere, readModels: join(tmp.dir, 'read-models.sqlite') } } }));
    await expect(failing).rejects.toThrow(/directory does not exist|unable to open/);
    expect(await generations()).toEqual(before);
  });

  it('fails, naming what it was rebuilding, when a thread is lost mid-replay, and switches nothing', async () => {
    const before = await generations();
    const crashing = join(__dirname, 'testing', `crashing-rebuild-stores${extname(__filename)}`);
    const failing = rebuildOnThreads(['leads', 'accounts'], options({ threads: 1, stores: { module: crashing, argument: stores() } }));
    await expect(failing).rejects.toThrow('A rebuild thread ended (exit code 3) while rebuilding leads');
    expect(await generations()).toEqual(before);
  });

  it('refuses a thread count that is not a whole number from 1', async () => {
    await expect(rebuildOnThreads(NAMES, options({ threads: 0 }))).rejects.toBeInstanceOf(RangeError);
    await expect(rebuildOnThreads(NAMES, options({ threads: 1.5 }))).rejects.toBeInstanceOf(RangeError);
  });
});
