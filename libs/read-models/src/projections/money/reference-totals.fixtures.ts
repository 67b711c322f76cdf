import { Money } from '@crm/domain';
import { moneyDoc, moneyOf, type MoneyDoc } from './money-doc';

/**
 * Per-currency totals computed the slow, plainly exact way, through `Money` on every step: what specs
 * check the fast totals (currency-totals.ts) and the projections' sums against.
 */

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
