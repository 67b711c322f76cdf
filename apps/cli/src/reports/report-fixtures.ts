import { Money } from '@crm/domain';
import type { ReportHeading } from './report-heading';
import { MOVEMENT_BUCKET_NAMES, type CurrencyMovement, type MovementBucket, type MovementBucketName } from './report-shapes';

export const SALES = { id: '00000000-0000-4000-8000-000000000001', name: 'Sales' };

export const heading = (overrides: Partial<ReportHeading> = {}): ReportHeading => ({
  pipeline: SALES, ownerId: null, currency: null, closeFrom: null, closeTo: null, ...overrides,
});

/** A bucket whose amount is the sum of its entries' contributions, as PipelineReports makes it. */
export const bucket = (currency: string, entries: Array<[string, bigint]>): MovementBucket => ({
  count: entries.length,
  amount: Money.toJson(Money.ofMinor(entries.reduce((sum, [, minor]) => sum + minor, 0n), currency)),
  entries: entries.map(([opportunityId, amountMinor]) => ({ opportunityId, amountMinor })),
});

export const currencyMovement = (currency: string, given: Partial<Record<MovementBucketName, Array<[string, bigint]>>>): CurrencyMovement => {
  const buckets = Object.fromEntries(MOVEMENT_BUCKET_NAMES.map((name) => [name, bucket(currency, given[name] ?? [])]));
  return { currency, ...buckets } as CurrencyMovement;
};
