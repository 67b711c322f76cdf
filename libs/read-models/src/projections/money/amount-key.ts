/**
 * An exact decimal as a fixed-width string whose text order is its numeric order, so stores sort and
 * range-filter amounts as strings (SQLite's BINARY collation, MongoDB's simple comparison) and no
 * amount ever passes through a float. Minor units as a JSON number are exact only up to 2^53, which
 * amounts of up to 10^15 units in a currency of four decimals exceed.
 *
 * Layout: a sign letter, 18 integer digits, a point, 6 decimals: every decimal the API's `Decimal`
 * scalar accepts (and every amount `Money` does: at most 10^15 units, at most 4 decimals).
 * "12500.00" is `P000000000000012500.000000`. A negative value is `N` followed by the nines'
 * complement of its digits, so a larger magnitude sorts lower; `N` < `P` puts every negative value
 * before zero and the positives. "-0" is zero.
 */
export const AMOUNT_KEY_INTEGER_DIGITS = 18;
export const AMOUNT_KEY_DECIMALS = 6;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const ZEROS = /^0+$/;

const complement = (digits: string): string => {
  let out = '';
  for (let i = 0; i < digits.length; i++) out += String(57 - digits.charCodeAt(i));
  return out;
};

/**
 * The key of a decimal string ("12500.00", "-0.5", "007"), or null when it is no decimal or does not
 * fit 18 integer digits and 6 decimals (leading zeros of the integer part and trailing zeros of the
 * decimals do not count).
 */
export function amountKeyOrNull(decimal: string): string | null {
  const match = DECIMAL.exec(decimal);
  if (match === null) return null;
  const [, sign, whole, fraction = ''] = match;
  const integer = whole.replace(/^0+/, '');
  const decimals = fraction.replace(/0+$/, '');
  if (integer.length > AMOUNT_KEY_INTEGER_DIGITS || decimals.length > AMOUNT_KEY_DECIMALS) return null;
  const digits = integer.padStart(AMOUNT_KEY_INTEGER_DIGITS, '0') + decimals.padEnd(AMOUNT_KEY_DECIMALS, '0');
  const negative = sign === '-' && !ZEROS.test(digits);
  const shown = negative ? complement(digits) : digits;
  return `${negative ? 'N' : 'P'}${shown.slice(0, AMOUNT_KEY_INTEGER_DIGITS)}.${shown.slice(AMOUNT_KEY_INTEGER_DIGITS)}`;
}

/** The key of an amount a document holds (as `Money.format` writes it); throws on anything else. */
export function amountKey(decimal: string): string {
  const key = amountKeyOrNull(decimal);
  if (key === null) throw new RangeError(`not a decimal of at most ${AMOUNT_KEY_INTEGER_DIGITS} digits and ${AMOUNT_KEY_DECIMALS} decimals: ${JSON.stringify(decimal)}`);
  return key;
}
