export { moneyDoc, moneyOf, type MoneyDoc } from './money-doc';
export { currencyUnit, exactAmountOf, percentOfAmount, shiftedAmount, zeroAmount, type CurrencyUnit, type ExactAmount } from './exact-amount';
export { amountDoc, percentOfDoc } from './amount-doc';
export { shiftTotals } from './currency-totals';
export { amountKey, amountKeyOrNull } from './amount-key';
