import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { SqliteEventStore } from '@crm/event-store';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { ALL_PROJECTIONS } from '../projections/projection-registry';
import { readActiveGeneration } from './generations';
import { progressCheckpoint } from './projection-target';
import { Projector } from './projector';
import { appendWorkload, openEvents, snapshot, tempDir, waitUntil } from './testing/projector-fixtures';

const root = resolve(__dirname, '../../../..');

const spawnProjector = (dir: string): ChildProcess =>
  spawn(process.execPath, ['-r', join(root, 'test/support/ts-register.js'), join(__dirname, 'testing/projector-child.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });

const exited = (child: ChildProcess): Promise<void> => new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));

describe('a projector killed with SIGKILL mid-batch', () => {
  let tmp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let store: SqliteReadStore;
  beforeEach(() => {
    tmp = tempDir();
    events = openEvents(tmp.dir);
    store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    await events.close();
    tmp.cleanup();
  });

  const leadsPosition = async (): Promise<bigint> => {
    const active = await readActiveGeneration(store, 'leads');
    return active === null ? 0n : ((await store.getCheckpoint(progressCheckpoint('leads', active)))?.position ?? 0n);
  };

  it('ends, after a restart, at the same documents as a clean rebuild', async () => {
    // The first start builds the (empty) models; the workload then goes through the live path.
    const warmup = new Projector(events, store, { log: () => undefined });
    await warmup.start();
    await warmup.stop();
    await appendWorkload(events, 20_000, 61);
    const head = (await events.headPosition())!;

    const first = spawnProjector(tmp.dir);
    await waitUntil(async () => (await leadsPosition()) > 0n, 30_000);
    first.kill('SIGKILL');
    await exited(first);
    expect(await leadsPosition()).toBeLessThan(head);

    const second = spawnProjector(tmp.dir);
    const projector = new Projector(events, store, { log: () => undefined, aliasTtlMs: 0, dropGraceMs: 0 });
    expect(await projector.readModels.waitForPosition(head, ALL_PROJECTIONS.map((p) => p.name), 40_000)).toBe(true);
    second.kill('SIGTERM');
    await exited(second);

    const recovered = await snapshot(store, ALL_PROJECTIONS);
    await projector.rebuild();
    expect(await snapshot(store, ALL_PROJECTIONS)).toEqual(recovered);
  }, 80_000);
});
