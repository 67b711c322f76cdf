import { Money, type MoneyJson } from '@crm/domain';

/**
 * Money as documents store it: the exact decimal string and its currency, plus the minor units as a
 * JSON number so stores can sort and range-filter on it. `amountMinor` is exact only while it is a
 * safe integer (up to 2^53); sums use it only then and `amount` beyond (see exact-amount.ts). The key
 * order is part of the stored bytes: every MoneyDoc is written amount, currency, amountMinor.
 */
export type MoneyDoc = { amount: string; currency: string; amountMinor: number };

export const moneyDoc = (money: Money): MoneyDoc => ({
  amount: Money.format(money),
  currency: money.currency,
  amountMinor: Number(money.amountMinor),
});

export const moneyOf = (json: MoneyJson): Money => Money.fromJson({ amount: json.amount, currency: json.currency });
