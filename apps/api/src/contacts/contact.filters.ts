import type { Filter, SortKey } from '@crm/read-models';
import type { ContactFilter, ContactOrder } from './contact.types';

export const contactFilter = (filter: ContactFilter | undefined): Filter => {
  const where: Filter = {};
  if (filter?.accountId) where.accountId = filter.accountId;
  if (filter?.status?.length) where.status = { $in: filter.status };
  // The domain keeps an email's local part as typed; `emailKey` is the whole address lowercased.
  if (filter?.email) where.emailKey = filter.email.trim().toLowerCase();
  if (filter?.search) where.searchText = { $prefix: filter.search.trim().toLowerCase() };
  return where;
};

export const contactSort = (orderBy: ContactOrder | undefined): SortKey[] =>
  orderBy ? [{ field: orderBy.field, direction: orderBy.direction }] : [{ field: 'lastName', direction: 'asc' }];
