import type { Filter, SortKey } from '@crm/read-models';
import type { AccountFilter, AccountOrder } from './account.types';

export const accountFilter = (filter: AccountFilter | undefined): Filter => {
  const where: Filter = {};
  if (filter?.kind?.length) where.kind = { $in: filter.kind };
  if (filter?.ownerId) where.ownerId = filter.ownerId;
  if (filter?.singleThreaded !== undefined && filter.singleThreaded !== null) where.singleThreaded = filter.singleThreaded;
  if (filter?.parentAccountId) where.parentAccountId = filter.parentAccountId;
  if (filter?.search) where.searchText = { $prefix: filter.search.trim().toLowerCase() };
  return where;
};

export const accountSort = (orderBy: AccountOrder | undefined): SortKey[] =>
  orderBy ? [{ field: orderBy.field, direction: orderBy.direction }] : [{ field: 'name', direction: 'asc' }];
