import { domainToASCII } from 'node:url';
import { ValidationError } from './errors';
import { requireString } from './validation';
import { isValidHostname } from './web-domain';

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * An email address: trimmed, domain lowercased (the local part keeps its case, which RFC 5321 leaves to
 * the receiving server). Accepts the common dot-atom form only; quoted local parts are refused.
 */
export const Email = {
  parse(raw: unknown, field = 'email'): string {
    const value = requireString(raw, field).trim();
    const at = value.lastIndexOf('@');
    const local = value.slice(0, at);
    const domain = domainToASCII(value.slice(at + 1).toLowerCase());
    const valid =
      at > 0 && value.length <= 254 && local.length <= 64 && LOCAL_PART.test(local) && isValidHostname(domain);
    if (!valid) throw ValidationError.field(field, 'must be an email address such as jane@acme.com');
    return `${local}@${domain}`;
  },
};
