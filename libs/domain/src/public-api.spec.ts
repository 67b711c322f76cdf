import * as domain from '@crm/domain';
import * as testing from './testing';

describe('the public entry @crm/domain', () => {
  it('exposes the five deciders', () => {
    for (const decider of [domain.leadDecider, domain.accountDecider, domain.contactDecider, domain.opportunityDecider, domain.pipelineDecider]) {
      expect(decider.initialState()).toEqual({ status: 'Unknown' });
    }
  });

  it('exposes the enums of the GraphQL contract as objects', () => {
    expect(Object.keys(domain.LeadSource)).toEqual(['WEB_FORM', 'EVENT', 'LINKEDIN', 'REFERRAL', 'IMPORT', 'OUTBOUND', 'OTHER']);
    expect(Object.keys(domain.OpportunityStage)).toEqual([...domain.OPPORTUNITY_STAGES]);
    expect(domain.STAGE_PROBABILITY).toEqual({ PROSPECTING: 10, QUALIFICATION: 20, PROPOSAL: 50, NEGOTIATION: 80, CLOSED_WON: 100, CLOSED_LOST: 0 });
    expect(domain.StreamType.OPPORTUNITY).toBe('OPPORTUNITY');
  });

  it('knows every event type and its stream', () => {
    const all = [
      ...domain.LEAD_EVENT_TYPES, ...domain.ACCOUNT_EVENT_TYPES, ...domain.CONTACT_EVENT_TYPES, ...domain.OPPORTUNITY_EVENT_TYPES, ...domain.PIPELINE_EVENT_TYPES,
    ];
    expect(all).toHaveLength(31);
    expect(all.every((type) => domain.isDomainEvent({ type }))).toBe(true);
    expect(domain.streamTypeOfEvent({ type: 'ContactMoved' })).toBe('CONTACT');
    expect(domain.streamTypeOfEvent({ type: 'PipelineRevised' })).toBe('PIPELINE');
    expect(domain.streamTypeOfEvent({ type: 'OpportunityMovedToPipeline' })).toBe('OPPORTUNITY');
    expect(domain.streamTypeOfEvent({ type: 'PersonErased', data: { contactId: 'c' } })).toBe('CONTACT');
    expect(domain.streamTypeOfEvent({ type: 'PersonErased', data: { leadId: 'l' } })).toBe('LEAD');
    expect(domain.streamTypeOfEvent({ type: 'toString' })).toBeNull();
  });

  it('keeps the test helper out of the runtime entry', () => {
    expect('given' in domain).toBe(false);
    expect(typeof testing.given).toBe('function');
  });
});

describe('rule reasons', () => {
  it('lists each reason once', () => {
    expect(new Set(domain.RULE_REASONS).size).toBe(domain.RULE_REASONS.length);
  });
});
