import { Currency, MAX_MAJOR_UNITS, type MoneyJson } from '@crm/domain';
import { moneyDoc, moneyOf, type MoneyDoc } from '../pipeline/money-doc';

/**
 * Exact per-currency totals (sorted by currency, zero totals left out) without bigint arithmetic or
 * string parsing on the common path. A MoneyDoc's `amountMinor` is exact whenever it is a safe
 * integer (`moneyDoc` rounds only values beyond 2^53, which never round to a safe integer), and a sum
 * of safe integers is exact whenever it is itself safe. Anything larger is summed as a bigint from the
 * exact `amount` string (a total may exceed what one event's amount may be, so it is not re-validated).
 */

/** Minor units: a number while a safe integer, a bigint only beyond that range. */
type Minor = number | bigint;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Documents hold canonical amounts (exactly the currency's decimals), so the digits are the minor units. */
const minorOf = (money: MoneyDoc): Minor =>
  Number.isSafeInteger(money.amountMinor) ? money.amountMinor : BigInt(money.amount.replace('.', ''));

function plus(a: Minor, b: Minor): Minor {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  const sum = BigInt(a) + BigInt(b);
  return sum <= MAX_SAFE && sum >= -MAX_SAFE ? Number(sum) : sum;
}

/** The same document `moneyDoc` makes, formatted from a number when it can be. */
function totalOf(currency: string, minor: Minor): MoneyDoc {
  if (typeof minor === 'bigint') return moneyDoc({ amountMinor: minor, currency });
  const digits = Currency.minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const units = String(minor < 0 ? -minor : minor);
  if (digits === 0) return { amount: sign + units, currency, amountMinor: minor };
  const padded = units.padStart(digits + 1, '0');
  return { amount: `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`, currency, amountMinor: minor };
}

/**
 * `totals` with `delta` added to `currency`'s total; `fresh` is the document to insert when the
 * currency has no total yet and `delta` is that document's own amount (saves formatting it again).
 */
function addToCurrency(totals: MoneyDoc[], currency: string, delta: Minor, fresh: MoneyDoc | null): MoneyDoc[] {
  if (delta === 0) return totals;
  let at = 0;
  while (at < totals.length && totals[at].currency < currency) at++;
  const next = totals.slice();
  if (at === totals.length || totals[at].currency !== currency) {
    next.splice(at, 0, fresh ?? totalOf(currency, delta));
    return next;
  }
  const sum = plus(minorOf(totals[at]), delta);
  if (sum === 0) next.splice(at, 1);
  else next[at] = totalOf(currency, sum);
  return next;
}

/**
 * `totals` with `out` taken away and `into` added (either may be null). The same array when nothing
 * changes, so callers can tell a no-op by identity. One currency on both sides nets out first.
 */
export function shiftTotals(totals: MoneyDoc[], out: MoneyDoc | null, into: MoneyDoc | null): MoneyDoc[] {
  if (out !== null && into !== null && out.currency === into.currency) {
    return addToCurrency(totals, into.currency, plus(minorOf(into), -minorOf(out)), null);
  }
  let next = totals;
  if (out !== null) next = addToCurrency(next, out.currency, -minorOf(out), null);
  if (into !== null) next = addToCurrency(next, into.currency, minorOf(into), into);
  return next;
}

const MAX_MAJOR = Number(MAX_MAJOR_UNITS);

/** Amounts as `Money.format` writes them, per number of decimals: no sign, no leading zeros. */
const CANONICAL = [0, 1, 2, 3, 4].map((digits) => new RegExp(`^(?:0|[1-9]\\d*)${digits === 0 ? '' : `\\.\\d{${digits}}`}$`));

/** The MoneyDoc of an amount already in canonical form; null when it needs `Money`'s full parse. */
function canonicalDoc({ amount, currency }: MoneyJson): MoneyDoc | null {
  let digits: number;
  try {
    digits = Currency.minorDigits(currency);
  } catch {
    return null;
  }
  const pattern = CANONICAL[digits];
  if (pattern === undefined || typeof amount !== 'string' || !pattern.test(amount)) return null;
  // Parsing decimal digits is exact while the result is a safe integer, and never safe beyond.
  const amountMinor = Number(digits === 0 ? amount : amount.replace('.', ''));
  const valid = Number.isSafeInteger(amountMinor) && amountMinor <= MAX_MAJOR * 10 ** digits;
  return valid ? { amount, currency, amountMinor } : null;
}

/**
 * An event's amount as a MoneyDoc (canonical decimal string, checked as `Money` checks it). `known`
 * is the entity's previous amount: most events repeat it, and then it is reused without parsing.
 */
export function amountDoc(json: MoneyJson, known: MoneyDoc | null): MoneyDoc {
  if (known !== null && known.amount === json.amount && known.currency === json.currency) return known;
  return canonicalDoc(json) ?? moneyDoc(moneyOf(json));
}
