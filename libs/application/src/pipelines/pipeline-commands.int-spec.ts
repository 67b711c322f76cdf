import { randomUUID } from 'node:crypto';
import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID, pipelineStream } from '@crm/domain';
import { collectStream } from '@crm/event-store';
import { CommandFingerprints, FINGERPRINT_KEY } from '../core/command-fingerprint';
import { IdempotencyKeyReusedError } from '../core/idempotency.errors';
import { StreamFacts } from '../core/stream-facts';
import { ChangeOpportunityStageCommand } from '../opportunities/change-opportunity-stage.command';
import { MoveOpportunityToPipelineCommand } from '../opportunities/move-opportunity-to-pipeline.command';
import { OpenOpportunityCommand } from '../opportunities/open-opportunity.command';
import { WinOpportunityCommand } from '../opportunities/win-opportunity.command';
import { startApplication, tempEventStoreFile, testPersonalData, type RunningApplication } from '../testing/application-harness';
import { context } from '../testing/commands';
import { ArchivePipelineCommand } from './archive-pipeline.command';
import { DefinePipelineCommand } from './define-pipeline.command';
import { RevisePipelineCommand } from './revise-pipeline.command';
import { dealAt, RENEWAL_STAGES, renewalsWithAccount } from './testing/pipeline-story';

describe('pipeline commands and the pipeline as a fact', () => {
  const file = tempEventStoreFile();
  let app: RunningApplication;
  let facts: StreamFacts;
  const openIn = (accountId: string, pipelineId?: string) => ({
    opportunityId: randomUUID(), accountId, pipelineId, name: 'Service contract', amount: '2400.00', currency: 'EUR', expectedCloseDate: '2026-03-31',
  });

  beforeAll(async () => {
    app = await startApplication(file.open());
    facts = app.context.get(StreamFacts);
  });
  afterAll(async () => {
    await app.close();
    await app.store.close();
    file.cleanup();
  });

  it('reads a pipeline from its stream: the default one before anyone defined it, none for an unknown or malformed id', async () => {
    const { pipelineId } = await renewalsWithAccount(app.commands);
    expect(await facts.pipeline(pipelineId)).toMatchObject({ pipelineId, name: 'Renewals', archived: false, stages: RENEWAL_STAGES });
    expect(await facts.pipeline(DEFAULT_PIPELINE_ID)).toEqual(DEFAULT_PIPELINE);
    expect(await facts.pipeline(randomUUID())).toBeNull();
    expect(await facts.pipeline('renewals')).toBeNull();
    await expect(app.commands.execute(new DefinePipelineCommand({ pipelineId: DEFAULT_PIPELINE_ID, name: 'Sales', stages: RENEWAL_STAGES }, context())))
      .rejects.toMatchObject({ code: 'RULE_VIOLATION', reason: 'ALREADY_EXISTS' });
  });

  it('fingerprints a definition with sha256, as nothing in it is personal: a reused command id with another input is refused', async () => {
    const pipelineId = randomUUID();
    const input = { pipelineId, name: 'Partners', stages: RENEWAL_STAGES };
    const ctx = context();
    await app.commands.execute(new DefinePipelineCommand(input, ctx));
    const [defined] = await collectStream(app.store, pipelineStream(pipelineId));
    expect(defined.metadata[FINGERPRINT_KEY]).toBe(new CommandFingerprints(testPersonalData().personalData.keys).withLoadedKey(input, null));
    expect(await app.commands.execute(new DefinePipelineCommand(input, ctx))).toMatchObject({ replayed: true });
    await expect(app.commands.execute(new DefinePipelineCommand({ ...input, name: 'Resellers' }, ctx))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('opens at the probability the pipeline gives now, also after the default pipeline\'s first revision', async () => {
    // A store of its own: the other tests rely on the default pipeline as it comes.
    const own = tempEventStoreFile();
    const revised = await startApplication(own.open());
    try {
      const { accountId } = await renewalsWithAccount(revised.commands);
      const before = await revised.commands.execute(new OpenOpportunityCommand(openIn(accountId), context()));
      expect(before.state).toMatchObject({ pipelineId: DEFAULT_PIPELINE_ID, stage: 'PROSPECTING' });
      const stages = DEFAULT_PIPELINE.stages.map((s) => (s.key === 'PROSPECTING' ? { ...s, probability: 5 } : s));
      await revised.commands.execute(new RevisePipelineCommand({ pipelineId: DEFAULT_PIPELINE_ID, stages }, context()));
      const after = openIn(accountId);
      await revised.commands.execute(new OpenOpportunityCommand(after, context()));
      const [opened] = await collectStream(revised.store, `opportunity-${after.opportunityId}`);
      expect(opened.data).toMatchObject({ pipelineId: DEFAULT_PIPELINE_ID, stage: 'PROSPECTING', probability: 5 });
    } finally {
      await revised.close();
      await revised.store.close();
      own.cleanup();
    }
  });

  it('takes no new opportunity into an archived pipeline, while those in it go on to close', async () => {
    const renewals = await renewalsWithAccount(app.commands);
    const deal = await dealAt(app.commands, renewals, 'UPCOMING');
    await app.commands.execute(new ArchivePipelineCommand({ pipelineId: renewals.pipelineId }, context()));
    await expect(app.commands.execute(new OpenOpportunityCommand(openIn(renewals.accountId, renewals.pipelineId), context())))
      .rejects.toMatchObject({ reason: 'PIPELINE_ARCHIVED' });
    await app.commands.execute(new ChangeOpportunityStageCommand({ opportunityId: deal, stage: 'COMMITTED' }, context()));
    const won = await app.commands.execute(new WinOpportunityCommand({ opportunityId: deal }, context()));
    expect(won.state).toMatchObject({ status: 'WON', stage: 'RENEWED' });
    await expect(app.commands.execute(new ArchivePipelineCommand({ pipelineId: DEFAULT_PIPELINE_ID }, context())))
      .rejects.toMatchObject({ reason: 'DEFAULT_PIPELINE_ARCHIVED' });
  });

  it('moves an opportunity into another pipeline, where it is then won at that pipeline\'s WON stage', async () => {
    const renewals = await renewalsWithAccount(app.commands);
    const deal = await dealAt(app.commands, { ...renewals, pipelineId: DEFAULT_PIPELINE_ID }, 'NEGOTIATION');
    const moved = await app.commands.execute(new MoveOpportunityToPipelineCommand({ opportunityId: deal, pipelineId: renewals.pipelineId, stage: 'committed' }, context()));
    expect(moved.state).toMatchObject({ pipelineId: renewals.pipelineId, stage: 'COMMITTED' });
    const [, , event] = await collectStream(app.store, `opportunity-${deal}`);
    expect(event.data).toMatchObject({ fromPipelineId: DEFAULT_PIPELINE_ID, toPipelineId: renewals.pipelineId, from: 'NEGOTIATION', to: 'COMMITTED', probability: 90, previousProbability: 80 });
    await expect(app.commands.execute(new MoveOpportunityToPipelineCommand({ opportunityId: deal, pipelineId: randomUUID() }, context())))
      .rejects.toMatchObject({ reason: 'PIPELINE_NOT_FOUND' });
    const won = await app.commands.execute(new WinOpportunityCommand({ opportunityId: deal }, context()));
    expect(won.state).toMatchObject({ status: 'WON', stage: 'RENEWED', pipelineId: renewals.pipelineId });
  });
});
