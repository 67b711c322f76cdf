import { Money } from '@crm/domain';
import type { ReportHeading } from '../reports/report-heading';
import { MOVEMENT_BUCKETS, type CurrencyMovement, type MovementBucket, type MovementBucketName } from '@crm/read-models';

export const SALES = { id: '00000000-0000-4000-8000-000000000001', name: 'Sales' };

export const heading = (overrides: Partial<ReportHeading> = {}): ReportHeading => ({
  pipeline: SALES, ownerId: null, currency: null, closeFrom: null, closeTo: null, ...overrides,
});

/** Money as documents hold it, from exact minor units. */
export const moneyDoc = (amountMinor: bigint, currency: string) => ({ ...Money.toJson(Money.ofMinor(amountMinor, currency)), amountMinor: Number(amountMinor) });

/** A bucket whose amount is the sum of its entries' contributions, as PipelineReports makes it. */
export const bucket = (currency: string, entries: Array<[string, bigint]>): MovementBucket => ({
  count: entries.length,
  amount: moneyDoc(entries.reduce((sum, [, minor]) => sum + minor, 0n), currency),
  entries: entries.map(([opportunityId, amountMinor]) => ({ opportunityId, amountMinor })),
});

export const currencyMovement = (currency: string, given: Partial<Record<MovementBucketName, Array<[string, bigint]>>>): CurrencyMovement => {
  const buckets = Object.fromEntries(MOVEMENT_BUCKETS.map((name) => [name, bucket(currency, given[name] ?? [])]));
  return { currency, ...buckets } as CurrencyMovement;
};
