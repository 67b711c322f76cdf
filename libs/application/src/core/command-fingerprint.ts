import { createHmac, hash } from 'node:crypto';
import type { KeyRing } from '@crm/key-store';

/** Metadata key of the fingerprint of the input a command was answered for (on each of its events). */
export const FINGERPRINT_KEY = 'inputFingerprint';

const LABEL = 'pipeline-crm command input v1\0';

/**
 * The input as JSON would carry it (undefined members left out, Dates as their ISO text), keys
 * sorted, so its key order does not matter. The event store's canonicalJson takes JSON values only;
 * making the input one first (a JSON round trip) cost as much again as this whole walk. The text is
 * built by appending, as canonicalJson's is: joining mapped arrays copied it once per level.
 */
export const canonicalInput = (value: unknown): string => {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalInput((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let text = '[';
    // A hole, or an item JSON has no text for (a function), is written as nothing, as the join of a
    // mapped array wrote it (inputs from GraphQL have neither).
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + (i in value ? (canonicalInput(value[i]) ?? '') : '');
    return text + ']';
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    text += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalInput(member);
    first = false;
  }
  return text + '}';
};

/**
 * A fingerprint of a command's input, kept in the metadata of the events the command wrote, so a
 * retry with the same command id can be told from a reuse of the id for another input.
 *
 * A person's stream (a lead or a contact) takes the input of commands that hold their name, email
 * or notes, and the log is kept for good: a plain hash of it would let anyone who reads the log
 * confirm a guess ("was it jan@example.nl?") long after the person was erased. So there it is an
 * HMAC keyed with the person's data key, under a label of its own (as the nonces of the sealed
 * fields are: distinct labels keep the two uses apart without a key derived per subject). Erasing
 * the person destroys that key, and every fingerprint of theirs with it: null from then on, and a
 * retry is answered as one, since nothing can tell anymore. The other streams (accounts,
 * opportunities) hold nothing personal, and their events keep the input's values in plain JSON
 * beside the fingerprint, so a plain sha256 says nothing the event does not.
 *
 * The alternative of deciding the command again and comparing events was not taken: deciding reads
 * facts of other streams that may have changed, draws new subject ids, and could not compare an
 * erased person's fields at all.
 */
export class CommandFingerprints {
  constructor(private readonly keys: KeyRing) {}

  /** The fingerprint of `input` on a stream of `subjectId` (null: not a person's stream); null once they are erased. */
  async of(input: unknown, subjectId: string | null): Promise<string | null> {
    if (subjectId !== null && this.keys.cached(subjectId) === undefined) await this.keys.load([subjectId]);
    return this.withLoadedKey(input, subjectId);
  }

  /** As `of`, for writers that loaded the subject's key beforehand (seeding decides synchronously). */
  withLoadedKey(input: unknown, subjectId: string | null): string | null {
    const text = LABEL + canonicalInput(input);
    if (subjectId === null) return hash('sha256', text, 'base64url');
    const key = this.keys.cached(subjectId);
    if (key === undefined) throw new Error(`The key of subject ${subjectId} was not loaded before fingerprinting a command`);
    return key === null ? null : createHmac('sha256', key).update(text).digest('base64url');
  }
}

/** Whether a retry's input is the one its command id was first answered for; true when nothing can tell. */
export const sameInput = (stored: string | null, retried: string | null): boolean => stored === null || retried === null || stored === retried;
