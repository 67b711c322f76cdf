import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NewEvent, SqliteEventStore } from '@crm/event-store';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { leadsProjection } from '../projections/leads/leads.projection';
import { contactsProjection } from '../projections/contacts/contacts.projection';
import { activate } from './generations';
import { ProjectorSignals } from './projector-signals';
import { progressCheckpoint, targetOf } from './projection-target';
import { ReadModels } from './read-models';
import { openEvents, tempDir, testMetadata } from './testing/projector-fixtures';

const leadEvent = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  data: { leadId: '1' },
  metadata: testMetadata(),
});

describe('ReadModels read-your-writes wait, with the projector in the same process', () => {
  let tmp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let store: SqliteReadStore;
  let signals: ProjectorSignals;
  let readModels: ReadModels;

  beforeEach(async () => {
    tmp = tempDir();
    events = openEvents(tmp.dir);
    store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
    signals = new ProjectorSignals();
    readModels = new ReadModels(store, events, { projections: [leadsProjection], signals, pollMs: 5 });
    // A lead event is pending in the log, so only the projector's news can say it was applied.
    await events.appendToStream('lead-1', [leadEvent('LeadCaptured')], 'no_stream');
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    await events.close();
    tmp.cleanup();
  });

  it('answers from what the projector stored into the collection readers are sent to', async () => {
    await store.setAlias('leads', 'leads_v1_g2');
    signals.checkpointed('leads', 1n, { version: 1, generation: 2 });
    await expect(readModels.waitForPosition(1n, ['leads'], 200)).resolves.toBe(true);
  });

  it('asks the store nothing while news from the projector answers the wait', async () => {
    await store.setAlias('leads', 'leads_v1_g2');
    const checkpoints = jest.spyOn(store, 'getCheckpoint');
    const logReads = jest.spyOn(events, 'readAll');
    setTimeout(() => signals.checkpointed('leads', 1n, { version: 1, generation: 2 }), 1);
    await expect(readModels.waitForPosition(1n, ['leads'], 1_000)).resolves.toBe(true);
    expect(checkpoints).not.toHaveBeenCalled();
    expect(logReads).not.toHaveBeenCalled();
  });

  it('does not count what was stored into another copy than the one readers use', async () => {
    await store.setAlias('leads', 'leads_v1_g3');
    signals.checkpointed('leads', 1n, { version: 1, generation: 2 });
    await expect(readModels.waitForPosition(1n, ['leads'], 100)).resolves.toBe(false);
  });

  it('wakes a wait when the projector stores the projection it waits on, not another one', async () => {
    const patient = new ReadModels(store, events, { projections: [leadsProjection, contactsProjection], signals, pollMs: 60_000 });
    await store.setAlias('leads', 'leads_v1_g2');
    let settled: boolean | null = null;
    const waiting = patient.waitForPosition(1n, ['leads'], 30_000).then((applied) => (settled = applied));
    await new Promise((resolve) => setTimeout(resolve, 20));
    signals.checkpointed('contacts', 1n, { version: 1, generation: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBeNull();
    signals.checkpointed('leads', 1n, { version: 1, generation: 2 });
    await waiting;
    expect(settled).toBe(true);
  });

  it('waits for the news of an event the projection takes without asking the store or reading the log first', async () => {
    const told = new ReadModels(store, events, { projections: [leadsProjection], signals, pollMs: 60_000 });
    await activate(store, targetOf(leadsProjection, { version: leadsProjection.version, generation: 2 }), Date.now());
    const checkpoints = jest.spyOn(store, 'getCheckpoint');
    const logReads = jest.spyOn(events, 'readAll');
    // Later than the first short timer of a wait that cannot tell whether news will come.
    setTimeout(() => signals.checkpointed('leads', 1n, { version: leadsProjection.version, generation: 2 }), 30);
    await expect(told.waitForPosition(1n, ['leads'], 30_000, { streamId: 'lead-1', type: 'LeadCaptured' })).resolves.toBe(true);
    expect(checkpoints).not.toHaveBeenCalled();
    expect(logReads).not.toHaveBeenCalled();
  });

  it("answers a wait on an event the projection takes from its checkpoint at a poll, without reading the log", async () => {
    const generation = { version: leadsProjection.version, generation: 2 };
    await activate(store, targetOf(leadsProjection, generation), Date.now());
    const logReads = jest.spyOn(events, 'readAll');
    const eventAt = { streamId: 'lead-1', type: 'LeadCaptured' };
    await expect(readModels.waitForPosition(1n, ['leads'], 50, eventAt)).resolves.toBe(false);
    // The projector of another process stored it: no news here, the poll finds it.
    await store.writeBatch([], { name: progressCheckpoint('leads', generation), position: 1n });
    await expect(readModels.waitForPosition(1n, ['leads'], 5_000, eventAt)).resolves.toBe(true);
    expect(logReads).not.toHaveBeenCalled();
  });

  it('still reads the log for a projection that does not take the event waited on', async () => {
    const generation = { version: leadsProjection.version, generation: 2 };
    await activate(store, targetOf(leadsProjection, generation), Date.now());
    await store.writeBatch([], { name: progressCheckpoint('leads', generation), position: 1n });
    await events.appendToStream('contact-1', [{ ...leadEvent('ContactAdded'), data: { contactId: '1' } }], 'no_stream');
    const logReads = jest.spyOn(events, 'readAll');
    await expect(readModels.waitForPosition(2n, ['leads'], 5_000, { streamId: 'contact-1', type: 'ContactAdded' })).resolves.toBe(true);
    expect(logReads).toHaveBeenCalled();
  });

  it('reads the log for a later wait only after the position an earlier look found applied', async () => {
    const generation = { version: leadsProjection.version, generation: 2 };
    await activate(store, targetOf(leadsProjection, generation), Date.now());
    await store.writeBatch([], { name: progressCheckpoint('leads', generation), position: 1n });
    const contactEvent = { ...leadEvent('ContactAdded'), data: { contactId: '1' } };
    await events.appendToStream('contact-1', [contactEvent, { ...contactEvent, id: randomUUID(), type: 'ContactDetailsUpdated' }], 'no_stream');
    const logReads = jest.spyOn(events, 'readAll');
    await expect(readModels.waitForPosition(2n, ['leads'], 5_000, { streamId: 'contact-1', type: 'ContactAdded' })).resolves.toBe(true);
    await expect(readModels.waitForPosition(3n, ['leads'], 5_000, { streamId: 'contact-1', type: 'ContactDetailsUpdated' })).resolves.toBe(true);
    await expect(readModels.waitForPosition(2n, ['leads'], 5_000)).resolves.toBe(true);
    expect(logReads.mock.calls.map(([options]) => options?.after)).toEqual([1n, 2n]);
  });

  it('still finds an own event pending after the position an earlier look found applied', async () => {
    const generation = { version: leadsProjection.version, generation: 2 };
    await activate(store, targetOf(leadsProjection, generation), Date.now());
    await store.writeBatch([], { name: progressCheckpoint('leads', generation), position: 1n });
    await events.appendToStream('contact-1', [{ ...leadEvent('ContactAdded'), data: { contactId: '1' } }], 'no_stream');
    await expect(readModels.waitForPosition(2n, ['leads'], 5_000)).resolves.toBe(true);
    await events.appendToStream('lead-1', [leadEvent('LeadWorkingStarted')], 0);
    await expect(readModels.waitForPosition(3n, ['leads'], 100)).resolves.toBe(false);
  });

  it('does not count a position the projector has not reached', async () => {
    await store.setAlias('leads', 'leads_v1_g2');
    signals.checkpointed('leads', 1n, { version: 1, generation: 2 });
    await events.appendToStream('lead-1', [leadEvent('LeadWorkingStarted')], 0);
    await expect(readModels.waitForPosition(2n, ['leads'], 100)).resolves.toBe(false);
  });
});

describe('ReadModels alias trust', () => {
  let tmp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let store: SqliteReadStore;
  let clock: number;

  beforeEach(() => {
    tmp = tempDir();
    events = openEvents(tmp.dir);
    store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
    clock = 0;
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    await events.close();
    tmp.cleanup();
  });

  it('runs from when the alias was asked for: an answer read before a switch and delivered after it is trusted no longer', async () => {
    const readModels = new ReadModels(store, events, { projections: [leadsProjection], aliasTtlMs: 1_000, clock: () => clock });
    await store.setAlias('leads', 'leads_v1_g1');
    const read = store.getAlias.bind(store);
    let deliver: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (deliver = resolve));
    let readBeforeSwitch: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (readBeforeSwitch = resolve));
    jest.spyOn(store, 'getAlias').mockImplementationOnce(async (alias) => {
      const old = await read(alias);
      readBeforeSwitch();
      await held;
      return old;
    });

    const lookup = readModels.collectionFor('leads');
    await answered;
    await store.setAlias('leads', 'leads_v1_g2');
    clock = 900;
    deliver();
    await expect(lookup).resolves.toBe('leads_v1_g1');

    clock = 1_000;
    await expect(readModels.collectionFor('leads')).resolves.toBe('leads_v1_g2');
  });
});
