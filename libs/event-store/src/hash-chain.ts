import { hash } from 'node:crypto';
import type { JsonValue } from './json';

/** Metadata key holding an event's link in its stream's hash chain. */
export const CHAIN_HASH_KEY = 'hash';

/**
 * JSON with object keys sorted, so the same value always hashes the same whichever store returned it.
 * Every stored chain was computed over exactly these bytes. The text is built by appending pieces
 * rather than by joining mapped arrays: a join copies everything below it once per level of nesting,
 * which for a sealed lead event came to ~10 KB of short-lived strings per write.
 */
export const canonicalJson = (value: JsonValue): string => (value === null || typeof value !== 'object' ? JSON.stringify(value) : canonicalContainer(value, null));

/** An array or object; `skipKey` leaves one of an object's keys out (the chain link of the metadata). */
const canonicalContainer = (value: JsonValue[] | { [key: string]: JsonValue }, skipKey: string | null): string => {
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + arrayItem(value[i]);
    return text + ']';
  }
  const keys = Object.keys(value).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    if (key === skipKey) continue;
    // A key's value of undefined (not JSON, but not refused on this path) is written as the word, as a template string writes it.
    text += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(value[key] as JsonValue);
    first = false;
  }
  return text + '}';
};

/** As `Array.prototype.join` writes an item: nothing for a hole or undefined. */
const arrayItem = (item: JsonValue | undefined): string => (item === undefined ? '' : (canonicalJson(item) ?? ''));

/** The chain starts at the stream name, so an event cannot be moved to another stream unnoticed. */
export const genesisHash = (streamName: string): string => hash('sha256', `stream:${streamName}`, 'hex');

export interface ChainedFields {
  id: string;
  type: string;
  revision: number;
  data: JsonValue;
  /** The event's metadata, a plain object (appends refuse any other); its own `hash`, if any, is left out of the link. */
  metadata: { [key: string]: JsonValue };
}

/**
 * sha256 over the previous link and everything the event says (its id, type, revision, data and
 * metadata): editing, removing, reordering or inserting an event breaks every later link. The bytes
 * are the previous link, a newline and `canonicalJson([id, type, revision, data, metadata without
 * its hash])`, hashed in one call (no Hash object per event).
 */
export const chainHash = (previousHash: string, event: ChainedFields): string => {
  const fields =
    '[' + arrayItem(event.id) + ',' + arrayItem(event.type) + ',' + arrayItem(event.revision) + ',' + arrayItem(event.data) + ',' + canonicalContainer(event.metadata, CHAIN_HASH_KEY) + ']';
  return hash('sha256', previousHash + '\n' + fields, 'hex');
};
