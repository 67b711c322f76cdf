import { currencyUnit, formatMinor } from '../projections/money/exact-amount';
import type { MoneyDoc } from '../projections/money';

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
