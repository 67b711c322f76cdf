import * as currencyCodes from 'currency-codes';
import { ValidationError } from './errors';
import { requireString } from './validation';

/** ISO 4217 codes that are not money one can be paid in: precious metals, units of account, test codes. */
const NOT_TENDER = new Set(['XAG', 'XAU', 'XPD', 'XPT', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA', 'XTS', 'XXX']);

/**
 * Minor-unit digits per tender code, built once: currency-codes searches its table linearly on every
 * call, and projections parse money on almost every event they apply.
 */
const DIGITS: ReadonlyMap<string, number> = new Map(
  currencyCodes
    .codes()
    .filter((code) => !NOT_TENDER.has(code))
    .map((code) => [code, currencyCodes.code(code)?.digits ?? 0] as const),
);

/** An ISO 4217 currency code, uppercase ("EUR"). */
export const Currency = {
  parse(raw: unknown, field = 'currency'): string {
    const value = requireString(raw, field).trim().toUpperCase();
    if (!DIGITS.has(value)) throw ValidationError.field(field, 'must be an ISO 4217 currency code');
    return value;
  },
  /** Number of decimals of the currency's minor unit: EUR 2, JPY 0, BHD 3. */
  minorDigits(code: string): number {
    const digits = DIGITS.get(code);
    if (digits === undefined) throw ValidationError.field('currency', 'must be an ISO 4217 currency code');
    return digits;
  },
};
