import type { Filter, SortKey } from '@crm/read-models';
import type { LeadFilter, LeadOrder } from './lead.types';

/** GraphQL filter -> read-store filter; every field maps to an indexed field of the leads model. */
export const leadFilter = (filter: LeadFilter | undefined): Filter => {
  const where: Filter = {};
  if (filter?.status?.length) where.status = { $in: filter.status };
  if (filter?.source?.length) where.source = { $in: filter.source };
  if (filter?.ownerId) where.ownerId = filter.ownerId;
  if (filter?.search) where.searchText = { $prefix: filter.search.trim().toLowerCase() };
  if (filter?.capturedFrom || filter?.capturedTo) {
    where.capturedAt = {
      ...(filter.capturedFrom ? { $gte: filter.capturedFrom.toISOString() } : {}),
      ...(filter.capturedTo ? { $lte: filter.capturedTo.toISOString() } : {}),
    };
  }
  return where;
};

export const leadSort = (orderBy: LeadOrder | undefined): SortKey[] =>
  orderBy ? [{ field: orderBy.field, direction: orderBy.direction }] : [{ field: 'capturedAt', direction: 'desc' }];
