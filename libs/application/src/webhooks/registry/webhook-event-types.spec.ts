import { ValidationError } from '@crm/domain';
import { parseWebhookEventTypes, WEBHOOK_EVENT_TYPES } from './webhook-event-types';

describe("a webhook's event types", () => {
  it("are every type the domain records on an entity's stream, each once", () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual(expect.arrayContaining([
      'LeadCaptured', 'LeadConverted', 'AccountRegistered', 'ContactAdded', 'OpportunityOpened', 'OpportunityWon', 'PipelineDefined', 'PersonErased', 'SuppressionLifted',
    ]));
    expect(new Set(WEBHOOK_EVENT_TYPES).size).toBe(WEBHOOK_EVENT_TYPES.length);
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual(WEBHOOK_EVENT_TYPES);
  });

  it('keep each type once, in the order first given; none is every type', () => {
    expect(parseWebhookEventTypes(['OpportunityWon', 'LeadCaptured', 'OpportunityWon'])).toEqual(['OpportunityWon', 'LeadCaptured']);
    expect(parseWebhookEventTypes([])).toEqual([]);
  });

  it('refuse each unknown type on its own index, all at once', () => {
    const refused = (() => {
      try {
        parseWebhookEventTypes(['leadcaptured', 'LeadCaptured', 'OpportunityWon', 'DropTables', 'x'.repeat(500)]);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields).toEqual([
      { field: 'eventTypes[0]', message: '"leadcaptured" is not an event type this CRM records' },
      { field: 'eventTypes[3]', message: '"DropTables" is not an event type this CRM records' },
      { field: 'eventTypes[4]', message: `"${'x'.repeat(60)}" is not an event type this CRM records` },
    ]);
  });
});
