import { createHash } from 'node:crypto';
import type { JsonValue } from './json';

/** Metadata key holding an event's link in its stream's hash chain. */
export const CHAIN_HASH_KEY = 'hash';

/** JSON with object keys sorted, so the same value always hashes the same whichever store returned it. */
export const canonicalJson = (value: JsonValue): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
};

/** The chain starts at the stream name, so an event cannot be moved to another stream unnoticed. */
export const genesisHash = (streamName: string): string => createHash('sha256').update(`stream:${streamName}`).digest('hex');

export interface ChainedFields {
  id: string;
  type: string;
  revision: number;
  data: JsonValue;
  /** Metadata without the hash itself. */
  metadata: { [key: string]: JsonValue };
}

/**
 * sha256 over the previous link and everything the event says (its id, type, revision, data and
 * metadata): editing, removing, reordering or inserting an event breaks every later link.
 */
export const chainHash = (previousHash: string, event: ChainedFields): string =>
  createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(canonicalJson([event.id, event.type, event.revision, event.data, withoutHash(event.metadata)]))
    .digest('hex');

export const withoutHash = (metadata: { [key: string]: JsonValue }): { [key: string]: JsonValue } => {
  const { [CHAIN_HASH_KEY]: _ignored, ...rest } = metadata;
  return rest;
};
