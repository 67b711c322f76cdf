import { pipelineStream } from '@crm/domain';
import { collectStream, type EventStore, type NewEvent } from '@crm/event-store';
import { ChangeOpportunityStageCommand } from '../opportunities/change-opportunity-stage.command';
import { startApplication, tempEventStoreFile } from '../testing/application-harness';
import { context } from '../testing/commands';
import { RevisePipelineCommand } from './revise-pipeline.command';
import { dealAt, lastEventOf, renewalsWithAccount, WITHOUT_CONVERSATION } from './testing/pipeline-story';

/**
 * A stage change decided against the pipeline as it was, and stored only after a revision removed
 * that stage and its run had looked for opportunities to move: the writer's check afterwards moves it.
 */
describe('a stage change that lands just after a revision removed its stage', () => {
  it('is moved where the revision says, by the writer that made it', async () => {
    const file = tempEventStoreFile();
    const stored = file.open();
    const reviser = await startApplication(stored);
    const renewals = await renewalsWithAccount(reviser.commands);
    const deal = await dealAt(reviser.commands, renewals, 'UPCOMING');
    let revisedFirst = false;
    // The writer's append waits until the revision (and its run) is done: it was decided before, stored after.
    const late: EventStore = Object.assign(Object.create(stored) as EventStore, {
      appendToStream: async (stream: string, events: readonly NewEvent[], expected: Parameters<EventStore['appendToStream']>[2]) => {
        if (!revisedFirst && events.some((event) => event.type === 'OpportunityStageChanged' && event.data.to === 'IN_CONVERSATION')) {
          revisedFirst = true;
          const revised = await reviser.commands.execute(new RevisePipelineCommand({ pipelineId: renewals.pipelineId, ...WITHOUT_CONVERSATION }, context()));
          expect(revised.moves.moved).toBe(0);
        }
        return stored.appendToStream(stream, events, expected);
      },
    });
    const writer = await startApplication(late);
    try {
      await writer.commands.execute(new ChangeOpportunityStageCommand({ opportunityId: deal, stage: 'IN_CONVERSATION' }, context()));
      expect(revisedFirst).toBe(true);
      const [revised] = (await collectStream(stored, pipelineStream(renewals.pipelineId))).filter((event) => event.type === 'PipelineRevised');
      expect(await lastEventOf(writer.store, deal)).toMatchObject({
        type: 'OpportunityStageChanged',
        data: { from: 'IN_CONVERSATION', to: 'COMMITTED' },
        metadata: { causationId: revised.id },
      });
    } finally {
      await writer.close();
      await reviser.close();
      await stored.close();
      file.cleanup();
    }
  });
});
