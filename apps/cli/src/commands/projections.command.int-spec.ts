import { join } from 'node:path';
import { ALL_PROJECTIONS, LeaseKeeper, SqliteReadStore } from '@crm/read-models';
import { snapshot } from '@crm/read-models/testing';
import { seededStore, type SeededStore } from '../testing/seeded-store';

describe('crm projections rebuild --all', () => {
  let data: SeededStore;
  beforeAll(async () => {
    data = await seededStore(150, 5);
  });
  afterAll(() => data.cleanup());

  const status = async (): Promise<Array<{ name: string; generation: number; position: string; lag: string }>> => JSON.parse((await data.run(['projections', 'status', '--json'])).stdout);

  const readModels = async (): Promise<Awaited<ReturnType<typeof snapshot>>> => {
    const store = new SqliteReadStore({ filename: join(data.dir, 'read-models.sqlite') });
    try {
      return await snapshot(store, ALL_PROJECTIONS);
    } finally {
      await store.close();
    }
  };

  // Each rebuild starts threads that compile the sources first, two CLI runs in all.
  jest.setTimeout(120_000);

  it('on two threads builds the read models that one read of the log builds, and says how it went', async () => {
    const once = await data.run(['projections', 'rebuild', '--all'], { CRM_REBUILD_THREADS: '1' });
    expect(once.code).toBe(0);
    const built = await readModels();
    const statusOnce = await status();
    expect(built.leads.length).toBe(150);

    const threaded = await data.run(['projections', 'rebuild', '--all'], { CRM_REBUILD_THREADS: '2' });
    expect(threaded).toMatchObject({ code: 0, stdout: '' });
    expect(threaded.stderr).toMatch(new RegExp(`^Rebuilt ${ALL_PROJECTIONS.length} projections on 2 threads in [\\d.]+ s: .*\\bleads \\d[\\d,]* events in [\\d.]+ s`, 'm'));
    expect(await readModels()).toEqual(built);

    // Every projection caught up, on a copy newer than the one-thread rebuild's. Each rebuilt alone,
    // its checkpoint is its own last event, not the shared read's (as `rebuild <name>` leaves it).
    const after = await status();
    expect(after.map(({ name }) => name)).toEqual(statusOnce.map(({ name }) => name));
    after.forEach(({ generation, position: _position, ...rest }, i) => {
      const { generation: before, position: _before, ...restOnce } = statusOnce[i];
      expect(rest).toEqual(restOnce);
      expect(generation).toBeGreaterThan(before);
    });
    expect(after.map(({ lag }) => lag)).toEqual(after.map(() => '0'));
  });

  it('exits with 1 and says why when another process is rebuilding a projection', async () => {
    const store = new SqliteReadStore({ filename: join(data.dir, 'read-models.sqlite') });
    const elsewhere = new LeaseKeeper(store, 'projection:leads:rebuild', 'another-process', 60_000);
    expect(await elsewhere.acquire()).toBe(true);
    try {
      const run = await data.run(['projections', 'rebuild', '--all'], { CRM_REBUILD_THREADS: '2' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('error: A rebuild of leads is already running');
    } finally {
      await elsewhere.release();
      await store.close();
    }
  });

  it('exits with 2, rebuilding nothing, when CRM_REBUILD_THREADS cannot work', async () => {
    const before = await readModels();
    const run = await data.run(['projections', 'rebuild', '--all'], { CRM_REBUILD_THREADS: '0' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CRM_REBUILD_THREADS');
    expect(await readModels()).toEqual(before);
  });
});
