import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@crm/event-store';
import { verifyChains } from '../audit/chain-verifier';
import { LeadConversionRunner } from '../leads/lead-conversion.runner';
import { startApplication, testPersonalData } from '../testing/application-harness';
import { uuidV7Time } from '../core/event-ids';
import { seedDemoData } from './demo-data.seeder';
import { randomUUID } from 'node:crypto';
import { ErasePersonCommand } from '../privacy/erase-person.command';
import { PersonalDataEventStore } from '../privacy/personal-data-event-store';
import { DEFAULT_PIPELINE, pipelineStream, stageOf } from '@crm/domain';
import { PARTNERS, RENEWALS, SEED_PIPELINES, SeedPipelinesChangedError } from './seed-pipelines';

const END = new Date('2026-01-01T00:00:00Z');

const readAll = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

/** What the seed decides: everything but the store's own recordedAt and positions. */
const facts = (events: RecordedEvent[]) =>
  events
    .map(({ id, streamName, revision, type, data, metadata }) => ({ id, streamName, revision, type, data, metadata }))
    .sort((a, b) => a.streamName.localeCompare(b.streamName) || a.revision - b.revision);

describe('seed: realistic, reproducible demo data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-seed-'));
  const open = (name: string) => new SqliteEventStore({ path: join(dir, `${name}.sqlite`) });
  let store: SqliteEventStore;
  let events: RecordedEvent[];
  beforeAll(async () => {
    store = open('a');
    await seedDemoData(store, testPersonalData().personalData, { leads: 1000, seed: 42, end: END });
    events = await readAll(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same events (ids, data, business times) for the same seed, and others for another', async () => {
    const again = open('b');
    const other = open('c');
    await seedDemoData(again, testPersonalData().personalData, { leads: 1000, seed: 42, end: END, concurrency: 7 });
    await seedDemoData(other, testPersonalData().personalData, { leads: 50, seed: 43, end: END });
    expect(facts(await readAll(again))).toEqual(facts(events));
    expect((await readAll(other)).map((e) => e.id)).not.toEqual(events.slice(0, 50).map((e) => e.id));
    await Promise.all([again.close(), other.close()]);
  });

  it('writes nothing new when the same seed is run again on the same store', async () => {
    const head = await store.headPosition();
    await seedDemoData(store, testPersonalData().personalData, { leads: 1000, seed: 42, end: END });
    expect(await store.headPosition()).toBe(head);
  });

  it('writes nothing new either after a seeded person was erased, and never makes their key again', async () => {
    const beside = open('erased');
    try {
      await seedDemoData(beside, testPersonalData().personalData, { leads: 50, seed: 7, end: END });
      const lead = (await readAll(beside)).find((e) => e.type === 'LeadConverted')!;
      const app = await startApplication(beside);
      const erased = await app.commands.execute(new ErasePersonCommand({ leadId: String(lead.data.leadId), reason: 'OTHER' }, { actor: 'dpo', commandId: randomUUID() }));
      await app.close();
      const head = await beside.headPosition();
      await seedDemoData(beside, testPersonalData().personalData, { leads: 50, seed: 7, end: END });
      expect(await beside.headPosition()).toBe(head);
      expect((await testPersonalData().keyStore.findKeys([erased.subjectId])).size).toBe(0);
    } finally {
      await beside.close();
    }
  });

  it('keeps every business time in the past and in causal order within each stream', () => {
    const last = new Map<string, number>();
    for (const event of facts(events)) {
      const at = Date.parse(event.metadata.occurredAt);
      expect(at).toBeLessThan(END.getTime());
      expect(at).toBeGreaterThanOrEqual(last.get(event.streamName) ?? 0);
      last.set(event.streamName, at);
    }
  });

  it('gives its leads and events version 7 ids at their business times, as the server gives its own', () => {
    const seeded = events.filter((event) => !event.streamName.startsWith('pipeline-'));
    for (const event of seeded) {
      // A command's time is its step's; the stream's clock may have run later, never earlier.
      expect(uuidV7Time(event.id)).not.toBeNull();
      expect(uuidV7Time(event.id)!).toBeLessThanOrEqual(Date.parse(event.metadata.occurredAt));
    }
    for (const captured of seeded.filter((event) => event.type === 'LeadCaptured')) {
      const at = Date.parse(captured.metadata.occurredAt);
      expect([uuidV7Time(String(captured.data.leadId)), uuidV7Time(captured.id)]).toEqual([at, at]);
      expect(uuidV7Time(String(captured.data.subjectId))).not.toBeNull();
    }
  });

  it('chains every event as the command path does', async () => {
    const report = await verifyChains(store, { gaplessPositions: true });
    expect(report).toMatchObject({ breakCount: 0, eventsChecked: events.length });
  });

  it('completes conversions exactly as the conversion process would: running it again changes nothing', async () => {
    const app = await startApplication(store);
    try {
      const head = await store.headPosition();
      const handled = await app.context.get(LeadConversionRunner).catchUp();
      expect(handled).toBe(events.filter((e) => e.type === 'LeadConverted').length);
      expect(await store.headPosition()).toBe(head);
    } finally {
      await app.close();
    }
  });

  it('lands beside a running server whose conversion process completes each conversion first, with the same events', async () => {
    const beside = open('d');
    const app = await startApplication(beside);
    const runner = app.context.get(LeadConversionRunner);
    // The server's process wins every race: it completes each conversion as soon as LeadConverted is stored.
    const racing: EventStore = Object.assign(Object.create(beside) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        const result = await beside.appendToStream(...args);
        if (args[1].some((event) => event.type === 'LeadConverted')) await runner.catchUp();
        return result;
      },
    });
    try {
      await seedDemoData(racing, testPersonalData().personalData, { leads: 1000, seed: 42, end: END });
    } finally {
      await app.close();
    }
    expect(facts(await readAll(beside))).toEqual(facts(events));
    await beside.close();
  });

  it('looks like a real B2B funnel: all sources and kinds, conversions, wins and losses with reasons', async () => {
    const count = (type: string) => events.filter((e) => e.type === type).length;
    const opened = await readAll(new PersonalDataEventStore(store, testPersonalData().personalData));
    const captured = opened.filter((e) => e.type === 'LeadCaptured');
    expect(new Set(captured.map((e) => e.data.source))).toEqual(new Set(['WEB_FORM', 'EVENT', 'LINKEDIN', 'REFERRAL', 'IMPORT', 'OUTBOUND', 'OTHER']));
    expect(new Set(events.filter((e) => e.type === 'AccountRegistered').map((e) => e.data.kind))).toEqual(new Set(['COMPANY', 'FOUNDATION', 'GOVERNMENT']));
    expect(count('LeadCaptured')).toBe(1000);
    expect(count('LeadWorkingStarted') / 1000).toBeGreaterThan(0.45);
    expect(count('LeadDisqualified') / 1000).toBeGreaterThan(0.12);
    expect(count('LeadConverted') / 1000).toBeGreaterThan(0.1);
    expect(count('LeadConverted') / 1000).toBeLessThan(0.22);
    const lost = events.filter((e) => e.type === 'OpportunityLost');
    expect(count('OpportunityWon')).toBeGreaterThan(0);
    expect(lost.every((e) => typeof e.data.reason === 'string')).toBe(true);
    expect(lost.some((e) => e.data.competitor !== null)).toBe(true);
    expect(count('ContactAdded')).toBeGreaterThan(count('LeadConverted'));
    expect(count('ContactLeft') + count('ContactMoved')).toBeGreaterThan(0);
    expect(captured.filter((e) => String(e.data.email ?? e.data.phone).match(/\.nl$|^\+31/)).length / 1000).toBeGreaterThan(0.5);
  });

  it('spreads its deals over three pipelines, each at its own stages', async () => {
    const defined = events.filter((e) => e.type === 'PipelineDefined');
    expect(defined.map((e) => [e.streamName, e.data.name])).toEqual([[pipelineStream(RENEWALS.pipelineId), 'Renewals'], [pipelineStream(PARTNERS.pipelineId), 'Partners']]);
    expect(await store.streamRevision(pipelineStream(DEFAULT_PIPELINE.pipelineId))).toBeNull();
    const opened = events.filter((e) => e.type === 'OpportunityOpened');
    expect(opened.filter((e) => e.data.pipelineId === RENEWALS.pipelineId).length).toBeGreaterThan(10);
    expect(events.filter((e) => e.type === 'OpportunityMovedToPipeline' && e.data.toPipelineId === PARTNERS.pipelineId).length).toBeGreaterThan(10);
    expect(new Set(events.filter((e) => e.type === 'OpportunityWon').map((e) => e.data.stage))).toEqual(new Set(['CLOSED_WON', 'PARTNER_WON', 'RENEWED']));
    // Every stage an opportunity reaches is one of its pipeline's, of the kind the event says.
    const pipelineOf = new Map<string, string>();
    for (const e of events) {
      const id = String(e.data.opportunityId);
      if (e.type === 'OpportunityOpened') pipelineOf.set(id, String(e.data.pipelineId));
      if (e.type === 'OpportunityMovedToPipeline') pipelineOf.set(id, String(e.data.toPipelineId));
      const reached = e.type === 'OpportunityWon' || e.type === 'OpportunityLost' || e.type === 'OpportunityOpened' ? e.data.stage : e.data.to;
      if (!e.streamName.startsWith('opportunity-') || reached === undefined) continue;
      const pipeline = SEED_PIPELINES.find((p) => p.pipelineId === pipelineOf.get(id))!;
      const kind = e.type === 'OpportunityWon' ? 'WON' : e.type === 'OpportunityLost' ? 'LOST' : 'OPEN';
      expect({ event: e.type, stage: reached, kind: stageOf(pipeline, String(reached))?.kind }).toEqual({ event: e.type, stage: reached, kind });
    }
  });

  it('refuses, writing nothing, a store where someone archived or revised a seeded pipeline since', async () => {
    const changed = open('changed');
    await seedDemoData(changed, testPersonalData().personalData, { leads: 20, seed: 5, end: END });
    const metadata = { actor: 'manager-1', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), occurredAt: END.toISOString() };
    const archived = { id: randomUUID(), type: 'PipelineArchived', data: { pipelineId: PARTNERS.pipelineId, name: 'Partners' }, metadata };
    await changed.appendToStream(pipelineStream(PARTNERS.pipelineId), [archived], 0);
    const head = await changed.headPosition();
    await expect(seedDemoData(changed, testPersonalData().personalData, { leads: 20, seed: 6, end: END })).rejects.toThrow(SeedPipelinesChangedError);
    await expect(seedDemoData(changed, testPersonalData().personalData, { leads: 20, seed: 6, end: END })).rejects.toThrow(/Pipeline Partners was revised or archived/);
    expect(await changed.headPosition()).toBe(head);
    await changed.close();
  });

  it('stores what it records about people only encrypted, as the command path does', () => {
    const stored = events.filter((e) => e.type === 'LeadCaptured' || e.type === 'ContactAdded' || e.type === 'LeadConverted');
    expect(stored.length).toBeGreaterThan(1000);
    for (const event of stored) {
      const person = (event.type === 'LeadConverted' ? event.data.contact : event.data) as Record<string, unknown>;
      expect(person).not.toHaveProperty('firstName');
      // A person without an email keeps `email: null` in the clear: a null says nothing about anyone.
      expect(person.email ?? null).toBeNull();
      expect(person.personal).toMatchObject({ subjectId: expect.any(String), ciphertext: expect.any(String) });
    }
  });
});
