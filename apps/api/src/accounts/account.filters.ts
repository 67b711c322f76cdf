import type { Filter, SortKey } from '@crm/read-models';
import { listSort, searchFilter } from '../shared/search';
import type { AccountFilter, AccountOrder } from './account.types';

export const accountFilter = (filter: AccountFilter | undefined): Filter => {
  const where: Filter = { ...searchFilter(filter?.search) };
  if (filter?.kind?.length) where.kind = { $in: filter.kind };
  if (filter?.ownerId) where.ownerId = filter.ownerId;
  if (filter?.singleThreaded !== undefined && filter.singleThreaded !== null) where.singleThreaded = filter.singleThreaded;
  if (filter?.parentAccountId) where.parentAccountId = filter.parentAccountId;
  return where;
};

export const accountSort = (orderBy: AccountOrder | undefined, filter: AccountFilter | undefined): SortKey[] =>
  listSort(orderBy, filter?.search, [{ field: 'name', direction: 'asc' }]);
