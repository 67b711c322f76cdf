import { ValidationError } from '@crm/domain';
import { RELEVANCE } from '@crm/read-models';
import { listSort, searchFilter } from './search';

describe('list search arguments', () => {
  const usual = [{ field: 'capturedAt', direction: 'desc' as const }];

  it('orders a search by relevance, the usual order breaking ties, unless the client chose an order', () => {
    expect(listSort(undefined, 'vries', usual)).toEqual([{ field: RELEVANCE, direction: 'desc' }, ...usual]);
    expect(listSort({ field: 'lastName', direction: 'asc' }, 'vries', usual)).toEqual([{ field: 'lastName', direction: 'asc' }]);
    expect(listSort(undefined, undefined, usual)).toEqual(usual);
    expect(listSort(null, '', usual)).toEqual(usual);
  });

  it('hands the text to the store as typed, and refuses more words than a search may hold', () => {
    expect(searchFilter('Anne@ACME')).toEqual({ $search: 'Anne@ACME' });
    expect(searchFilter('')).toEqual({});
    expect(searchFilter(null)).toEqual({});
    const tooMany = Array.from({ length: 17 }, (_, i) => `w${i}`).join(' ');
    expect(() => searchFilter(tooMany)).toThrow(ValidationError);
    expect(() => searchFilter(`${tooMany.split(' ').slice(0, 16).join(' ')} w1 w2 w3`)).not.toThrow();
  });
});
