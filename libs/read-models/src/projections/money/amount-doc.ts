import type { MoneyJson } from '@crm/domain';
import { currencyUnit, exactAmountOf, percentOfAmount, type CurrencyUnit, type ExactAmount } from './exact-amount';
import type { MoneyDoc } from './money-doc';

/** The MoneyDoc of an exact amount in `unit`'s currency, keys in the order `moneyDoc` writes them. */
export const docOf = (value: ExactAmount, unit: CurrencyUnit): MoneyDoc => ({
  amount: value.amount,
  currency: unit.currency,
  amountMinor: value.amountMinor,
});

/**
 * An event's amount as a MoneyDoc: what `moneyDoc(Money.fromJson(json))` makes, or its validation
 * error. `known` is the entity's stored amount: most events repeat it, and then it is reused as is.
 */
export function amountDoc(json: MoneyJson, known: MoneyDoc | null): MoneyDoc {
  if (known !== null && known.amount === json.amount && known.currency === json.currency) return known;
  const { unit, value } = exactAmountOf(json);
  return docOf(value, unit);
}

/** `Money.multiplyByPercent` on a stored amount (weighted pipeline), as a MoneyDoc. */
export function percentOfDoc(doc: MoneyDoc, percent: number): MoneyDoc {
  const unit = currencyUnit(doc.currency);
  return docOf(percentOfAmount(doc, percent, unit), unit);
}
