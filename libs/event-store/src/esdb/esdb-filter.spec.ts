import { EVENT_TYPE, STREAM_NAME, type RegexFilter } from '@eventstore/db-client';
import { isSystemEvent, isWanted, matchesFilter, serverFilter } from './esdb-filter';

describe('EventStoreDB server-side filter', () => {
  it('excludes system events when nothing is asked for', () => {
    for (const filter of [undefined, {}, { categories: [], eventTypes: [] }]) {
      expect(serverFilter(filter)).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    }
  });

  it('filters categories as stream-name prefixes ending in the dash', () => {
    expect(serverFilter({ categories: ['lead', 'account'] })).toMatchObject({
      filterOn: STREAM_NAME,
      prefixes: ['lead-', 'account-'],
    });
  });

  it('prefers categories when both are given (the server takes one filter; types are checked on the client)', () => {
    expect(serverFilter({ categories: ['lead'], eventTypes: ['Opened'] })).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['lead-'] });
  });

  it('filters exact event types with an anchored, escaped regex', () => {
    const filter = serverFilter({ eventTypes: ['Lead.Captured', 'Closed'] }) as RegexFilter;
    expect(filter).toMatchObject({ filterOn: EVENT_TYPE, regex: '^(Lead\\.Captured|Closed)$' });
    const regex = new RegExp(filter.regex);
    expect(['Lead.Captured', 'Closed'].every((t) => regex.test(t))).toBe(true);
    expect(['LeadxCaptured', 'ClosedLead', 'NotClosed', '$>'].some((t) => regex.test(t))).toBe(false);
  });
});

describe('EventStoreDB client-side filter', () => {
  it('treats $-streams and $-types as system events', () => {
    expect(isSystemEvent({ streamId: '$users', type: 'UserCreated' })).toBe(true);
    expect(isSystemEvent({ streamId: '$ce-lead', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'lead-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'lead-1', type: 'LeadCaptured' })).toBe(false);
  });

  it('matches the category exactly, not as a prefix of a longer one', () => {
    expect(matchesFilter({ streamId: 'lead-1', type: 'X' }, { categories: ['lead'] })).toBe(true);
    expect(matchesFilter({ streamId: 'leads-1', type: 'X' }, { categories: ['lead'] })).toBe(false);
    expect(matchesFilter({ streamId: 'a-b-c', type: 'X' }, { categories: ['a-b'] })).toBe(false);
  });

  it('applies categories and types together, and an empty list as no filter', () => {
    const filter = { categories: ['lead', 'account'], eventTypes: ['Opened'] };
    expect(matchesFilter({ streamId: 'account-1', type: 'Opened' }, filter)).toBe(true);
    expect(matchesFilter({ streamId: 'account-1', type: 'Closed' }, filter)).toBe(false);
    expect(matchesFilter({ streamId: 'contact-1', type: 'Opened' }, filter)).toBe(false);
    expect(matchesFilter({ streamId: 'contact-1', type: 'Opened' }, { categories: [] })).toBe(true);
  });

  it('never lets a system event through, whatever the filter', () => {
    expect(isWanted({ streamId: '$ce-lead', type: '$>' }, undefined)).toBe(false);
    expect(isWanted({ streamId: 'lead-1', type: '$>' }, { categories: ['lead'] })).toBe(false);
    expect(isWanted({ streamId: 'lead-1', type: 'Opened' }, { categories: ['lead'] })).toBe(true);
  });
});
