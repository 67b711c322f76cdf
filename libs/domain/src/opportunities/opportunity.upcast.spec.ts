import { DEFAULT_PIPELINE_ID } from '../pipelines/pipeline.definition';
import { evolveAll } from '../shared/decider';
import { opportunityDecider } from './opportunity.decider';
import type { OpportunityEvent } from './opportunity.events';
import { lost, opened, toProposal, won } from './opportunity.fixtures';
import { upcastOpportunityEvent } from './opportunity.upcast';

/** As stored before there were several pipelines: no pipelineId, no closing stage. */
const without = <E extends OpportunityEvent>(event: E, field: string): E => {
  const data: Record<string, unknown> = { ...event.data };
  delete data[field];
  return { ...event, data } as E;
};

describe('upcastOpportunityEvent', () => {
  it('reads an old OpportunityOpened as opened in the default pipeline', () => {
    expect(upcastOpportunityEvent(without(opened, 'pipelineId'))).toEqual(opened);
    expect(opened.data.pipelineId).toBe(DEFAULT_PIPELINE_ID);
  });

  it('reads an old win as reaching CLOSED_WON, and an old loss CLOSED_LOST', () => {
    expect(upcastOpportunityEvent(without(won, 'stage'))).toEqual(won);
    expect(upcastOpportunityEvent(without(lost, 'stage'))).toEqual(lost);
  });

  it('leaves events of today\'s shape and other types as they are, the same object', () => {
    for (const event of [opened, won, lost, toProposal, { type: 'LeadCaptured', data: { leadId: 'x' } }]) {
      expect(upcastOpportunityEvent(event)).toBe(event);
    }
  });

  it('never touches the event it is given', () => {
    const old = without(opened, 'pipelineId');
    upcastOpportunityEvent(old);
    expect(old.data).not.toHaveProperty('pipelineId');
  });

  it('gives an old history the state today\'s history gives', () => {
    const old = [without(opened, 'pipelineId'), toProposal, without(lost, 'stage')].map(upcastOpportunityEvent);
    expect(evolveAll(opportunityDecider, old)).toEqual(evolveAll(opportunityDecider, [opened, toProposal, lost]));
  });
});
