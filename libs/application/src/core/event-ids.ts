import { createHash } from 'node:crypto';

/** Namespace of Pipeline CRM's name-based uuids (RFC 4122 version 5). */
const NAMESPACE = Buffer.from('6d1f2a7c9b0e4c1fa3b25e8d7c4f1a90', 'hex');

/**
 * The same parts always give the same uuid. Event ids and the ids of entities a command creates are
 * derived from the command id this way, so a retry (by the caller or after a crash) reproduces exactly
 * the same writes and the store deduplicates them.
 */
export const deterministicUuid = (...parts: string[]): string => {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
