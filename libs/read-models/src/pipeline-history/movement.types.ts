import type { MoneyDoc } from '../projections/money';

/** The buckets of a movement report, in the order the balance reads them. */
export const MOVEMENT_BUCKETS = ['start', 'created', 'pulledIn', 'increased', 'decreased', 'pushedOut', 'won', 'lost', 'end'] as const;
export type MovementBucketName = (typeof MOVEMENT_BUCKETS)[number];

/** One opportunity's contribution to a bucket (a0, a1 or |a1 - a0|), exact and never negative. */
export type MovementEntry = { opportunityId: string; amountMinor: bigint };

/** `entries` sorted by opportunityId; `count` is their number and `amount` their exact sum. */
export type MovementBucket = { count: number; amount: MoneyDoc; entries: MovementEntry[] };

export type CurrencyMovement = { currency: string } & Record<MovementBucketName, MovementBucket>;

/**
 * Why the pipeline changed between two instants, per currency (sorted by currency). Per currency,
 * exactly: start + created + pulledIn + increased - decreased - pushedOut - won - lost = end.
 */
export type MovementReport = { currencies: CurrencyMovement[] };
