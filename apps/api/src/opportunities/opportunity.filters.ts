import { Money, ValidationError } from '@crm/domain';
import type { FieldFilter, Filter, SortKey } from '@crm/read-models';
import { listSort, searchFilter } from '../shared/search';
import type { OpportunityFilter, OpportunityOrder } from './opportunity.types';

/** Amount ranges compare minor units, which only mean something within one currency. */
const amountRange = (filter: OpportunityFilter): FieldFilter | undefined => {
  if (!filter.minAmount && !filter.maxAmount) return undefined;
  if (!filter.currency) throw ValidationError.field('filter.currency', 'is required with minAmount or maxAmount');
  const minor = (amount: string, field: string): number => Number(Money.parse(amount, filter.currency!, field).amountMinor);
  return {
    ...(filter.minAmount ? { $gte: minor(filter.minAmount, 'filter.minAmount') } : {}),
    ...(filter.maxAmount ? { $lte: minor(filter.maxAmount, 'filter.maxAmount') } : {}),
  };
};

export const opportunityFilter = (filter: OpportunityFilter | undefined): Filter => {
  const where: Filter = { ...searchFilter(filter?.search) };
  if (!filter) return where;
  if (filter.status?.length) where.status = { $in: filter.status };
  if (filter.stage?.length) where.stage = { $in: filter.stage };
  if (filter.ownerId) where.ownerId = filter.ownerId;
  if (filter.accountId) where.accountId = filter.accountId;
  if (filter.currency) where.currency = filter.currency.toUpperCase();
  if (filter.closeFrom || filter.closeTo) {
    where.expectedCloseDate = { ...(filter.closeFrom ? { $gte: filter.closeFrom } : {}), ...(filter.closeTo ? { $lte: filter.closeTo } : {}) };
  }
  const amount = amountRange(filter);
  if (amount) where.amountMinor = amount;
  return where;
};

export const opportunitySort = (orderBy: OpportunityOrder | undefined, filter: OpportunityFilter | undefined): SortKey[] =>
  listSort(orderBy, filter?.search, [{ field: 'expectedCloseDate', direction: 'asc' }]);
