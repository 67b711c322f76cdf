import { Currency, MAX_MAJOR_UNITS, Money, type MoneyJson } from '@crm/domain';

/**
 * An exact amount as documents hold it: the decimal string `Money.format` writes and its minor units
 * as a JSON number. Arithmetic runs on the number while every term is a safe integer (then it is
 * exact) and on bigints read from the strings beyond that, so sums stay exact without parsing and
 * formatting money on every event. A MoneyDoc is one, with its currency beside it.
 */
export type ExactAmount = { readonly amount: string; readonly amountMinor: number };

/** A currency code as `Currency.parse` returns it, with its minor-unit digits (EUR 2, JPY 0). */
export type CurrencyUnit = { readonly currency: string; readonly digits: number; readonly maxMinor: number };

const isSafe = Number.isSafeInteger;

/** One per code, made once: projections look the currency up on almost every event. */
const UNITS = new Map<string, CurrencyUnit>();

/** The unit of a code `Currency.parse` accepts, in any spelling; throws its validation error otherwise. */
export function currencyUnit(raw: string): CurrencyUnit {
  const known = UNITS.get(raw);
  if (known !== undefined) return known;
  const currency = Currency.parse(raw);
  const digits = Currency.minorDigits(currency);
  const unit = UNITS.get(currency) ?? { currency, digits, maxMinor: Number(MAX_MAJOR_UNITS) * 10 ** digits };
  // Only the canonical spelling is kept, so odd spellings in events cannot grow the map.
  UNITS.set(currency, unit);
  return unit;
}

/** What `Money.format` writes for these minor units; a number must be a safe integer. */
export function formatMinor(minor: number | bigint, digits: number): string {
  const text = String(minor);
  if (digits === 0) return text;
  const negative = text.charCodeAt(0) === 45;
  const padded = (negative ? text.slice(1) : text).padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

const fromNumber = (minor: number, digits: number): ExactAmount => ({ amount: formatMinor(minor, digits), amountMinor: minor });

const fromBigint = (minor: bigint, digits: number): ExactAmount => ({ amount: formatMinor(minor, digits), amountMinor: Number(minor) });

/** Exact minor units: the number while it is safe, else the formatted digits without the point ("-0.05" is -5). */
const bigMinorOf = (value: ExactAmount): bigint =>
  isSafe(value.amountMinor) ? BigInt(value.amountMinor) : BigInt(value.amount.replace('.', ''));

export const zeroAmount = (unit: CurrencyUnit): ExactAmount => fromNumber(0, unit.digits);

/**
 * Minor units of a decimal written exactly as `Money.format` writes it (no sign, no leading zero,
 * `digits` decimals) that `Money.parse` accepts and that are a safe integer; null for anything else,
 * which `Money` then parses (or rejects) itself.
 */
function formattedMinor(amount: string, unit: CurrencyUnit): number | null {
  const { digits } = unit;
  const length = amount.length;
  const point = digits === 0 ? length : length - digits - 1;
  if (point < 1 || length > 17 || (point > 1 && amount.charCodeAt(0) === 48)) return null;
  if (digits > 0 && amount.charCodeAt(point) !== 46) return null;
  let minor = 0;
  for (let i = 0; i < length; i++) {
    if (i === point) continue;
    const digit = amount.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    minor = minor * 10 + digit;
  }
  return isSafe(minor) && minor <= unit.maxMinor ? minor : null;
}

/** The unit of a code `Currency.parse` accepts; null for one it rejects, which `Money` then reports. */
function unitIfValid(raw: string): CurrencyUnit | null {
  try {
    return currencyUnit(raw);
  } catch {
    return null;
  }
}

/** An event's money as `Money.fromJson` reads it: the same values and the same validation errors. */
export function exactAmountOf(json: MoneyJson): { unit: CurrencyUnit; value: ExactAmount } {
  // Events are untyped JSON: an amount that is no string must fail exactly as it fails in `Money`.
  const unit = typeof json.amount === 'string' ? unitIfValid(json.currency) : null;
  const minor = unit === null ? null : formattedMinor(json.amount, unit);
  if (unit !== null && minor !== null) return { unit, value: { amount: json.amount, amountMinor: minor } };
  const money = Money.fromJson({ amount: json.amount, currency: json.currency });
  const parsed = currencyUnit(money.currency);
  return { unit: parsed, value: fromBigint(money.amountMinor, parsed.digits) };
}

/** total + add - remove, exactly (either term may be absent). */
export function shiftedAmount(total: ExactAmount, add: ExactAmount | null, remove: ExactAmount | null, unit: CurrencyUnit): ExactAmount {
  let minor = total.amountMinor;
  let safe = isSafe(minor);
  if (add !== null) {
    minor += add.amountMinor;
    safe = safe && isSafe(add.amountMinor) && isSafe(minor);
  }
  if (remove !== null) {
    minor -= remove.amountMinor;
    safe = safe && isSafe(remove.amountMinor) && isSafe(minor);
  }
  if (safe) return fromNumber(minor, unit.digits);
  let exact = bigMinorOf(total);
  if (add !== null) exact += bigMinorOf(add);
  if (remove !== null) exact -= bigMinorOf(remove);
  return fromBigint(exact, unit.digits);
}

/** `Money.multiplyByPercent`: value x percent / 100, rounded half away from zero to whole minor units. */
export function percentOfAmount(value: ExactAmount, percent: number, unit: CurrencyUnit): ExactAmount {
  const product = value.amountMinor * percent;
  const rounded = product + (product < 0 ? -50 : 50);
  // The rounding half is added before dividing: the sum, not only the product, must stay exact.
  if (isSafe(value.amountMinor) && isSafe(rounded) && Number.isInteger(percent)) {
    return fromNumber((rounded - (rounded % 100)) / 100, unit.digits);
  }
  const money = { amountMinor: bigMinorOf(value), currency: unit.currency };
  return fromBigint(Money.multiplyByPercent(money, percent).amountMinor, unit.digits);
}
