import * as currencyCodes from 'currency-codes';
import { ValidationError } from './errors';
import { requireString } from './validation';

/** ISO 4217 codes that are not money one can be paid in: precious metals, units of account, test codes. */
const NOT_TENDER = new Set(['XAG', 'XAU', 'XPD', 'XPT', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA', 'XTS', 'XXX']);

/** An ISO 4217 currency code, uppercase ("EUR"). */
export const Currency = {
  parse(raw: unknown, field = 'currency'): string {
    const value = requireString(raw, field).trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(value) || NOT_TENDER.has(value) || currencyCodes.code(value) === undefined) {
      throw ValidationError.field(field, 'must be an ISO 4217 currency code');
    }
    return value;
  },
  /** Number of decimals of the currency's minor unit: EUR 2, JPY 0, BHD 3. */
  minorDigits(code: string): number {
    const record = currencyCodes.code(code);
    if (record === undefined) throw ValidationError.field('currency', 'must be an ISO 4217 currency code');
    return record.digits;
  },
};
