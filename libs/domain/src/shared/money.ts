import { Currency } from './currency';
import { RuleViolation, ValidationError } from './errors';
import { requireString } from './validation';

/** Exact amount in integer minor units of its currency (cents for EUR, yen for JPY). */
export interface Money {
  readonly amountMinor: bigint;
  readonly currency: string;
}

/** The JSON form used in events and at the API edge: { amount: "12500.00", currency: "EUR" }. */
export type MoneyJson = { amount: string; currency: string };

export const MAX_MAJOR_UNITS = 10n ** 15n;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

function parseAmount(raw: string, digits: number, field: string): bigint {
  const match = DECIMAL.exec(raw.trim());
  if (raw.length > 40 || match === null) {
    throw ValidationError.field(field, 'must be a non-negative decimal number such as 12500.00');
  }
  const [, whole, fraction = ''] = match;
  const kept = fraction.slice(0, digits);
  if (/[^0]/.test(fraction.slice(digits))) {
    throw ValidationError.field(field, `must have at most ${digits} decimals`);
  }
  const minor = BigInt(whole + kept.padEnd(digits, '0'));
  if (minor > MAX_MAJOR_UNITS * 10n ** BigInt(digits)) {
    throw ValidationError.field(field, `must be at most ${MAX_MAJOR_UNITS} units`);
  }
  return minor;
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new RuleViolation('CURRENCY_MISMATCH', `Cannot combine ${a.currency} and ${b.currency}`);
  }
}

export const Money = {
  /** Parses a decimal string; field names are reported as given (defaults "amount" and "currency"). */
  parse(amount: unknown, currency: unknown, amountField = 'amount', currencyField = 'currency'): Money {
    const code = Currency.parse(currency, currencyField);
    const text = requireString(amount, amountField);
    return { amountMinor: parseAmount(text, Currency.minorDigits(code), amountField), currency: code };
  },

  ofMinor(amountMinor: bigint, currency: string): Money {
    return { amountMinor, currency: Currency.parse(currency) };
  },

  zero: (currency: string): Money => Money.ofMinor(0n, currency),

  /** "12500.00" for EUR, "12500" for JPY, "1.500" for BHD. */
  format(money: Money): string {
    const digits = Currency.minorDigits(money.currency);
    const sign = money.amountMinor < 0n ? '-' : '';
    const abs = (money.amountMinor < 0n ? -money.amountMinor : money.amountMinor).toString();
    if (digits === 0) return sign + abs;
    const padded = abs.padStart(digits + 1, '0');
    return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  },

  add(a: Money, b: Money): Money {
    assertSameCurrency(a, b);
    return { amountMinor: a.amountMinor + b.amountMinor, currency: a.currency };
  },

  subtract(a: Money, b: Money): Money {
    assertSameCurrency(a, b);
    return { amountMinor: a.amountMinor - b.amountMinor, currency: a.currency };
  },

  /** amount x percent / 100, rounded half away from zero to whole minor units (weighted pipeline). */
  multiplyByPercent(money: Money, percent: number): Money {
    if (!Number.isInteger(percent)) throw new RangeError(`percent must be an integer, got ${percent}`);
    const product = money.amountMinor * BigInt(percent);
    const half = product < 0n ? -50n : 50n;
    return { amountMinor: (product + half) / 100n, currency: money.currency };
  },

  /** One total per currency, in order of first appearance: sums never convert between currencies. */
  sumByCurrency(items: readonly Money[]): Money[] {
    const totals = new Map<string, bigint>();
    for (const item of items) totals.set(item.currency, (totals.get(item.currency) ?? 0n) + item.amountMinor);
    return [...totals].map(([currency, amountMinor]) => ({ amountMinor, currency }));
  },

  equals: (a: Money, b: Money): boolean => a.currency === b.currency && a.amountMinor === b.amountMinor,

  toJson: (money: Money): MoneyJson => ({ amount: Money.format(money), currency: money.currency }),

  fromJson(json: MoneyJson): Money {
    const negative = json.amount.startsWith('-');
    const parsed = Money.parse(negative ? json.amount.slice(1) : json.amount, json.currency);
    return negative ? { ...parsed, amountMinor: -parsed.amountMinor } : parsed;
  },

};
