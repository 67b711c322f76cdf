import type { MoneyDoc } from '../projections/money';
import type { MovementBucket, MovementEntry } from './movement.types';
import type { Scratch, ScratchPool } from './scratch';

/**
 * A bucket's opportunities while they are counted: their column indexes and minor units (NaN with
 * the exact bigint aside beyond 2^53) in scratch lists, copied out at the end into arrays of the
 * exact size, and made into `MovementEntry` objects only when the bucket's `entries` are first read.
 * A report counts tens of thousands of opportunities into its start and end buckets, and most
 * readers want a count, a sum and one page of them.
 */
export class EntryList {
  private readonly opportunities: Scratch;
  private readonly amounts: Scratch;
  private exact: Map<number, bigint> | null = null;

  constructor(pool: ScratchPool) {
    this.opportunities = pool.take();
    this.amounts = pool.take();
  }

  push(k: number, minor: number, exact: bigint | null): void {
    if (Number.isNaN(minor)) (this.exact ??= new Map()).set(this.amounts.length, exact!);
    this.opportunities.push(k);
    this.amounts.push(minor);
  }

  /** The bucket, its entries in the order pushed, with ids of the columns the indexes are of. */
  bucket(amount: MoneyDoc, opportunityIds: readonly string[]): MovementBucket {
    const count = this.opportunities.length;
    const ids = new Array<string>(count);
    for (let i = 0; i < count; i++) ids[i] = opportunityIds[this.opportunities.at(i)];
    const amounts = this.amounts.view().slice();
    const exact = this.exact;
    let entries: MovementEntry[] | null = null;
    const made = (): MovementEntry[] => ids.map((opportunityId, i) => ({ opportunityId, amountMinor: exact?.get(i) ?? BigInt(amounts[i]) }));
    return {
      count,
      amount,
      get entries(): MovementEntry[] {
        return (entries ??= made());
      },
    };
  }
}
