import { Currency, ValidationError } from '@crm/domain';
import { amountKeyOrNull, type FieldFilter, type Filter, type SortKey } from '@crm/read-models';
import { listSort, searchFilter } from '../shared/search';
import { OpportunityOrderField, type OpportunityFilter, type OpportunityOrder } from './opportunity.types';

/** A bound as the key documents hold (amount-key.ts), so it compares as the exact decimal it is. */
const amountBound = (amount: string, field: string): string => {
  const key = amountKeyOrNull(amount);
  if (key === null) throw ValidationError.field(field, 'must be a decimal of at most 18 digits and 6 decimals');
  return key;
};

/**
 * Amount ranges compare within one currency, so they need it. A bound may have more decimals than the
 * currency (9.505 EUR starts above 9.50) and may be negative (no amount is): it still compares exactly.
 */
const amountRange = (filter: OpportunityFilter): FieldFilter | undefined => {
  if (!filter.minAmount && !filter.maxAmount) return undefined;
  if (!filter.currency) throw ValidationError.field('filter.currency', 'is required with minAmount or maxAmount');
  Currency.parse(filter.currency, 'filter.currency');
  return {
    ...(filter.minAmount ? { $gte: amountBound(filter.minAmount, 'filter.minAmount') } : {}),
    ...(filter.maxAmount ? { $lte: amountBound(filter.maxAmount, 'filter.maxAmount') } : {}),
  };
};

export const opportunityFilter = (filter: OpportunityFilter | undefined): Filter => {
  const where: Filter = { ...searchFilter(filter?.search) };
  if (!filter) return where;
  if (filter.status?.length) where.status = { $in: filter.status };
  if (filter.pipelineId?.length) where.pipelineId = { $in: filter.pipelineId.map((id) => id.toLowerCase()) };
  if (filter.stage?.length) where.stage = { $in: filter.stage.map((key) => key.trim().toUpperCase()) };
  if (filter.ownerId) where.ownerId = filter.ownerId;
  if (filter.accountId) where.accountId = filter.accountId;
  if (filter.currency) where.currency = filter.currency.toUpperCase();
  if (filter.closeFrom || filter.closeTo) {
    where.expectedCloseDate = { ...(filter.closeFrom ? { $gte: filter.closeFrom } : {}), ...(filter.closeTo ? { $lte: filter.closeTo } : {}) };
  }
  const amount = amountRange(filter);
  if (amount) where.amountKey = amount;
  return where;
};

/**
 * Amounts only compare within a currency: ordering by amount orders by currency first, then by the
 * exact amount, both in the requested direction (one index serves both directions). Any other order
 * is the list's usual one (best matches first when searched, see listSort).
 */
export const opportunitySort = (orderBy: OpportunityOrder | undefined, filter: OpportunityFilter | undefined): SortKey[] => {
  if (orderBy?.field === OpportunityOrderField.AMOUNT) {
    const { direction } = orderBy;
    return [{ field: 'currency', direction }, { field: 'amountKey', direction }];
  }
  return listSort(orderBy, filter?.search, [{ field: 'expectedCloseDate', direction: 'asc' }]);
};
