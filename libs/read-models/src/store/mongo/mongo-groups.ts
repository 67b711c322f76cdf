import type { Document } from 'mongodb';
import type { QueryPlan } from '../query-plan';
import type { Keyset } from '../keyset';
import { filterToMongo, keysetToMongo, mongoField, sortToMongo, STORED_ONLY } from './mongo-query';

/** A page per group: `find`'s plan (without a search: planGroups refuses one), plus the field naming the groups and the groups wanted. */
export type GroupPlan = QueryPlan & { groupBy: string; groups: string[] };

const and = (...terms: Document[]): Document => {
  const kept = terms.filter((term) => Object.keys(term).length > 0);
  return kept.length === 0 ? {} : kept.length === 1 ? kept[0] : { $and: kept };
};

/**
 * One database-level aggregation for every group's page: a document per wanted group, each looking up
 * its own page with `$sort` and `$limit` inside the lookup, so each group reads one index range of
 * `size + 1` documents (an equality in `$expr` is served by an index since MongoDB 5.0).
 */
export function groupPagesPipeline(collection: string, plan: GroupPlan): Document[] {
  return [
    { $documents: plan.groups.map((grp) => ({ grp })) },
    {
      $lookup: {
        from: collection,
        let: { grp: '$grp' },
        pipeline: [
          { $match: and(inGroup(plan.groupBy), filterToMongo(plan), ...plan.bounds.map(keysetToMongo)) },
          { $sort: sortToMongo(plan.order) },
          { $limit: plan.size + 1 },
          { $project: STORED_ONLY },
        ],
        as: 'page',
      },
    },
  ];
}

/** The size of each group's whole filtered set, in one grouped count. */
export function groupCountsPipeline(plan: GroupPlan): Document[] {
  const field = mongoField(plan.groupBy);
  return [
    { $match: and({ [field]: { $in: plan.groups } }, filterToMongo(plan)) },
    { $group: { _id: `$${field}`, n: { $sum: 1 } } },
  ];
}

/** The groups with an item at or beyond the page's starting cursor: at most one document per group. */
export function groupsBeyondPipeline(collection: string, plan: GroupPlan, beyond: Keyset): Document[] {
  return [
    { $documents: plan.groups.map((grp) => ({ grp })) },
    {
      $lookup: {
        from: collection,
        let: { grp: '$grp' },
        pipeline: [{ $match: and(inGroup(plan.groupBy), filterToMongo(plan), keysetToMongo(beyond)) }, { $limit: 1 }, { $project: { _id: 1 } }],
        as: 'beyond',
      },
    },
    { $match: { 'beyond.0': { $exists: true } } },
    { $project: { _id: 0, grp: 1 } },
  ];
}

const inGroup = (groupBy: string): Document => ({ $expr: { $eq: [`$${mongoField(groupBy)}`, '$$grp'] } });
