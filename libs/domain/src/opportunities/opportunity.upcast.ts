import { DEFAULT_PIPELINE_ID } from '../pipelines/pipeline.definition';

type EventShape = { type: string; data: Record<string, unknown> };

/**
 * Events written before there were several pipelines, read in today's shape: every opportunity was
 * in the default pipeline, and closing reached its CLOSED_WON or CLOSED_LOST stage. Stored events
 * never change; this runs on the way out, and returns the same object when there is nothing to add.
 */
export function upcastOpportunityEvent<E extends EventShape>(event: E): E {
  switch (event.type) {
    case 'OpportunityOpened':
      return event.data.pipelineId === undefined ? { ...event, data: { ...event.data, pipelineId: DEFAULT_PIPELINE_ID } } : event;
    case 'OpportunityWon':
      return event.data.stage === undefined ? { ...event, data: { ...event.data, stage: 'CLOSED_WON' } } : event;
    case 'OpportunityLost':
      return event.data.stage === undefined ? { ...event, data: { ...event.data, stage: 'CLOSED_LOST' } } : event;
    default:
      return event;
  }
}
