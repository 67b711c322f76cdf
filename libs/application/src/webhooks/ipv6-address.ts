import { isIP } from 'node:net';

/**
 * The eight 16-bit groups of an IPv6 address in any of its text forms: `::` expanded, a dotted IPv4
 * tail read as the last two groups, a zone (`%eth0`) left out. Null when the text is not an IPv6 address.
 */
export const ipv6Groups = (address: string): number[] | null => {
  if (isIP(address) !== 6) return null;
  const text = address.split('%')[0];
  const compressed = text.indexOf('::');
  if (compressed === -1) return groupsOf(text);
  const before = groupsOf(text.slice(0, compressed));
  const after = groupsOf(text.slice(compressed + 2));
  return [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
};

const groupsOf = (part: string): number[] =>
  part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? dottedGroups(group) : [parseInt(group, 16)]));

const dottedGroups = (ipv4: string): number[] => {
  const [a, b, c, d] = ipv4.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
};

/** Two 16-bit groups as the dotted IPv4 address they hold. */
export const ipv4OfGroups = (high: number, low: number): string => [high >> 8, high & 255, low >> 8, low & 255].join('.');
