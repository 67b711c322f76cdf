import { planFilter, planGroups, planSort } from '../query-plan';
import { keysetAfter } from '../keyset';
import { normalizeIndexes } from '../index-spec';
import { filterToMongo, fromStored, indexToMongo, keysetToMongo, sortToMongo, toStored } from './mongo-query';
import { groupCountsPipeline, groupPagesPipeline, groupsBeyondPipeline } from './mongo-groups';

describe('MongoDB query translation', () => {
  it('maps id to _id on the way in and back on the way out', () => {
    expect(toStored({ id: 'a', n: 1 })).toEqual({ _id: 'a', n: 1 });
    expect(fromStored({ _id: 'a', n: 1 })).toEqual({ id: 'a', n: 1 });
  });

  it('translates every operator, one $and term per operator', () => {
    const filter = planFilter({
      status: 'NEW',
      'owner.id': { $in: ['u1', null] },
      amount: { $gte: 10, $lt: 20 },
      name: { $prefix: 'Ad', $ne: 'Adam' },
      id: { $exists: true },
    });
    expect(filterToMongo(filter)).toEqual({
      $and: [
        { status: { $eq: 'NEW' } },
        { 'owner.id': { $in: ['u1', null] } },
        { amount: { $gte: 10 } },
        { amount: { $lt: 20 } },
        { name: { $gte: 'Ad', $lt: 'Ae' } },
        { name: { $ne: 'Adam' } },
        { _id: { $exists: true } },
      ],
    });
    expect(filterToMongo({ conditions: [], search: null })).toEqual({});
  });

  it('sorts with the id tie-breaker in the last direction', () => {
    expect(sortToMongo(planSort([{ field: 'stage', direction: 'asc' }, { field: 'closeDate', direction: 'desc' }]))).toEqual({ stage: 1, closeDate: -1, _id: -1 });
    expect(Object.keys(sortToMongo(planSort([{ field: 'b', direction: 'asc' }, { field: 'a', direction: 'asc' }])))).toEqual(['b', 'a', '_id']);
  });

  it('continues after a cursor with a bound on the first key and one $or branch per key', () => {
    const sort = planSort([{ field: 'v', direction: 'desc' }]);
    expect(keysetToMongo(keysetAfter(sort, [5, 'k']))).toEqual({
      $and: [
        { $or: [{ v: { $lte: 5 } }, { v: null }] },
        { $or: [{ $and: [{ $or: [{ v: { $lt: 5 } }, { v: null }] }] }, { $and: [{ v: { $eq: 5 } }, { _id: { $lt: 'k' } }] }] },
      ],
    });
    expect(keysetToMongo(keysetAfter(planSort([{ field: 'v', direction: 'asc' }]), [null, 'k']))).toEqual({
      $or: [{ $and: [{ v: { $ne: null } }] }, { $and: [{ v: null }, { _id: { $gt: 'k' } }] }],
    });
  });

  it('includes the cursor item itself for the other flag, and reads a backward page in the reversed order', () => {
    const plan = planGroups({ groupBy: 'accountId', groups: ['a1', 'a2'], sort: [{ field: 'v', direction: 'asc' }], last: 2, before: planCursor() });
    expect(sortToMongo(plan.order)).toEqual({ v: -1, _id: -1 });
    expect(keysetToMongo(plan.beyond!)).toEqual({
      $and: [{ v: { $gte: 5 } }, { $or: [{ $and: [{ v: { $gt: 5 } }] }, { $and: [{ v: { $eq: 5 } }, { _id: { $gte: 'k' } }] }] }],
    });
  });

  it('looks up each group\'s page on its own, sorted and limited inside the lookup', () => {
    const plan = planGroups({ groupBy: 'id', groups: ['a1', 'a2'], filter: { status: 'OPEN' }, sort: [{ field: 'v', direction: 'asc' }], first: 3 });
    expect(groupPagesPipeline('opps', plan)).toEqual([
      { $documents: [{ grp: 'a1' }, { grp: 'a2' }] },
      {
        $lookup: {
          from: 'opps',
          let: { grp: '$grp' },
          pipeline: [
            { $match: { $and: [{ $expr: { $eq: ['$_id', '$$grp'] } }, { $and: [{ status: { $eq: 'OPEN' } }] }] } },
            { $sort: { v: 1, _id: 1 } },
            { $limit: 4 },
            { $project: { _search: 0 } },
          ],
          as: 'page',
        },
      },
    ]);
    expect(groupCountsPipeline(plan)).toEqual([
      { $match: { $and: [{ _id: { $in: ['a1', 'a2'] } }, { $and: [{ status: { $eq: 'OPEN' } }] }] } },
      { $group: { _id: '$_id', n: { $sum: 1 } } },
    ]);
    const after = planGroups({ groupBy: 'accountId', groups: ['a1'], sort: [{ field: 'v', direction: 'asc' }], after: planCursor() });
    const lookup = groupsBeyondPipeline('opps', after, after.beyond!)[1].$lookup;
    expect(lookup.pipeline[0].$match.$and[0]).toEqual({ $expr: { $eq: ['$accountId', '$$grp'] } });
    expect(lookup.pipeline[0].$match.$and[1]).toEqual(keysetToMongo(after.beyond!));
    expect(lookup.pipeline.slice(1)).toEqual([{ $limit: 1 }, { $project: { _id: 1 } }]);
  });

  it('names indexes deterministically and appends _id to non-unique ones', () => {
    const [list, unique] = normalizeIndexes([{ fields: [{ field: 'owner.id' }, { field: 'at', direction: -1 }] }, { fields: [{ field: 'email' }], unique: true }]);
    expect(indexToMongo(list)).toEqual({ name: 'owner.id_1_at_-1', key: { 'owner.id': 1, at: -1, _id: -1 } });
    expect(indexToMongo(unique)).toEqual({ name: 'email_1_unique', key: { email: 1 }, unique: true });
  });
});

/** A cursor at v = 5, id k, for the sort v asc. */
function planCursor(): string {
  return Buffer.from(JSON.stringify({ s: 'v:asc,id:asc', v: [5, 'k'] })).toString('base64url');
}
