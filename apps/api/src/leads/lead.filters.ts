import type { Filter, SortKey } from '@crm/read-models';
import { listSort, searchFilter } from '../shared/search';
import type { LeadFilter, LeadOrder } from './lead.types';

/** GraphQL filter -> read-store filter; every field maps to an indexed field of the leads model. */
export const leadFilter = (filter: LeadFilter | undefined): Filter => {
  const where: Filter = { ...searchFilter(filter?.search) };
  if (filter?.status?.length) where.status = { $in: filter.status };
  if (filter?.source?.length) where.source = { $in: filter.source };
  if (filter?.ownerId) where.ownerId = filter.ownerId;
  if (filter?.capturedFrom || filter?.capturedTo) {
    where.capturedAt = {
      ...(filter.capturedFrom ? { $gte: filter.capturedFrom.toISOString() } : {}),
      ...(filter.capturedTo ? { $lte: filter.capturedTo.toISOString() } : {}),
    };
  }
  return where;
};

export const leadSort = (orderBy: LeadOrder | undefined, filter: LeadFilter | undefined): SortKey[] =>
  listSort(orderBy, filter?.search, [{ field: 'capturedAt', direction: 'desc' }]);
