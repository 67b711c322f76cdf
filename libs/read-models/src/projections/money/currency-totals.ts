import { currencyUnit, shiftedAmount, zeroAmount } from './exact-amount';
import { docOf } from './amount-doc';
import type { MoneyDoc } from './money-doc';

/**
 * Exact per-currency totals as documents list them: one MoneyDoc per currency, sorted by currency,
 * zero totals left out. Sums run on exact amounts (exact-amount.ts), so no money is parsed or
 * formatted through `Money`. A total may exceed what one event's amount may be, so it is never
 * re-validated.
 */

/** `totals` with `add` added to and `remove` taken from the total of `currency`, the currency of both. */
function shiftCurrency(totals: MoneyDoc[], currency: string, add: MoneyDoc | null, remove: MoneyDoc | null): MoneyDoc[] {
  const cancels = add !== null && remove !== null ? add.amount === remove.amount : (add ?? remove)?.amountMinor === 0;
  if (cancels) return totals;
  let at = 0;
  while (at < totals.length && totals[at].currency < currency) at++;
  const held = at < totals.length && totals[at].currency === currency ? totals[at] : null;
  const next = totals.slice();
  // A new currency's total is the added document itself: no need to format it again.
  if (held === null && remove === null && add !== null) {
    next.splice(at, 0, add);
    return next;
  }
  const unit = currencyUnit(currency);
  const sum = shiftedAmount(held ?? zeroAmount(unit), add, remove, unit);
  const replaced = held === null ? 0 : 1;
  if (sum.amountMinor === 0) next.splice(at, replaced);
  else next.splice(at, replaced, docOf(sum, unit));
  return next;
}

/**
 * `totals` with `out` taken away and `into` added (either may be null). The same array when nothing
 * changes, so callers can tell a no-op by identity. One currency on both sides nets out first.
 */
export function shiftTotals(totals: MoneyDoc[], out: MoneyDoc | null, into: MoneyDoc | null): MoneyDoc[] {
  if (out !== null && into !== null && out.currency === into.currency) return shiftCurrency(totals, into.currency, into, out);
  let next = totals;
  if (out !== null) next = shiftCurrency(next, out.currency, null, out);
  if (into !== null) next = shiftCurrency(next, into.currency, into, null);
  return next;
}
