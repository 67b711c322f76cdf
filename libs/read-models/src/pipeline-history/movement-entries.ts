import type { MoneyDoc } from '../projections/money';
import type { MovementBucket, MovementEntry } from './movement.types';

/**
 * A bucket's opportunities as they are counted: ids and minor units side by side (a number each;
 * NaN with the exact bigint aside beyond 2^53), made into `MovementEntry` objects only when the
 * bucket's `entries` are first read. A report counts tens of thousands of opportunities into its
 * start and end buckets, and most readers want a count, a sum and one page of them.
 */
export class EntryList {
  private readonly ids: string[] = [];
  private readonly amounts: number[] = [];
  private exact: Map<number, bigint> | null = null;

  get length(): number {
    return this.ids.length;
  }

  push(opportunityId: string, minor: number, exact: bigint | null): void {
    if (Number.isNaN(minor)) (this.exact ??= new Map()).set(this.ids.length, exact!);
    this.ids.push(opportunityId);
    this.amounts.push(minor);
  }

  /** The bucket, its entries in the order pushed, made on first read and kept. */
  bucket(amount: MoneyDoc): MovementBucket {
    let entries: MovementEntry[] | null = null;
    const made = (): MovementEntry[] => this.ids.map((opportunityId, i) => ({ opportunityId, amountMinor: this.exact?.get(i) ?? BigInt(this.amounts[i]) }));
    return {
      count: this.ids.length,
      amount,
      get entries(): MovementEntry[] {
        return (entries ??= made());
      },
    };
  }
}
