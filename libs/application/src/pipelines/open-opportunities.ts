import type { OpportunityEvent } from '@crm/domain';
import type { EventStore } from '@crm/event-store';

/** The events that take an opportunity into or out of a pipeline, to a stage, or open and closed. */
const PLACING_EVENTS: readonly OpportunityEvent['type'][] = [
  'OpportunityOpened',
  'OpportunityStageChanged',
  'OpportunityWon',
  'OpportunityLost',
  'OpportunityReopened',
  'OpportunityMovedToPipeline',
];

export interface PlacedOpportunity {
  opportunityId: string;
  stage: string;
}

type Place = { stage: string; open: boolean };

function place(places: Map<string, Place>, pipelineId: string, event: OpportunityEvent): void {
  const id = event.data.opportunityId;
  const known = places.get(id);
  switch (event.type) {
    case 'OpportunityOpened':
      if (event.data.pipelineId === pipelineId) places.set(id, { stage: event.data.stage, open: true });
      return;
    case 'OpportunityMovedToPipeline':
      if (event.data.toPipelineId === pipelineId) places.set(id, { stage: event.data.to, open: true });
      else places.delete(id);
      return;
    case 'OpportunityStageChanged':
    case 'OpportunityReopened':
      if (known) places.set(id, { stage: event.data.to, open: true });
      return;
    case 'OpportunityWon':
    case 'OpportunityLost':
      if (known) places.set(id, { stage: event.data.stage, open: false });
      return;
    default:
      return;
  }
}

/**
 * The open opportunities of a pipeline that are at one of `stages`, as the log holds them now (read
 * to its head). Read from the log rather than the opportunities read model: the log cannot lag, be
 * rebuilding, or have parked an event, so no opportunity recorded before this read is missed, and
 * it needs no read store in the process that runs it. Only the pipeline's own opportunities are kept.
 */
export async function openOpportunitiesAt(store: EventStore, pipelineId: string, stages: readonly string[]): Promise<PlacedOpportunity[]> {
  const places = new Map<string, Place>();
  for await (const event of store.readAll({ filter: { categories: ['opportunity'], eventTypes: [...PLACING_EVENTS] } })) {
    place(places, pipelineId, event as unknown as OpportunityEvent);
  }
  const found: PlacedOpportunity[] = [];
  for (const [opportunityId, { stage, open }] of places) if (open && stages.includes(stage)) found.push({ opportunityId, stage });
  return found;
}
