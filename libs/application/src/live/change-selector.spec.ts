import { randomUUID } from 'node:crypto';
import { ValidationError } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import { logFilterOf, selectorOf } from './change-selector';
import { entityChangeOf } from './entity-change';

const recorded = (streamName: string): RecordedEvent => ({
  id: randomUUID(), type: 'LeadQualified', data: {}, streamName, revision: 3, position: 42n, recordedAt: new Date(),
  metadata: { actor: 'rep-1', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), occurredAt: '2025-03-01T10:00:00.000Z' },
});

describe('an event becomes an entity change', () => {
  it('when its stream is a lead, account, contact, opportunity or pipeline', () => {
    const id = randomUUID();
    expect(entityChangeOf(recorded(`lead-${id}`))).toEqual({
      type: 'LEAD', id, revision: 3, position: 42n, eventType: 'LeadQualified', occurredAt: '2025-03-01T10:00:00.000Z',
    });
    expect(entityChangeOf(recorded(`pipeline-${id}`))?.type).toBe('PIPELINE');
  });

  it('and not when it belongs to any other stream', () => {
    expect(entityChangeOf(recorded(`webhook-${randomUUID()}`))).toBeNull();
    expect(entityChangeOf(recorded('lead-not-a-uuid'))).toBeNull();
  });
});

describe('a change filter', () => {
  it('takes absent or empty lists as any, and ids in lower case', () => {
    const id = randomUUID();
    expect(selectorOf({})).toEqual({ ids: null, types: null });
    expect(selectorOf({ ids: [], types: [] })).toEqual({ ids: null, types: null });
    expect(selectorOf({ ids: [id.toUpperCase()], types: ['LEAD'] })).toEqual({ ids: new Set([id]), types: new Set(['LEAD']) });
  });

  it('names every id and type it refuses', () => {
    const refused = (() => {
      try {
        selectorOf({ ids: [randomUUID(), 'nope'], types: ['LEAD', 'WEBHOOK' as never] });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields.map((f) => f.field)).toEqual(['filter.ids[1]', 'filter.types[1]']);
  });

  it('reads only its types\' categories of the log when it names types', () => {
    expect(logFilterOf(selectorOf({ types: ['LEAD', 'OPPORTUNITY'] }))).toEqual({ categories: ['lead', 'opportunity'] });
    expect(logFilterOf(selectorOf({ ids: [randomUUID()] }))).toBeUndefined();
  });
});
