import type { MoneyDoc } from '../projections/money';
import type { MovementBucket, MovementEntry } from './movement.types';
import type { Scratch, ScratchPool } from './scratch';

/**
 * A bucket's ids and amounts are copied into plain arrays of at most 4,096: a start or end bucket holds
 * tens of thousands, and one array that large (or a typed copy, whose memory lies outside the heap and
 * hastens full collections) would be allocated where only a full collection frees it, request after
 * request. The ids are taken now: the columns may take in new opportunities, and shift, before the
 * entries are read.
 */
const CHUNK_BITS = 12;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/** `list` copied now in chunks, each value through `read` (the scratch list is lent again by the next report). */
function chunksOf<T>(list: Scratch, read: (value: number) => T): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < list.length; start += CHUNK_MASK + 1) {
    const chunk = new Array<T>(Math.min(CHUNK_MASK + 1, list.length - start));
    for (let i = 0; i < chunk.length; i++) chunk[i] = read(list.at(start + i));
    chunks.push(chunk);
  }
  return chunks;
}

/**
 * A bucket's opportunities while they are counted: their column indexes and minor units (NaN with
 * the exact bigint aside beyond 2^53) in scratch lists, copied out at the end into arrays of the
 * exact size, and made into `MovementEntry` objects only when the bucket's `entries` are first read.
 * A report counts tens of thousands of opportunities into its start and end buckets, and most
 * readers want a count, a sum and one page of them.
 */
export class EntryList {
  private readonly opportunities: Scratch | null;
  private readonly amounts: Scratch | null;
  private exact: Map<number, bigint> | null = null;
  private counted = 0;

  /** Without a pool, only counts: for a report that shows no bucket's opportunities. */
  constructor(pool: ScratchPool | null) {
    this.opportunities = pool?.take() ?? null;
    this.amounts = pool?.take() ?? null;
  }

  push(k: number, minor: number, exact: bigint | null): void {
    this.counted++;
    if (this.opportunities === null || this.amounts === null) return;
    if (Number.isNaN(minor)) (this.exact ??= new Map()).set(this.amounts.length, exact!);
    this.opportunities.push(k);
    this.amounts.push(minor);
  }

  /** The bucket, its entries in the order pushed, with ids of the columns the indexes are of. */
  bucket(amount: MoneyDoc, opportunityIds: readonly string[]): MovementBucket {
    const count = this.counted;
    if (this.opportunities === null || this.amounts === null) {
      return {
        count,
        amount,
        get entries(): MovementEntry[] {
          throw new Error('This movement was computed without its entries');
        },
      };
    }
    const ids = chunksOf(this.opportunities, (k) => opportunityIds[k]);
    const amounts = chunksOf(this.amounts, (minor) => minor);
    const exact = this.exact;
    let entries: MovementEntry[] | null = null;
    const made = (): MovementEntry[] =>
      Array.from({ length: count }, (_, i) => ({ opportunityId: ids[i >> CHUNK_BITS][i & CHUNK_MASK], amountMinor: exact?.get(i) ?? BigInt(amounts[i >> CHUNK_BITS][i & CHUNK_MASK]) }));
    return {
      count,
      amount,
      get entries(): MovementEntry[] {
        return (entries ??= made());
      },
    };
  }
}
