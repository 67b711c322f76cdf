import { planFind } from '../query-plan';
import { RELEVANCE } from '../read-store.port';
import { normalizeSearchFields } from '../search/search-fields';
import { filterToMongo, fromStored, sortToMongo, toStored } from './mongo-query';
import { relevanceToMongo, touchesSearch } from './mongo-search';

const spec = normalizeSearchFields({ firstName: 2, lastName: 2, email: 1 });

describe('MongoDB search translation', () => {
  it('stores a searchable document with its words and weights, and returns it without them', () => {
    const doc = { id: 'a', firstName: 'Anne', lastName: 'de Vries', email: 'anne@acme.nl' };
    const stored = toStored(doc, spec);
    expect(stored).toEqual({ _id: 'a', firstName: 'Anne', lastName: 'de Vries', email: 'anne@acme.nl', _search: [
      { w: 'anne', k: 2 }, { w: 'de', k: 2 }, { w: 'vries', k: 2 }, { w: 'acme', k: 1 }, { w: 'nl', k: 1 },
    ] });
    expect(fromStored({ ...stored, _relevance: 4 })).toEqual(doc);
  });

  it('asks one index range of one word per asked word, beside the other conditions', () => {
    const plan = planFind({ filter: { status: 'NEW', $search: 'Anne@ACME' } });
    expect(filterToMongo(plan)).toEqual({ $and: [
      { status: { $eq: 'NEW' } },
      { _search: { $elemMatch: { w: { $gte: 'anne', $lt: 'annf' } } } },
      { _search: { $elemMatch: { w: { $gte: 'acme', $lt: 'acmf' } } } },
    ] });
  });

  it('sorts by the score it adds to each found document, then by id', () => {
    expect(sortToMongo(planFind({ filter: { $search: 'x' }, sort: [{ field: RELEVANCE, direction: 'desc' }] }).sort)).toEqual({ _relevance: -1, _id: -1 });
  });

  it('scores each asked word by its best match, as literals, and sums them', () => {
    const score = relevanceToMongo(['zoë', 'de']);
    expect(score.$add).toHaveLength(2);
    expect(JSON.stringify(score.$add[0])).toContain('{"$substrCP":["$$e.w",0,3]},{"$literal":"zoë"}');
    expect(relevanceToMongo([])).toEqual({ $literal: 0 });
  });

  it('knows which patches change the words', () => {
    expect(touchesSearch(['status'], spec)).toBe(false);
    expect(touchesSearch(['lastName'], spec)).toBe(true);
    expect(touchesSearch(['email.domain'], normalizeSearchFields({ email: 1 }))).toBe(true);
    expect(touchesSearch(['company'], normalizeSearchFields({ 'company.name': 1 }))).toBe(true);
  });
});
