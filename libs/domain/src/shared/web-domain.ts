import { domainToASCII } from 'node:url';
import { ValidationError } from './errors';
import { requireString } from './validation';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Strips what people paste around a domain: scheme, credentials, path, query, port, trailing dot. */
function stripDecorations(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^[^@]*@/, '')
    .replace(/:\d*$/, '')
    .replace(/\.$/, '');
}

export function isValidHostname(host: string): boolean {
  const labels = host.split('.');
  return (
    host.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    !/^\d+$/.test(labels[labels.length - 1])
  );
}

/**
 * A registrable web domain, lowercase ASCII (IDN as punycode). Input such as "https://www.Acme.nl/about"
 * is accepted and normalised to "acme.nl": the scheme, path, port and one leading "www." are dropped,
 * because a company is identified by its domain, not by its web server's name.
 */
export const WebDomain = {
  parse(raw: unknown, field = 'domain'): string {
    const stripped = stripDecorations(requireString(raw, field));
    const ascii = domainToASCII(stripped);
    const host = ascii.startsWith('www.') && ascii.split('.').length > 2 ? ascii.slice(4) : ascii;
    if (!isValidHostname(host)) {
      throw ValidationError.field(field, 'must be a domain name such as acme.com');
    }
    return host;
  },
};
