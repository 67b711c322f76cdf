import { Money, type MoneyJson } from '@crm/domain';

/**
 * Money as documents store it: the exact decimal string and its currency, plus the minor units as a
 * JSON number so stores can sort and range-filter on it. `amountMinor` is exact only while it is a
 * safe integer (up to 2^53); sums use it only then and `amount` beyond (see exact-amount.ts).
 */
export type MoneyDoc = { amount: string; currency: string; amountMinor: number };

export const moneyDoc = (money: Money): MoneyDoc => ({
  amount: Money.format(money),
  currency: money.currency,
  amountMinor: Number(money.amountMinor),
});

export const moneyOf = (json: MoneyJson): Money => Money.fromJson({ amount: json.amount, currency: json.currency });

/** Adds `money` times `sign` into a per-currency list; zero totals drop out so lists show only held currencies. */
export function addToTotals(totals: readonly MoneyDoc[], money: Money, sign: 1 | -1 = 1): MoneyDoc[] {
  const signed = sign === 1 ? money : { ...money, amountMinor: -money.amountMinor };
  const current = totals.find((total) => total.currency === money.currency);
  const others = totals.filter((total) => total.currency !== money.currency);
  const sum = current === undefined ? signed : Money.add(moneyOf(current), signed);
  const next = sum.amountMinor === 0n ? others : [...others, moneyDoc(sum)];
  return next.sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/** One exact total per currency, sorted by currency. */
export const sumByCurrency = (items: readonly Money[]): MoneyDoc[] =>
  items.reduce<MoneyDoc[]>((totals, item) => addToTotals(totals, item), []);
