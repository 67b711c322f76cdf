/**
 * What `crm report` prints: PipelineReports' answers as the pipeline-history contract shapes them.
 * Amounts are MoneyDocs (exact decimal string per currency); a movement entry's contribution is in
 * exact minor units.
 */
export type ReportMoney = { amount: string; currency: string };

export const MOVEMENT_BUCKET_NAMES = ['start', 'created', 'pulledIn', 'increased', 'decreased', 'pushedOut', 'won', 'lost', 'end'] as const;
export type MovementBucketName = (typeof MOVEMENT_BUCKET_NAMES)[number];
export type MovementEntry = { opportunityId: string; amountMinor: bigint };
export type MovementBucket = { count: number; amount: ReportMoney; entries: readonly MovementEntry[] };
export type CurrencyMovement = { currency: string } & Record<MovementBucketName, MovementBucket>;
export type MovementReport = { currencies: readonly CurrencyMovement[] };

export type ForecastRow = {
  period: string;
  category: string;
  count: number;
  amounts: readonly ReportMoney[];
  weightedAmounts: readonly ReportMoney[];
  won: readonly ReportMoney[];
};
