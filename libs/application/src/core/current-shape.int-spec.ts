import { randomUUID } from 'node:crypto';
import { DEFAULT_PIPELINE_ID, opportunityStream } from '@crm/domain';
import { collectStream, genesisHash, type EventStore, type JsonObject, type RecordedEvent } from '@crm/event-store';
import { Projector, SqliteReadStore } from '@crm/read-models';
import { verifyChains } from '../audit/chain-verifier';
import { RegisterAccountCommand } from '../accounts/register-account.command';
import { HistoryService } from '../history/history.service';
import { ReadModelsAsOf } from '../history/read-models-as-of';
import { ReopenOpportunityCommand } from '../opportunities/reopen-opportunity.command';
import { startApplication, tempEventStoreFile, type RunningApplication } from '../testing/application-harness';
import { context } from '../testing/commands';
import { chainEvents, toNewEvents } from './aggregate-store';

const WON_AT = new Date('2025-02-10T09:00:00Z');
const amount = { amount: '5000.00', currency: 'EUR' };

/** A won deal as stored before there were several pipelines: no pipelineId, no closing stage. */
const oldDeal = (opportunityId: string, accountId: string): { type: string; data: JsonObject }[] => [
  {
    type: 'OpportunityOpened',
    data: { opportunityId, accountId, name: 'Ovens', amount, expectedCloseDate: '2025-06-30', ownerId: 'rep-1', stage: 'PROSPECTING', probability: 10, primaryContactId: null },
  },
  { type: 'OpportunityStageChanged', data: { opportunityId, accountId, from: 'PROSPECTING', to: 'PROPOSAL', probability: 50, previousProbability: 10 } },
  { type: 'OpportunityWon', data: { opportunityId, accountId, amount, fromStage: 'PROPOSAL', ownerId: 'rep-1' } },
];

/** The deal's three events as `events` serves them (a subscription is left once it served them). */
const dealIn = async (events: AsyncIterable<RecordedEvent>, stream: string): Promise<RecordedEvent[]> => {
  const found: RecordedEvent[] = [];
  for await (const event of events) {
    if (event.streamName === stream) found.push(event);
    if (found.length === 3) break;
  }
  return found;
};

describe('events stored before there were several pipelines', () => {
  const file = tempEventStoreFile();
  const accountId = randomUUID();
  let app: RunningApplication;
  let stored: EventStore;

  /** Writes an old deal's bytes straight into the store, chained as the write path chains. */
  const writeOldDeal = async (): Promise<string> => {
    const opportunityId = randomUUID();
    const stream = opportunityStream(opportunityId);
    const events = toNewEvents(oldDeal(opportunityId, accountId), stream, context(), WON_AT, null);
    await stored.appendToStream(stream, chainEvents(events, genesisHash(stream), null), 'no_stream');
    return opportunityId;
  };

  beforeAll(async () => {
    stored = file.open();
    app = await startApplication(stored);
    await app.commands.execute(new RegisterAccountCommand({ accountId, name: 'Bakkerij Jansen', kind: 'COMPANY' }, context({ occurredAt: new Date('2025-01-05T09:00:00Z') })));
  });
  afterAll(async () => {
    await app.close();
    await stored.close();
    file.cleanup();
  });

  it('reads them in today\'s shape from a stream, the log and a live subscription, and keeps their stored bytes', async () => {
    const id = await writeOldDeal();
    const stream = opportunityStream(id);
    const expectCurrent = (events: RecordedEvent[]) => {
      expect(events.map((e) => e.type)).toEqual(['OpportunityOpened', 'OpportunityStageChanged', 'OpportunityWon']);
      expect(events[0].data).toMatchObject({ pipelineId: DEFAULT_PIPELINE_ID, stage: 'PROSPECTING' });
      expect(events[2].data).toMatchObject({ stage: 'CLOSED_WON', fromStage: 'PROPOSAL' });
    };
    expectCurrent(await collectStream(app.store, stream));
    expectCurrent(await dealIn(app.store.readAll({ filter: { categories: ['opportunity'] } }), stream));
    const subscription = app.store.subscribeToAll({ filter: { categories: ['opportunity'] } });
    try {
      expectCurrent(await dealIn(subscription, stream));
    } finally {
      await subscription.close();
    }
    const raw = await collectStream(stored, stream);
    expect(raw.map((e) => e.data)).toEqual(oldDeal(id, accountId).map((e) => e.data));
  });

  it('decides on them as today: a reopened old win goes back to the stage it was won from, in the default pipeline', async () => {
    const id = await writeOldDeal();
    const outcome = await app.commands.execute(new ReopenOpportunityCommand({ opportunityId: id }, context()));
    expect(outcome.state).toMatchObject({ status: 'OPEN', pipelineId: DEFAULT_PIPELINE_ID, stage: 'PROPOSAL' });
    const [, , , reopened] = await collectStream(app.store, opportunityStream(id));
    expect(reopened.data).toMatchObject({ from: 'CLOSED_WON', to: 'PROPOSAL', probability: 50 });
  });

  it('shows them so in history, as of an instant and in the projections', async () => {
    const id = await writeOldDeal();
    const history = new HistoryService(app.store);
    const asOf = await history.stateAsOf('OPPORTUNITY', id, '2025-03-01T00:00:00Z');
    expect(asOf?.state).toMatchObject({ status: 'WON', pipelineId: DEFAULT_PIPELINE_ID, stage: 'CLOSED_WON', closedFromStage: 'PROPOSAL' });
    const doc = await new ReadModelsAsOf(history).opportunity(id, new Date('2025-03-01T00:00:00Z'));
    expect(doc).toMatchObject({ pipelineId: DEFAULT_PIPELINE_ID, stage: 'CLOSED_WON', status: 'WON' });
    const readStore = new SqliteReadStore({ filename: ':memory:' });
    const projector = new Projector(app.store, readStore, { log: () => undefined });
    try {
      await projector.start();
      expect(await projector.readModels.waitForPosition((await app.store.headPosition())!, ['opportunities'], 10_000)).toBe(true);
      const live = await readStore.get(await projector.readModels.collectionFor('opportunities'), id);
      expect(live).toMatchObject({ pipelineId: DEFAULT_PIPELINE_ID, stage: 'CLOSED_WON' });
    } finally {
      await projector.stop();
      await readStore.close();
    }
  });

  it('leaves every hash chain intact: the audit checks the stored bytes', async () => {
    await writeOldDeal();
    const id = await writeOldDeal();
    await app.commands.execute(new ReopenOpportunityCommand({ opportunityId: id }, context()));
    expect(await verifyChains(stored, { gaplessPositions: true })).toMatchObject({ breakCount: 0 });
  });
});
