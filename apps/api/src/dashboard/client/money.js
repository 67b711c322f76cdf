/** Money as the API gives it: exact decimal strings, one entry per currency, never converted. */

/** The amount in `currency` among `amounts` ("0" when there is none). */
export const amountIn = (amounts, currency) => amounts.find((money) => money.currency === currency)?.amount ?? '0';

/** "12500.00 EUR; 300.00 USD", or "none". */
export const moneyText = (amounts) => (amounts.length ? amounts.map((money) => `${money.amount} ${money.currency}`).join('; ') : 'none');

const decimalsOf = (amount) => (amount.split('.')[1] ?? '').length;

/**
 * Decimal strings as whole numbers of their smallest unit, so that sums and running totals are exact;
 * `toNumber` turns such a number back into the amount, for drawing.
 */
export const minorUnits = (amounts) => {
  const scale = Math.max(0, ...amounts.map(decimalsOf));
  const factor = 10 ** scale;
  const toMinor = (amount) => {
    const [whole, fraction = ''] = amount.split('.');
    return Number(`${whole}${fraction.padEnd(scale, '0')}`);
  };
  return { toMinor, toNumber: (minor) => minor / factor };
};

/** Every currency that occurs in `lists` of Money, sorted. */
export const currenciesIn = (lists) => [...new Set(lists.flat().map((money) => money.currency))].sort();
