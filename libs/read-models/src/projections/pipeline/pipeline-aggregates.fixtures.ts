import { DEFAULT_PIPELINE_ID } from '@crm/domain';
import { EventLog, type LoggedEvent } from '../testing/event-log.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import type { PipelineDoc } from './pipeline-aggregate';
import { PIPELINE, pipelineProjection } from './pipeline.projection';

export const runPipeline = (events: LoggedEvent[]) => new ProjectionTestKit(pipelineProjection).run(new EventLog().recordAll(events));

/** An aggregate's id: `aggregateIn(pipelineId, 'stage', 'PROSPECTING', 'EUR')`. */
export const aggregateIn = (pipelineId: string, grain: string, ...slot: string[]): string => [grain, pipelineId, ...slot].join('|');

/** An aggregate's id in the default pipeline. */
export const sales = (grain: string, ...slot: string[]): string => aggregateIn(DEFAULT_PIPELINE_ID, grain, ...slot);

/** count and amount of the aggregates that hold anything, by id. */
export function held(kit: ProjectionTestKit): Record<string, string> {
  const docs = kit.docs<PipelineDoc>(PIPELINE).filter((doc) => doc.count !== 0);
  return Object.fromEntries(docs.map((doc) => [doc.id, `${doc.count} ${doc.amount}`]));
}

/** The four aggregates of one slot of a pipeline, each holding `value`. */
export const atFourGrains = (pipelineId: string, stage: string, owner: string, month: string, currency: string, value: string): Record<string, string> => ({
  [aggregateIn(pipelineId, 'stage', stage, currency)]: value,
  [aggregateIn(pipelineId, 'stage_owner', stage, owner, currency)]: value,
  [aggregateIn(pipelineId, 'stage_month', stage, month, currency)]: value,
  [aggregateIn(pipelineId, 'stage_owner_month', stage, owner, month, currency)]: value,
});
