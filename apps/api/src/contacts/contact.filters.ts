import type { Filter, SortKey } from '@crm/read-models';
import { listSort, searchFilter } from '../shared/search';
import type { ContactFilter, ContactOrder } from './contact.types';

export const contactFilter = (filter: ContactFilter | undefined): Filter => {
  const where: Filter = { ...searchFilter(filter?.search) };
  if (filter?.accountId) where.accountId = filter.accountId;
  if (filter?.status?.length) where.status = { $in: filter.status };
  // The domain keeps an email's local part as typed; `emailKey` is the whole address lowercased.
  if (filter?.email) where.emailKey = filter.email.trim().toLowerCase();
  return where;
};

export const contactSort = (orderBy: ContactOrder | undefined, filter: ContactFilter | undefined): SortKey[] =>
  listSort(orderBy, filter?.search, [{ field: 'lastName', direction: 'asc' }]);
