import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NewEvent, SqliteEventStore } from '@crm/event-store';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { leadsProjection } from '../projections/leads/leads.projection';
import { Projector } from './projector';
import { openEvents, tempDir, testMetadata } from './testing/projector-fixtures';

const event = (type: string, data: NewEvent['data']): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: testMetadata(),
});

describe('a live projection tells how far it applied everything of its own', () => {
  let tmp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let store: SqliteReadStore;
  let projector: Projector;

  beforeEach(async () => {
    tmp = tempDir();
    events = openEvents(tmp.dir);
    store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
    projector = new Projector(events, store, { projections: [leadsProjection], log: () => undefined, leaseTtlMs: 3_000 });
    await projector.start();
  });
  afterEach(async () => {
    await projector.stop();
    await store.close();
    await events.close();
    tmp.cleanup();
  });

  /** Resolves with the first news of `projection` at or past `position`. */
  const newsAt = (projection: string, position: bigint): Promise<bigint> =>
    new Promise((resolve) => {
      const off = projector.signals.onCheckpoint((name, at) => {
        if (name !== projection || at < position) return;
        off();
        resolve(at);
      });
    });

  it('past an event it does not take, so a wait on that event answers from memory without reading the log', async () => {
    const { position: captured } = await events.appendToStream('lead-1', [event('LeadCaptured', { leadId: '1' })], 'no_stream');
    await newsAt('leads', captured);
    const news = newsAt('leads', captured + 1n);
    const { position: registered } = await events.appendToStream('account-1', [event('AccountRegistered', { accountId: '1', name: 'Acme' })], 'no_stream');
    expect(await news).toBe(registered);
    const logReads = jest.spyOn(events, 'readAll');
    const checkpoints = jest.spyOn(store, 'getCheckpoint');
    await expect(projector.readModels.waitForPosition(registered, ['leads'], 1_000)).resolves.toBe(true);
    expect(logReads).not.toHaveBeenCalled();
    expect(checkpoints).not.toHaveBeenCalled();
  });

  it('not past an event of its own before the batch holding it is stored', async () => {
    const checkpoint = `projection:leads:v${leadsProjection.version}:g1`;
    const storedAtNews: Array<Promise<bigint | null>> = [];
    projector.signals.onCheckpoint((name) => {
      // Asked the moment the news is given, before anything else runs.
      if (name === 'leads') storedAtNews.push(store.getCheckpoint(checkpoint).then((stored) => stored?.position ?? null));
    });
    const { position: captured } = await events.appendToStream('lead-2', [event('LeadCaptured', { leadId: '2' })], 'no_stream');
    await newsAt('leads', captured);
    const { position: registered } = await events.appendToStream('account-2', [event('AccountRegistered', { accountId: '2', name: 'Acme' })], 'no_stream');
    await newsAt('leads', registered);
    expect(storedAtNews.length).toBeGreaterThan(0);
    for (const stored of await Promise.all(storedAtNews)) expect(stored).toBe(captured);
  });
});
