import type { PipelineDefinition } from '../pipelines/pipeline.definition';
import { parseStageKey } from '../pipelines/pipeline.stages';
import { EntityId } from '../shared/ids';
import { parseFields } from '../shared/validation';
import type { ChangeOpportunityStage, MoveOpportunityToPipeline } from './opportunity.commands';
import type { OpportunityEvent } from './opportunity.events';
import { firstStageOf, openStageIn, probabilityIn, requireActivePipeline, requirePipelineOf } from './opportunity.pipeline';
import { requireOpen } from './opportunity.rules';
import type { ExistingOpportunity, OpenOpportunityState } from './opportunity.state';

function stageChanged(current: OpenOpportunityState, pipeline: PipelineDefinition, to: string, probability: number): OpportunityEvent[] {
  if (to === current.stage) return [];
  const { opportunityId, accountId, stage: from } = current;
  const probabilities = { probability, previousProbability: probabilityIn(pipeline, from) };
  return [{ type: 'OpportunityStageChanged', data: { opportunityId, accountId, from, to, ...probabilities } }];
}

/**
 * To an OPEN stage of the opportunity's pipeline as it is now. With `ifAtStage` and `ifInPipeline`
 * (a pipeline revision moving the opportunities of a removed stage) nothing happens unless the
 * opportunity is open and still at that stage of that pipeline, so the move can be sent again,
 * late, or after the user moved it, also into another pipeline that has a stage of that key.
 */
export function changeStage(opportunity: ExistingOpportunity, data: ChangeOpportunityStage['data']): OpportunityEvent[] {
  if (data.ifAtStage != null) {
    const at = parseStageKey(data.ifAtStage, 'ifAtStage');
    if (opportunity.status !== 'OPEN' || opportunity.stage !== at) return [];
  }
  if (data.ifInPipeline != null) {
    const pipelineId = EntityId.parse(data.ifInPipeline, 'ifInPipeline');
    if (opportunity.status !== 'OPEN' || opportunity.pipelineId !== pipelineId) return [];
  }
  const current = requireOpen(opportunity);
  const pipeline = requirePipelineOf(current.pipelineId, data.pipeline);
  const to = openStageIn(pipeline, data.stage);
  return stageChanged(current, pipeline, to.key, to.probability);
}

/**
 * Into another pipeline at one of its OPEN stages; within its own pipeline this is a stage change.
 * Only an open opportunity moves: a closed one keeps the stage it closed in.
 */
export function moveToPipeline(opportunity: ExistingOpportunity, data: MoveOpportunityToPipeline['data']): OpportunityEvent[] {
  const current = requireOpen(opportunity);
  const { pipelineId, stage } = parseFields({
    pipelineId: () => EntityId.parse(data.pipelineId, 'pipelineId'),
    stage: () => (data.stage == null ? null : parseStageKey(data.stage, 'stage')),
  });
  if (pipelineId === current.pipelineId) {
    // Already there: without a stage it stays where it is rather than going back to the first.
    if (stage === null) return [];
    const pipeline = requirePipelineOf(current.pipelineId, data.pipeline);
    const to = openStageIn(pipeline, stage);
    return stageChanged(current, pipeline, to.key, to.probability);
  }
  const target = requireActivePipeline(pipelineId, data.pipeline);
  const from = requirePipelineOf(current.pipelineId, data.currentPipeline);
  const to = stage === null ? firstStageOf(target, 'OPEN') : openStageIn(target, stage);
  const { opportunityId, accountId } = current;
  const moved = {
    opportunityId,
    accountId,
    fromPipelineId: current.pipelineId,
    toPipelineId: target.pipelineId,
    from: current.stage,
    to: to.key,
    probability: to.probability,
    previousProbability: probabilityIn(from, current.stage),
  };
  return [{ type: 'OpportunityMovedToPipeline', data: moved }];
}
