import { randomUUID } from 'node:crypto';
import { DEFAULT_PIPELINE_ID, pipelineStream } from '@crm/domain';
import { collectStream, type RecordedEvent } from '@crm/event-store';
import { deterministicUuid } from '../core/event-ids';
import { LoseOpportunityCommand } from '../opportunities/lose-opportunity.command';
import { MoveOpportunityToPipelineCommand } from '../opportunities/move-opportunity-to-pipeline.command';
import { OpenOpportunityCommand } from '../opportunities/open-opportunity.command';
import { ReopenOpportunityCommand } from '../opportunities/reopen-opportunity.command';
import { faultyEventStore, InjectedCrash } from '../testing/faulty-event-store';
import { MemoryCheckpoints, startApplication, tempEventStoreFile, type RunningApplication } from '../testing/application-harness';
import { context } from '../testing/commands';
import { PipelineRevisionProcess } from './pipeline-revision.process';
import { PipelineRevisionRunner } from './pipeline-revision.runner';
import { RevisePipelineCommand } from './revise-pipeline.command';
import { dealAt, lastEventOf, readLog, renewalsWithAccount, WITHOUT_CONVERSATION } from './testing/pipeline-story';

const revisionOf = async (app: RunningApplication, pipelineId: string): Promise<RecordedEvent> => {
  const revised = (await collectStream(app.store, pipelineStream(pipelineId))).filter((event) => event.type === 'PipelineRevised');
  expect(revised).toHaveLength(1);
  return revised[0];
};

/** The opportunity's last event is the revision's move from IN_CONVERSATION to COMMITTED, caused by it, under the derived command id. */
const expectMovedBy = async (app: RunningApplication, revised: RecordedEvent, opportunityId: string): Promise<void> => {
  const moved = await lastEventOf(app.store, opportunityId);
  expect(moved).toMatchObject({
    type: 'OpportunityStageChanged',
    data: { from: 'IN_CONVERSATION', to: 'COMMITTED', probability: 90, previousProbability: 0 },
    metadata: { causationId: revised.id, commandId: deterministicUuid(revised.id, opportunityId), occurredAt: revised.metadata.occurredAt },
  });
};

describe('a pipeline revision moves the open opportunities of the stages it removes', () => {
  const file = tempEventStoreFile();
  let app: RunningApplication;

  beforeAll(async () => {
    app = await startApplication(file.open());
  });
  afterAll(async () => {
    await app.close();
    await app.store.close();
    file.cleanup();
  });

  it('moves every open one, each by OpportunityStageChanged caused by the revision, and no other', async () => {
    const renewals = await renewalsWithAccount(app.commands);
    const talking = [await dealAt(app.commands, renewals, 'IN_CONVERSATION'), await dealAt(app.commands, renewals, 'IN_CONVERSATION')];
    const upcoming = await dealAt(app.commands, renewals, 'UPCOMING');
    const lost = await dealAt(app.commands, renewals, 'IN_CONVERSATION');
    await app.commands.execute(new LoseOpportunityCommand({ opportunityId: lost, reason: 'PRICE' }, context()));
    const movedIn = await dealAt(app.commands, { ...renewals, pipelineId: DEFAULT_PIPELINE_ID }, 'PROPOSAL');
    await app.commands.execute(new MoveOpportunityToPipelineCommand({ opportunityId: movedIn, pipelineId: renewals.pipelineId, stage: 'IN_CONVERSATION' }, context()));
    const movedOut = await dealAt(app.commands, renewals, 'IN_CONVERSATION');
    await app.commands.execute(new MoveOpportunityToPipelineCommand({ opportunityId: movedOut, pipelineId: DEFAULT_PIPELINE_ID }, context()));
    const untouched = await Promise.all([upcoming, lost, movedOut].map(async (id) => (await lastEventOf(app.store, id)).id));

    const outcome = await app.commands.execute(new RevisePipelineCommand({ pipelineId: renewals.pipelineId, ...WITHOUT_CONVERSATION }, context()));

    const revised = await revisionOf(app, renewals.pipelineId);
    expect(outcome.moves).toMatchObject({ moved: 3, refused: [] });
    for (const id of [...talking, movedIn]) await expectMovedBy(app, revised, id);
    expect(await Promise.all([upcoming, lost, movedOut].map(async (id) => (await lastEventOf(app.store, id)).id))).toEqual(untouched);
    // The stage it was lost from is gone: reopening takes it to the pipeline's first open stage.
    const reopened = await app.commands.execute(new ReopenOpportunityCommand({ opportunityId: lost }, context()));
    expect(reopened.state).toMatchObject({ status: 'OPEN', stage: 'UPCOMING' });
  });

  it('writes nothing new when run again, by the request, the process or the runner', async () => {
    const renewals = await renewalsWithAccount(app.commands);
    await dealAt(app.commands, renewals, 'IN_CONVERSATION');
    const ctx = context();
    await app.commands.execute(new RevisePipelineCommand({ pipelineId: renewals.pipelineId, ...WITHOUT_CONVERSATION }, ctx));
    const head = await app.store.headPosition();

    const retried = await app.commands.execute(new RevisePipelineCommand({ pipelineId: renewals.pipelineId, ...WITHOUT_CONVERSATION }, ctx));
    expect(retried).toMatchObject({ replayed: true, moves: { moved: 0 } });
    expect(await app.context.get(PipelineRevisionProcess).complete(await revisionOf(app, renewals.pipelineId))).toMatchObject({ moved: 0 });
    await app.context.get(PipelineRevisionRunner).catchUp();
    expect(await app.store.headPosition()).toBe(head);
  });

  it('opens nothing at a removed stage afterwards', async () => {
    const renewals = await renewalsWithAccount(app.commands);
    await app.commands.execute(new RevisePipelineCommand({ pipelineId: renewals.pipelineId, ...WITHOUT_CONVERSATION }, context()));
    const open = { opportunityId: randomUUID(), accountId: renewals.accountId, pipelineId: renewals.pipelineId, name: 'Late', amount: '1.00', currency: 'EUR', expectedCloseDate: '2026-06-30', stage: 'IN_CONVERSATION' };
    await expect(app.commands.execute(new OpenOpportunityCommand(open, context()))).rejects.toMatchObject({ reason: 'STAGE_NOT_IN_PIPELINE' });
  });
});

describe('a revision whose request dies after PipelineRevised was appended', () => {
  it.each([
    ['right after the revision', 1, 'after', 2],
    ['before one of its moves', 2, 'before', 1],
  ] as const)('is completed by the runner when the process restarts (%s)', async (_, crashAt, when, stillLeft) => {
    const file = tempEventStoreFile();
    const store = file.open();
    const checkpoints = new MemoryCheckpoints();
    try {
      const setup = await startApplication(store, checkpoints);
      const renewals = await renewalsWithAccount(setup.commands);
      const deals = [await dealAt(setup.commands, renewals, 'IN_CONVERSATION'), await dealAt(setup.commands, renewals, 'IN_CONVERSATION')];
      await setup.close();

      const crashing = await startApplication(faultyEventStore(store, crashAt, when), checkpoints);
      const revise = new RevisePipelineCommand({ pipelineId: renewals.pipelineId, ...WITHOUT_CONVERSATION }, context());
      await expect(crashing.commands.execute(revise)).rejects.toBeInstanceOf(InjectedCrash);
      await crashing.close();
      const left = (await Promise.all(deals.map((id) => lastEventOf(store, id)))).filter((event) => event.data.to === 'IN_CONVERSATION');
      expect(left).toHaveLength(stillLeft);

      const restarted = await startApplication(store, checkpoints);
      expect(await restarted.context.get(PipelineRevisionRunner).catchUp()).toBe(1);
      const revised = await revisionOf(restarted, renewals.pipelineId);
      for (const id of deals) await expectMovedBy(restarted, revised, id);
      const log = await readLog(store);
      expect(log.filter((event) => event.metadata.causationId === revised.id)).toHaveLength(2);
      await restarted.close();
    } finally {
      await store.close();
      file.cleanup();
    }
  });
});
