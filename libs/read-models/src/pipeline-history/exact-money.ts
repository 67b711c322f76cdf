import { currencyUnit, formatMinor } from '../projections/money/exact-amount';
import type { MoneyDoc } from '../projections/money';
import type { PipelineColumns } from './pipeline-columns';

/**
 * Exact minor units as a MoneyDoc, written as `Money.format` writes them with the currency's own
 * minor unit (JPY 12500, EUR 12500.00, BHD 12.500); `amountMinor` is exact up to 2^53, as in every
 * MoneyDoc, and the string is exact always.
 */
export function moneyDocOfMinor(minor: bigint, currency: string): MoneyDoc {
  const unit = currencyUnit(currency);
  return { amount: formatMinor(minor, unit.digits), currency: unit.currency, amountMinor: Number(minor) };
}

/** Totals by currency as MoneyDocs sorted by currency, as the pipeline lists them. */
export function moneyDocsByCurrency(totals: ReadonlyMap<string, bigint>): MoneyDoc[] {
  return [...totals.keys()].sort().map((currency) => moneyDocOfMinor(totals.get(currency)!, currency));
}

/**
 * A sum of non-negative minor units, exact: in a number while it stays a safe integer (every
 * partial sum of non-negative terms is at most the total, so all of them were exact), in a bigint
 * from the first term that would pass 2^53 or is not a safe number itself (NaN).
 */
export class ExactSum {
  private small = 0;
  private big: bigint | null = null;

  /** Adds the amount of version `i` of the columns. */
  addVersion(columns: PipelineColumns, i: number): void {
    this.add(columns.amount[i], columns, i);
  }

  /** Adds `minor`, a safe integer, or NaN for the exact amount of version `i` of the columns. */
  add(minor: number, columns: PipelineColumns, i: number): void {
    if (this.big === null) {
      const sum = this.small + minor;
      if (sum <= Number.MAX_SAFE_INTEGER) {
        this.small = sum;
        return;
      }
      this.big = BigInt(this.small);
    }
    this.big += Number.isNaN(minor) ? columns.exact(i) : BigInt(minor);
  }

  addExact(minor: bigint): void {
    if (this.big === null && minor <= BigInt(Number.MAX_SAFE_INTEGER - this.small)) this.small += Number(minor);
    else this.big = (this.big ?? BigInt(this.small)) + minor;
  }

  get value(): bigint {
    return this.big ?? BigInt(this.small);
  }
}
