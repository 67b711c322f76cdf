import { PhoneNumberFormat, PhoneNumberUtil } from 'google-libphonenumber';
import { ValidationError } from './errors';
import { requireString } from './validation';

export const DEFAULT_PHONE_REGION = 'NL';

const util = PhoneNumberUtil.getInstance();

/** A phone number normalised to E.164 ("+31201234567"); numbers without "+" are read as Dutch. */
export const Phone = {
  parse(raw: unknown, field = 'phone', defaultRegion = DEFAULT_PHONE_REGION): string {
    const value = requireString(raw, field).trim();
    const invalid = () => ValidationError.field(field, 'must be a valid phone number such as +31 20 123 4567');
    if (value.length === 0 || value.length > 40) throw invalid();
    let number;
    try {
      number = util.parse(value, defaultRegion);
    } catch {
      throw invalid();
    }
    if (!util.isValidNumber(number)) throw invalid();
    return util.format(number, PhoneNumberFormat.E164);
  },
};
