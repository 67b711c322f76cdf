import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { SqliteEventStore } from '@crm/event-store';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { accountsProjection } from '../projections/accounts/accounts.projection';
import { leadsProjection } from '../projections/leads/leads.projection';
import { listParked } from './parked-events';
import { Projector } from './projector';
import { LogWithUnreadableEvents } from './testing/log-with-unreadable-events';
import { appendWorkload, openEvents, tempDir } from './testing/projector-fixtures';

const projections = [leadsProjection, accountsProjection];
const quiet = { log: () => undefined, aliasTtlMs: 0, dropGraceMs: 0, leaseTtlMs: 3_000, rebuildBatchSize: 100, projections };

describe('an event the log cannot read (not JSON), for the projections that read its type', () => {
  let tmp: ReturnType<typeof tempDir>;
  let sqliteEvents: SqliteEventStore;
  let events: LogWithUnreadableEvents;
  let store: SqliteReadStore;
  let projector: Projector | null;

  beforeEach(() => {
    tmp = tempDir();
    sqliteEvents = openEvents(tmp.dir);
    events = new LogWithUnreadableEvents(sqliteEvents);
    store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
    projector = null;
  });
  afterEach(async () => {
    await projector?.stop();
    await store.close();
    await events.close();
    tmp.cleanup();
  });

  const unreadableLead = () => events.putUnreadableAfterHead({ id: randomUUID(), streamName: `lead-${randomUUID()}`, revision: 0, type: 'LeadCaptured' });

  const parkedCounts = async (p: Projector): Promise<Record<string, number>> =>
    Object.fromEntries((await p.status()).map((status) => [status.name, status.parked]));

  it('is parked by the live projection, shown in its status, and the events after it are applied', async () => {
    projector = new Projector(events, store, quiet);
    await projector.start();
    await appendWorkload(events, 200, 3);
    const unreadable = await unreadableLead();
    await appendWorkload(events, 200, 4);
    const head = (await events.headPosition()) as bigint;
    expect(await projector.readModels.waitForPosition(head, ['leads', 'accounts'], 20_000)).toBe(true);

    expect(await parkedCounts(projector)).toEqual({ leads: 1, accounts: 0 });
    expect(await listParked(store, 'leads', leadsProjection.version)).toEqual([
      expect.objectContaining({ eventId: unreadable.id, stream: unreadable.streamName, type: 'LeadCaptured', position: Number(unreadable.position), error: expect.stringMatching(/UnreadableEventError.*not a JSON object/) }),
    ]);
  });

  it('is parked by a rebuild, including one at the very end of the log', async () => {
    await appendWorkload(events, 300, 5);
    const unreadable = await unreadableLead();
    projector = new Projector(events, store, quiet);
    await projector.rebuild(['leads', 'accounts']);

    expect(await parkedCounts(projector)).toEqual({ leads: 1, accounts: 0 });
    expect((await listParked(store, 'leads', leadsProjection.version)).map((parked) => parked.eventId)).toEqual([unreadable.id]);
  });
});
