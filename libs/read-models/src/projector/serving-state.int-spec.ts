import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NewEvent, SqliteEventStore } from '@crm/event-store';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { leadsProjection } from '../projections/leads/leads.projection';
import { generationOfCollection, physicalCollection } from '../projections/projection';
import { Projector } from './projector';
import { openEvents, tempDir, testMetadata, waitUntil } from './testing/projector-fixtures';

const captured = (leadId: string): NewEvent => ({
  id: randomUUID(),
  type: 'LeadCaptured',
  data: { leadId, subjectId: randomUUID(), firstName: 'Ada', lastName: 'Lovelace', email: null, phone: null, jobTitle: null, seniority: null,
    companyName: 'Engines Ltd', companyDomain: null, source: 'WEB_FORM', sourceDetail: null, ownerId: null },
  metadata: testMetadata(),
});

describe('ReadModels.servingState: the serving collection and a token of its content', () => {
  let tmp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let store: SqliteReadStore;
  let projector: Projector;

  beforeEach(async () => {
    tmp = tempDir();
    events = openEvents(tmp.dir);
    store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
    projector = new Projector(events, store, { projections: [leadsProjection], aliasTtlMs: 0, dropGraceMs: 0, log: () => undefined });
  });
  afterEach(async () => {
    await projector.stop();
    await store.close();
    await events.close();
    tmp.cleanup();
  });

  const countOf = async (collection: string): Promise<number> => store.count(collection);

  it('has no token before the first batch, and a new one after every batch stored', async () => {
    const unbuilt = await projector.readModels.servingState('leads');
    expect(unbuilt.version).toBeNull();
    // Not the first build's collection, which readers reach only once it is switched to.
    expect(unbuilt.collection).not.toBe(physicalCollection('leads', leadsProjection.version));
    await events.appendToStream(`lead-${randomUUID()}`, [captured(randomUUID())], 'no_stream');
    await projector.start();
    const seen = new Set<string | null>();
    for (let i = 0; i < 3; i++) {
      const before = await projector.readModels.servingState('leads');
      seen.add(before.version);
      await events.appendToStream(`lead-${randomUUID()}`, [captured(randomUUID())], 'no_stream');
      await waitUntil(async () => (await countOf(before.collection)) === i + 2);
      const after = await projector.readModels.servingState('leads');
      expect(after.collection).toBe(before.collection);
      expect(after.version).not.toBe(before.version);
    }
    expect(seen.has(null)).toBe(false);
    expect(seen.size).toBe(3);
  });

  it('names the new copy after a rebuild switched readers to it', async () => {
    await events.appendToStream(`lead-${randomUUID()}`, [captured(randomUUID())], 'no_stream');
    await projector.start();
    const first = await projector.readModels.servingState('leads');
    await projector.rebuild(['leads']);
    await waitUntil(async () => (await projector.readModels.servingState('leads')).collection !== first.collection);
    const rebuilt = await projector.readModels.servingState('leads');
    expect(generationOfCollection('leads', rebuilt.collection)).toEqual({ version: leadsProjection.version, generation: 2 });
    expect(rebuilt.version).not.toBeNull();
    expect(rebuilt.version).not.toBe(first.version);
  });

  it('reads the generation back from a physical collection name, and nothing from another name', () => {
    expect(generationOfCollection('leads', physicalCollection('leads', 3))).toEqual({ version: 3, generation: 1 });
    expect(generationOfCollection('leads', physicalCollection('leads', 3, 7))).toEqual({ version: 3, generation: 7 });
    expect(generationOfCollection('leads', 'lead_funnel_v1')).toBeNull();
    expect(generationOfCollection('lead', 'leads_v1')).toBeNull();
    expect(generationOfCollection('leads', 'leads')).toBeNull();
  });
});
