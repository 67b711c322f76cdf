import { DEFAULT_PIPELINE, type OpportunityEvent, type PipelineDefinition } from '@crm/domain';
import { PARTNERS, RENEWALS, probabilityIn } from '../testing/pipeline-events.fixtures';

/**
 * Where each of the default pipeline's stages lands in the other test pipelines. PARTNERS has fewer
 * open stages, so two default stages share one there, and two LOST stages (`lostIn` picks one).
 */
const LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [DEFAULT_PIPELINE.pipelineId]: {},
  [RENEWALS.pipelineId]: {
    PROSPECTING: 'DUE', QUALIFICATION: 'CONTACTED', PROPOSAL: 'QUOTED', NEGOTIATION: 'AGREED', CLOSED_WON: 'RENEWED', CLOSED_LOST: 'CHURNED',
  },
  [PARTNERS.pipelineId]: {
    PROSPECTING: 'SOURCED', QUALIFICATION: 'SOURCED', PROPOSAL: 'REGISTERED', NEGOTIATION: 'REGISTERED', CLOSED_WON: 'SIGNED', CLOSED_LOST: 'PARTNER_LOST',
  },
};

/** A default pipeline stage key as `pipeline` calls it; `alternateLost` picks PARTNERS' other LOST stage. */
export function labelIn(pipeline: PipelineDefinition, key: string, alternateLost = false): string {
  if (alternateLost && pipeline === PARTNERS && key === 'CLOSED_LOST') return 'NO_DECISION';
  return LABELS[pipeline.pipelineId][key] ?? key;
}

/**
 * An event the default pipeline's decider made, told in `pipeline`'s stage keys and probabilities:
 * the same history of an opportunity that is in that pipeline. Null when the stage change it tells
 * is no change there (two default stages that are one stage of `pipeline`).
 */
export function relabelled(event: OpportunityEvent, pipeline: PipelineDefinition, alternateLost: boolean): OpportunityEvent | null {
  const label = (key: string): string => labelIn(pipeline, key, alternateLost);
  const chance = (key: string): number => probabilityIn(pipeline, label(key));
  switch (event.type) {
    case 'OpportunityOpened':
      return { ...event, data: { ...event.data, pipelineId: pipeline.pipelineId, stage: label(event.data.stage), probability: chance(event.data.stage) } };
    case 'OpportunityStageChanged': {
      const { from, to } = event.data;
      if (label(from) === label(to)) return null;
      return { ...event, data: { ...event.data, from: label(from), to: label(to), probability: chance(to), previousProbability: chance(from) } };
    }
    case 'OpportunityWon':
    case 'OpportunityLost':
      return { ...event, data: { ...event.data, fromStage: label(event.data.fromStage), stage: label(event.data.stage) } } as OpportunityEvent;
    case 'OpportunityReopened':
      return { ...event, data: { ...event.data, from: label(event.data.from), to: label(event.data.to), probability: chance(event.data.to) } };
    default:
      return event;
  }
}
